"""Joining a wijk's BIN by its link, leaving it, and what the officer sees: counts, no names."""

from __future__ import annotations

from dialogs.engine.engine import Engine
from dialogs.engine.replies import Deferred, File, Picture
from storage import bin_members, people
from storage.people import Role
from tests.dialogs.bin.bin_seed import ADMIN, OFFICER, join, link_code, person
from tests.dialogs.conftest import Chat


async def test_joining_explains_first_and_the_officer_sees_only_counts(engine: Engine) -> None:
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    code = await link_code(officer, "Centrum")
    made = [r.make() if isinstance(r, Deferred) else r for r in officer.replies]
    assert [r.filename for r in made if isinstance(r, Picture | File)] == [
        "bin-centrum.png",
        "bin-centrum.pdf",
    ]
    resident = Chat(engine, 9001, "Mevrouw Geheim")
    await resident.send(f"/start bin_{code}")
    assert "niet voor noodgevallen" in resident.text
    assert "Bel 101" in resident.text and "Uitschrijven" in resident.text
    async with engine.db.transaction() as conn:
        assert await bin_members.counts(conn, ["Centrum"]) == {"Centrum": 0}  # not yet
    await resident.press("✅ Ja, ik word lid")
    await officer.send("/bin")
    await officer.press("👥 Leden en link")
    assert "wijk Centrum: 1 lid" in officer.text
    assert "Leden per wijk (namen zie je nooit)" in officer.text
    assert "Geheim" not in officer.text


async def test_a_member_of_two_wijken_leaves_one_with_one_press(engine: Engine) -> None:
    await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    await person(engine, 501, Role.OFFICER, "Claes", "Haven")
    admin = await person(engine, ADMIN, Role.ADMIN, "Hoofdinspecteur")
    centrum = await link_code(admin, "Centrum")
    haven = await link_code(admin, "Haven")
    member = await join(engine, 9001, centrum)
    await member.send(f"/start bin_{haven}")
    await member.press("✅ Ja, ik word lid")
    await member.send("/bin")
    assert member.labels == ["Uitschrijven: Centrum", "Uitschrijven: Haven"]
    await member.press("Uitschrijven: Haven")
    assert "uitgeschreven voor wijk Haven" in member.text
    assert member.labels == ["Uitschrijven: Centrum"]
    async with engine.db.transaction() as conn:
        me = await people.by_telegram_id(conn, 9001)
        assert me is not None
        assert await bin_members.areas_of(conn, me.id) == ["Centrum"]


async def test_wrong_codes_count_against_the_start_link_throttle(engine: Engine) -> None:
    guesser = Chat(engine, 9002, "Gokker")
    for _ in range(5):
        await guesser.send("/start bin_deadbeef00")
        assert "ken ik niet" in guesser.text
    await guesser.send("/start bin_deadbeef00")
    assert "ken ik niet" not in guesser.text  # refused without a look
    assert "te veel ongeldige links" in guesser.text


async def test_a_resident_cannot_ask_for_a_link(engine: Engine) -> None:
    resident = Chat(engine, 9003, "Nieuwsgierig")
    await resident.send("/bin")
    assert "geen lid" in resident.text
    await resident.event_button_data("m:bin_link:abcdef12")
    assert "Dat kan ik voor jou niet doen" in resident.text


async def test_the_flyer_files_are_named_after_the_wijk_in_safe_characters(
    engine: Engine,
) -> None:
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Brugse Poort / St. Jozéf")
    await link_code(officer, "Brugse Poort / St. Jozéf")
    made = [r.make() if isinstance(r, Deferred) else r for r in officer.replies]
    # No folder from the slash, no second extension from the dot, no accent a phone drops.
    assert [r.filename for r in made if isinstance(r, Picture | File)] == [
        "bin-brugse-poort-st-jozef.png",
        "bin-brugse-poort-st-jozef.pdf",
    ]
