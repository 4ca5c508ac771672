"""Question types for dialogs an officer fills in: a typed moment confirmed with its weekday,
a typed day, a choice that also takes typed text, choices handed in at the start, prompts
that name the record, and a form whose Stop drops what was filled in."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
from pydantic import ValidationError

from dialogs.engine import access
from dialogs.engine.access import EVERYONE, CommandRule
from dialogs.engine.engine import Engine
from dialogs.engine.replies import Message
from dialogs.engine.turn import Turn
from dialogs.forms.model import Form, load_forms
from dialogs.forms.runner import FormFlow
from tests.dialogs.conftest import Chat

FORM = """
id = "afspraak"
version = 1
title = "Afspraak maken"
submit_label = "✅ Opslaan"
keep_on_stop = false

[[questions]]
id = "wanneer"
type = "moment"
label = "Wanneer"
prompt = "Wanneer zien we {naam}?"

[[questions]]
id = "wie"
type = "single"
label = "Met wie"
prompt = "Met wie?"
allow_typed = true
max_length = 20
options = [{ id = "school", label = "School" }, { id = "gemeente", label = "Gemeente" }]

[[questions]]
id = "tegen"
type = "day"
label = "Tegen"
prompt = "Tegen wanneer?"
optional = true

[[questions]]
id = "over"
type = "multi"
label = "Over"
prompt = "Waarover?"
items_from = "context.meldingen"
optional = true
"""


@pytest.fixture
def saved(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    received: list[dict[str, Any]] = []
    form = Form.model_validate(tomllib.loads(FORM))

    async def keep(turn: Turn, form: Form, answers: dict[str, Any]) -> None:
        assert turn.state is not None
        context = turn.state.data["context"]
        received.append({**answers, "wie": form.answer_label("wie", answers, context)})
        turn.say(turn.t("form.yes"), edit=True)  # the caller says what happened

    flow = FormFlow("afspraak", form, keep)
    engine.add_flow(flow)
    monkeypatch.setitem(access.COMMANDS, "afspraak", CommandRule(EVERYONE, "command.help"))
    context = {
        "naam": "<b>Jan</b>",
        "meldingen": [{"id": "7", "label": "#1 Voetpad"}, {"id": "9", "label": "#2 Oprit"}],
    }

    async def start(turn: Turn, _args: str) -> None:
        await flow.start(turn, context, {"over": ["7", "9"]}, at_summary=False)

    engine.commands["afspraak"] = start
    return received


async def test_a_typed_moment_is_confirmed_with_its_weekday(
    chat: Chat, saved: list[dict[str, Any]]
) -> None:
    await chat.send("/afspraak")
    assert "Wanneer zien we <b>Jan</b>?" in chat.text  # filled from the context, escaped
    question = chat.replies[0]
    assert isinstance(question, Message) and "&lt;b&gt;Jan" in question.html
    await chat.send("12 maart")
    assert "Hoe laat?" in chat.text
    await chat.send("do 12/3 19u")
    assert "donderdag 12 maart 2026 om 19:00. Klopt dat?" in chat.text
    await chat.press("Nee, andere datum")
    assert "Wanneer zien we" in chat.text
    await chat.send("12/3 19u30")
    await chat.send("13/3 20u")  # typed again instead of confirming: the new one counts
    assert "vrijdag 13 maart 2026 om 20:00" in chat.text
    await chat.press("Ja, klopt")
    assert "Met wie?" in chat.text
    await chat.press("« Terug")
    # The answer stands on a line of its own: no full stop after an answer that ends in one.
    assert "Nu: vrijdag 13 maart 2026 om 20:00\nTyp iets nieuws" in chat.text


async def test_typed_choice_day_and_handed_in_choices(
    chat: Chat, saved: list[dict[str, Any]]
) -> None:
    await chat.send("/afspraak")
    await chat.send("morgen 20u")
    await chat.press("Ja, klopt")
    await chat.send("een heel lange partnernaam")
    assert "hoogstens 20" in chat.text and "Met wie?" not in chat.text
    await chat.send("Wegendienst")
    await chat.send("1/3/2026")
    assert "Die dag is al voorbij" in chat.text
    await chat.send("30/6")
    assert chat.labels[:2] == ["✅ #1 Voetpad", "✅ #2 Oprit"]  # preset, not yet answered
    await chat.press("✅ #2 Oprit")
    await chat.press("Klaar")
    assert "Met wie: Wegendienst" in chat.text
    assert "Tegen: dinsdag 30 juni 2026" in chat.text and "Over: #1 Voetpad" in chat.text
    await chat.press("Wijzig: Met wie")
    await chat.send("gemeente")  # typed like a button: the option itself
    assert "Druk op ✅ Opslaan" in chat.text and "Met wie: Gemeente" in chat.text
    await chat.press("✅ Opslaan")
    assert "Verstuurd" not in chat.text and "Ja" in chat.text
    assert saved == [
        {
            "wanneer": "2026-03-03T20:00:00+01:00",
            "wie": "Gemeente",
            "tegen": "2026-06-30",
            "over": ["7"],
        }
    ]


async def test_stop_drops_the_answers_when_the_form_says_so(
    chat: Chat, saved: list[dict[str, Any]]
) -> None:
    await chat.send("/afspraak")
    await chat.send("morgen 20u")
    await chat.press("Ja, klopt")
    await chat.press("Stoppen")
    assert "wordt niet bewaard" in chat.text
    await chat.press("Ja, stoppen")
    assert "Afspraak maken: gestopt. Er is niets bewaard." in chat.text
    await chat.send("hallo")
    assert "Ik weet niet goed wat je bedoelt" in chat.text
    assert saved == []


TWO = 'options = [{id="a",label="A"},{id="b",label="B"}]'


@pytest.mark.parametrize(
    "question",
    [
        f'type = "multi"\nallow_typed = true\n{TWO}',
        f'type = "multi"\nitems_from = "context.x"\n{TWO}',
        'type = "day"\nitems_from = "context.x"',
    ],
)
def test_misused_keys_stop_the_form(question: str) -> None:
    text = (
        f'id="f"\nversion=1\ntitle="F"\n[[questions]]\nid="q"\nlabel="Q"\nprompt="Q?"\n{question}'
    )
    with pytest.raises(ValidationError):
        Form.model_validate(tomllib.loads(text))


def test_the_officer_forms_load() -> None:
    forms = load_forms()
    assert forms["meeting"].question("starts_at").type == "moment"
    assert forms["action"].question("due_on").type == "day"
