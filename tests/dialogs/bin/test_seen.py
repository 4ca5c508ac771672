""" "Ik heb iets gezien": the member learns before answering who reads it with his name."""

from __future__ import annotations

from dialogs.engine.engine import Engine
from dialogs.engine.replies import Message
from storage import bin_alerts
from storage.people import Role
from tests.dialogs.bin.bin_seed import OFFICER, join, link_code, person
from tests.dialogs.bin.test_compose import write
from tests.dialogs.conftest import Chat


async def member_answering(engine: Engine) -> Chat:
    """A member who opened "Ik heb iets gezien" under an alert his officer just sent."""
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    member = await join(engine, 9001, await link_code(officer, "Centrum"))
    await write(officer, ["Centrum"], "Uitkijken naar een grijze bestelwagen")
    await officer.press("📣 Versturen")
    async with engine.db.transaction() as conn:
        (alert,) = await bin_alerts.latest(conn)
    await member.send(f"/bin_seen {alert.id}")
    return member


async def test_an_answer_says_first_that_the_officer_reads_it_with_the_name(
    engine: Engine,
) -> None:
    member = await member_answering(engine)
    assert "Wat heb je gezien?" in member.text
    assert "met je naam naar de wijkinspecteur" in member.text
    assert member.text.count("Bel 101") == 1  # the intro says it; the question not again
    await member.send("Een grijze bestelwagen")
    await member.send("Kerkstraat")
    await member.send("vandaag rond 14u")
    await member.press("Overslaan")
    await member.press("✅ Versturen")
    told = [r.html for r in member.replies if isinstance(r, Message) and r.to == OFFICER]
    assert len(told) == 1 and "Van: Bewoner 9001" in told[0]  # as the intro said
