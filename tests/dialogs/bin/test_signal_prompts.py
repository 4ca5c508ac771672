"""/melding and "Ik heb iets gezien" say once how to share a place and send a photo: the form's
view adds that line under such a question, so the question itself does not say it again."""

from __future__ import annotations

from dialogs.engine import events
from dialogs.engine.engine import Engine
from storage import bin_alerts
from storage.people import Role
from tests.dialogs.bin.bin_seed import OFFICER, join, link_code, person
from tests.dialogs.bin.test_compose import write
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
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    member = await join(engine, 9001, await link_code(officer, "Centrum"))
    await write(officer, ["Centrum"], "Uitkijken naar een grijze bestelwagen")
    await officer.press("📣 Versturen")
    async with engine.db.transaction() as conn:
        (alert,) = await bin_alerts.latest(conn)
    await member.send(f"/bin_seen {alert.id}")
    await member.send("Een grijze bestelwagen")
    assert "Waar was het?" in member.text and said_once(member)
    await member.send("Kerkstraat")
    await member.send("vandaag rond 14u")
    assert "Heb je een foto?" in member.text and said_once(member)
