"""Form files are checked at start-up; a broken one is refused with a clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from dialogs.forms.model import FormError, load_form, load_forms

HEAD = 'id = "f"\nversion = 1\ntitle = "T"\ndone = "D"\n'
Q = '[[questions]]\nid = "{id}"\ntype = "{type}"\nlabel = "L"\nprompt = "P"\n'


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "f.toml"
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def test_the_shipped_forms_load() -> None:
    forms = load_forms()
    assert "proef" in forms
    types = {q.type for q in forms["proef"].questions}
    assert {"single", "multi", "scale", "yesno", "text", "number", "location", "photo"} <= types


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (Q.format(id="a", type="text") * 2, "appears twice"),
        (Q.format(id="a", type="single") + 'options = [{ id = "x", label = "X" }]\n', "two"),
        (Q.format(id="a", type="scale") + "min = 1\n", "min < max"),
        (Q.format(id="a", type="matrix"), "items_from"),
        (Q.format(id="a", type="text") + 'when = { question = "b", in = ["x"] }\n', "earlier"),
        (
            Q.format(id="a", type="text") + Q.format(id="b", type="single") + 'items_from = "a"\n',
            "multi",
        ),
        (Q.format(id="a", type="sketch"), "questions.0.type"),
        (Q.format(id="A b", type="text"), "questions.0.id"),
        (Q.format(id="a", type="text") + "colour = 1\n", "colour"),
        ("questions = [", "f.toml"),
    ],
)
def test_a_broken_form_is_refused_by_name(tmp_path: Path, body: str, problem: str) -> None:
    with pytest.raises(FormError) as error:
        load_form(write(tmp_path, body))
    assert str(error.value).startswith("f.toml")
    assert problem in str(error.value)
    assert "\n" not in str(error.value)
