"""Questions about items known only while filling in: a matrix per chosen problem, a
comparison per problem handed in by the caller, a choice among the problems named."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from dialogs.engine import access
from dialogs.engine.access import EVERYONE, CommandRule
from dialogs.engine.engine import Engine
from dialogs.engine.turn import Turn
from dialogs.forms.model import Form
from dialogs.forms.runner import FormFlow
from tests.dialogs.conftest import Chat

FORM = """
id = "items"
version = 3
title = "Itemtest"
done = "Klaar."

[[questions]]
id = "problemen"
type = "multi"
label = "Problemen"
prompt = "Welke?"
options = [
  { id = "a", label = "Alfa" }, { id = "b", label = "Bravo" }, { id = "c", label = "Charlie" },
]

[[questions]]
id = "ernst"
type = "matrix"
label = "Hinder"
prompt = "Hoeveel hinder?"
items_from = "problemen"
options = [{ id = "beetje", label = "Een beetje" }, { id = "veel", label = "Veel" }]

[[questions]]
id = "vergelijking"
type = "matrix"
label = "Vergeleken"
prompt = "En sinds vorig jaar?"
items_from = "context.vorige"
options = [{ id = "opgelost", label = "Opgelost" }, { id = "erger", label = "Erger" }]

[[questions]]
id = "eerst"
type = "single"
label = "Eerst"
prompt = "Wat eerst?"
items_from = "problemen"
"""


@pytest.fixture
def submitted(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    received: list[dict[str, Any]] = []

    async def keep(_turn: Turn, _form: Form, answers: dict[str, Any]) -> None:
        received.append(answers)

    flow = FormFlow("items", Form.model_validate(tomllib.loads(FORM)), keep)
    engine.add_flow(flow)
    monkeypatch.setitem(access.COMMANDS, "items", CommandRule(EVERYONE, "command.help"))
    context: dict[str, Any] = {"vorige": [{"id": "a", "label": "Alfa"}]}

    async def start(turn: Turn, args: str) -> None:
        await flow.start(turn, context if args == "vorig" else None)

    engine.commands["items"] = start
    return received


async def test_matrix_per_chosen_item_and_comparison_from_context(
    chat: Chat, submitted: list[dict[str, Any]]
) -> None:
    await chat.send("/items vorig")
    assert "vraag 1 van 4" in chat.text  # what hangs on the problems still may come
    await chat.press("Alfa")
    await chat.press("Bravo")
    await chat.press("Klaar")
    assert "vraag 2 van 4" in chat.text and "Hoeveel hinder" in chat.text
    assert chat.labels[:2] == ["▸ Alfa", "Een beetje"] and "▸ Charlie" not in chat.labels
    await chat.press("Veel")  # the first "Veel" is Alfa's row
    await chat.press("Klaar")
    assert "elke rij" in chat.text  # Bravo has no answer yet
    labels = chat.labels
    bravo_row = labels.index("▸ Bravo")
    await chat.event_button(bravo_row + 1)
    await chat.press("Klaar")
    assert "sinds vorig jaar" in chat.text and chat.labels[0] == "▸ Alfa"
    await chat.press("Erger")
    await chat.press("Klaar")
    assert "Wat eerst" in chat.text and chat.labels[:2] == ["Alfa", "Bravo"]
    await chat.press("Bravo")
    assert "Hinder: Alfa: Veel; Bravo: Een beetje" in chat.text

    # Dropping Bravo leaves the "first" choice open, so it is asked again.
    await chat.press("Wijzig: Problemen")
    await chat.press("✅ Bravo")
    await chat.press("Klaar")
    assert "Wat eerst" in chat.text and chat.labels[0] == "Alfa" and "Bravo" not in chat.labels
    await chat.press("Alfa")
    await chat.press("✅ Versturen")
    assert submitted == [
        {
            "problemen": ["a"],
            "ernst": {"a": "veel"},
            "vergelijking": {"a": "erger"},
            "eerst": "a",
        }
    ]


async def test_a_first_time_skips_the_comparison(
    chat: Chat, submitted: list[dict[str, Any]]
) -> None:
    await chat.send("/items")
    assert "vraag 1 van 3" in chat.text
    await chat.press("Charlie")
    await chat.press("Klaar")
    assert "vraag 2 van 3" in chat.text  # no previous problems: no comparison, from the start
    await chat.press("Een beetje")
    await chat.press("Klaar")
    assert "Wat eerst" in chat.text
    await chat.press("Charlie")
    await chat.press("✅ Versturen")
    assert submitted == [{"problemen": ["c"], "ernst": {"c": "beetje"}, "eerst": "c"}]
