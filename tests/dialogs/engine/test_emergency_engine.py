"""An emergency typed in the middle of a form: the right number at once, and the form goes on
with the message as its answer."""

from __future__ import annotations

from typing import Any

from dialogs.engine.engine import Engine
from dialogs.engine.replies import Message
from storage import form_responses, people
from storage.people import Role
from tests.dialogs.bin.bin_seed import OFFICER, person
from tests.dialogs.conftest import Chat

WARNING = "wordt niet meteen gelezen"  # every emergency answer ends so


async def to_the_comment_question(chat: Chat) -> None:
    """Walks the trial form up to its free-text question; the years are typed as 101."""
    await chat.send("/proef")
    await chat.press("Nooit")
    await chat.press("Overslaan")
    await chat.press("7")
    await chat.send("101")  # a count of years, not the police number
    assert WARNING not in chat.text and "foto" in chat.text
    await chat.press("Overslaan")
    assert "opmerking" in chat.text


async def stored_answers(engine: Engine) -> dict[str, Any]:
    async with engine.db.transaction() as conn:
        person = await people.by_telegram_id(conn, 1001)
        assert person is not None
        (response,) = await form_responses.list_for_person(conn, person.id)
    return response.answers


async def test_an_emergency_in_a_form_gets_its_number_and_the_form_takes_the_answer(
    chat: Chat, engine: Engine
) -> None:
    await to_the_comment_question(chat)
    await chat.send("er ligt iemand bewusteloos op straat")
    assert "Bel 112 voor brandweer en ambulance" in chat.text
    assert "101" not in chat.text and "1813" not in chat.text
    assert "Mag je wijkinspecteur je hierover contacteren?" in chat.text  # the form goes on
    await chat.press("Ja")
    assert "overzicht" in chat.text and "er ligt iemand bewusteloos op straat" in chat.text
    await chat.press("✅ Versturen")
    answers = await stored_answers(engine)
    assert answers["opmerking"] == "er ligt iemand bewusteloos op straat"
    assert answers["jaren"] == 101


async def test_abuse_told_in_a_form_gets_the_helpline(chat: Chat, engine: Engine) -> None:
    await to_the_comment_question(chat)
    await chat.send("mijn stiefvader slaat me al maanden")
    assert "bel gratis en anoniem 1712" in chat.text
    assert "Mag je wijkinspecteur je hierover contacteren?" in chat.text
    await chat.press("Nee")
    assert "overzicht" in chat.text and "mijn stiefvader slaat me al maanden" in chat.text


async def test_thoughts_of_suicide_outside_a_form_get_1813(chat: Chat) -> None:
    await chat.send("ik wil niet meer leven")
    assert "bel gratis en anoniem 1813" in chat.text
    # Only the warning: "not understood" after it would bury the number.
    assert "Ik weet niet goed wat je bedoelt" not in chat.text
    assert len([r for r in chat.replies if isinstance(r, Message)]) == 1


async def test_a_habit_gets_no_warning(chat: Chat) -> None:
    await chat.send("Aan de achterdeur van mijn bakkerij wordt vaak ingebroken rond Pasen")
    assert WARNING not in chat.text and "Ik weet niet goed wat je bedoelt" in chat.text


async def test_staff_are_not_told_to_call_the_police(engine: Engine) -> None:
    """An officer writing a BIN alert about thieves is the police warning, not an emergency."""
    resident = Chat(engine, 1002, "Bewoner")
    await resident.send("er breken dieven in bij de buren")
    assert WARNING in resident.text  # the same words from a resident are answered
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    await officer.send("/bin")
    await officer.press("✉️ Nieuw BIN-bericht")
    await officer.press("👀 Oproep om uit te kijken")
    await officer.press(next(label for label in officer.labels if "Centrum" in label))
    await officer.press("Verder ➡️")
    await officer.send("er breken dieven in bij de buren")
    assert WARNING not in officer.text and "foto" in officer.text.lower()
    await officer.press("✖️ Stoppen")
    await officer.send("iets wat de bot niet kent")  # outside any dialog
    assert "Ik weet niet goed wat je bedoelt" in officer.text
    assert "Bel 101" not in officer.text  # as his /help: a line for his work, not 101
    await resident.send("iets wat de bot niet kent")
    assert "Dringend politie nodig? Bel 101" in resident.text
