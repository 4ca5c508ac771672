"""Forms as data: the form files (`*.toml` beside this code), their schema (`model`), the runner
that asks them one question at a time (`runner`), how a question and the summary look (`view`),
how typed or shared answers are read (`answers`, `dutch_dates`), and the demo form (`demo`)."""

from __future__ import annotations

from dialogs.engine.engine import Engine
from dialogs.forms import demo
from dialogs.forms.model import Form


def install(engine: Engine, forms: dict[str, Form]) -> None:
    """/proef: the short demo form anyone can try."""
    demo.install(engine, forms[demo.FLOW])
