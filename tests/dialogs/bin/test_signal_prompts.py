"""/melding and "Ik heb iets gezien" say once how to share a place and send a photo: the form's
view adds that line under such a question, so the question itself does not say it again."""

from __future__ import annotations

from dialogs.engine import events
from dialogs.engine.engine import Engine
from storage.people import Role
from tests.dialogs.bin.bin_seed import OFFICER, person
from tests.dialogs.bin.test_seen import member_answering
from tests.dialogs.conftest import Chat


def said_once(chat: Chat) -> bool:
    """The paperclip, where to find sharing a place or sending a photo, named only once."""
    return chat.text.count("📎") == 1


async def test_a_signal_says_once_how_to_give_the_place_and_the_photo(engine: Engine) -> None:
    await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    resident = Chat(engine, 9001, "Bewoner")
    await resident.send("/melding")
    await resident.press("Centrum")
    await resident.press("Drugsoverlast")
    await resident.send("Elke avond dealers aan het park")
    assert "Waar is het?" in resident.text and said_once(resident)
    await resident.send("Parkstraat")
    assert "Heb je een foto die het toont?" in resident.text and said_once(resident)
    await resident.event(events.Photo("photo-1"))
    assert "Wil je horen wat je wijkinspecteur ermee doet?" in resident.text


async def test_an_answer_to_an_alert_says_once_how_to_give_the_place_and_the_photo(
    engine: Engine,
) -> None:
    member = await member_answering(engine)
    await member.send("Een grijze bestelwagen")
    assert "Waar was het?" in member.text and said_once(member)
    await member.send("Kerkstraat")
    await member.send("vandaag rond 14u")
    assert "Heb je een foto?" in member.text and said_once(member)
