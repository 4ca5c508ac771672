"""Signals over real HTTP: from a resident to his wijk's officer, onto a buurtgesprek's agenda,
a status the resident hears, a forward to the group, and /vergeet of the signal's author."""

from __future__ import annotations

from datetime import timedelta

from storage import audit, concerns, meetings, people
from storage.meetings import MeetingKind, NewMeeting
from storage.people import Role
from tests.e2e.conftest import INTERVENTIE, Person, RunningBot

OFFICER, OTHER_OFFICER = 500, 600


async def staff(bot: RunningBot, telegram_id: int, name: str, area: str) -> Person:
    assert bot.runtime is not None
    async with bot.runtime.db.transaction() as conn:
        await people.create(
            conn, telegram_id=telegram_id, name=name, role=Role.OFFICER, now=bot.clock(), area=area
        )
    return bot.person(telegram_id, name)


async def signal(resident: Person, area: str, problem: str, text: str, where: str) -> None:
    await resident.send("/melding")
    assert "niet voor noodgevallen" in resident.seen
    await resident.press(area)
    await resident.press(problem)
    await resident.send(text)
    await resident.send(where)
    await resident.press("Overslaan")
    await resident.press("Ja")
    await resident.press("✅ Versturen")
    assert "Bedankt voor je signaal" in resident.text


async def test_a_signal_goes_from_resident_to_officer_to_agenda_and_back(bot: RunningBot) -> None:
    group = bot.standin.group(INTERVENTIE, "Interventie")
    officer = await staff(bot, OFFICER, "Peeters", "Centrum")
    other = await staff(bot, OTHER_OFFICER, "Claes", "Haven")
    assert bot.runtime is not None
    async with bot.runtime.db.transaction() as conn:
        me = await people.by_telegram_id(conn, OFFICER)
        assert me is not None
        meeting = await meetings.add(
            conn,
            me.id,
            NewMeeting(
                kind=MeetingKind.INVENTORY,
                starts_at=bot.clock() + timedelta(days=10),
                place="Zaal De Kroon",
                area="Centrum",
                intake_until=bot.clock() + timedelta(days=9),
            ),
            bot.clock(),
        )
    resident = bot.person(9001, "Els Inwoner")
    await signal(resident, "Centrum", "Drugsoverlast", "Dealers aan de <speeltuin>", "Parkstraat")
    note = officer.sim.bot_messages[-1]
    assert "Nieuw signaal van een bewoner" in note.text
    assert "Dealers aan de <speeltuin>" in note.text
    assert all("Dealers" not in m.text for m in other.sim.bot_messages)

    await officer.send("/signalen")
    assert "Drugsoverlast – Parkstraat (Centrum): 1 signaal" in officer.text
    await officer.press(next(label for label in officer.labels if "Dealers" in label))
    await officer.press("🗓 Op de agenda van een buurtgesprek")
    await officer.press(next(label for label in officer.labels if "Zaal" in label or "–" in label))
    assert "op de agenda van" in officer.text
    async with bot.runtime.db.transaction() as conn:
        (concern,) = await concerns.list_for_meeting(conn, meeting.id)
        author = await people.by_telegram_id(conn, 9001)
    assert author is not None and concern.author_id == author.id
    assert concern.description == "Dealers aan de <speeltuin>"
    assert "op de agenda van een buurtgesprek" in resident.text

    await signal(resident, "Centrum", "Sluikstorten en zwerfvuil", "Zakken afval", "Kerkplein")
    await officer.send("/signalen")
    await officer.press(next(label for label in officer.labels if "Zakken" in label))
    await officer.press("🚓 Interventiedienst")
    [forwarded] = group.bot_messages
    assert "Zakken afval" in forwarded.text and "Els" not in forwarded.text
    await officer.send("/signalen")
    await officer.press(next(label for label in officer.labels if "Zakken" in label))
    await officer.press("🏛 Doorgegeven aan de stad")
    assert "(Sluikstorten en zwerfvuil, wijk Centrum" in resident.text
    assert "doorgegeven aan de stad" in resident.text
    await officer.send("/signalen")
    assert "geen open signalen" in officer.text

    async with bot.runtime.db.transaction() as conn:
        logged = {entry.action for entry in await audit.since(conn, bot.clock() - timedelta(1))}
    assert {"signal.received", "signals.list", "signal.read", "forward.interventie"} <= logged
    await resident.send("/mijnmeldingen")
    assert "Je signalen aan je wijkinspecteur" in resident.seen

    # A forged button for another officer's signal changes nothing.
    await other.send("/start")
    await other.press_data("m:signal_status:1_solved")
    assert "Dat kan ik voor jou niet doen" in other.text


async def test_forgetting_the_author_erases_the_signal_texts_but_keeps_the_count(
    bot: RunningBot,
) -> None:
    await staff(bot, OFFICER, "Peeters", "Centrum")
    resident = bot.person(9001, "Els Inwoner")
    await signal(resident, "Centrum", "Drugsoverlast", "Dealers", "Parkstraat")
    await resident.send("/vergeet")
    await resident.press("Ja, wis mijn gegevens")
    assert bot.runtime is not None
    async with bot.runtime.db.transaction() as conn:
        rows = list(
            await conn.execute_fetchall(
                "SELECT area, problem, description, place, author_id FROM signals"
            )
        )
    assert [tuple(r) for r in rows] == [("Centrum", "drugsoverlast", None, None, None)]


async def test_wijk_and_zone_show_the_bin_and_signal_figures(bot: RunningBot) -> None:
    officer = await staff(bot, OFFICER, "Peeters", "Centrum")
    assert bot.runtime is not None
    async with bot.runtime.db.transaction() as conn:
        await people.create(conn, telegram_id=700, name="Hoofd", role=Role.ADMIN, now=bot.clock())
    admin = bot.person(700, "Hoofd")
    await officer.send("/bin")
    await officer.press("👥 Leden en link")
    await officer.press("🔗 Link en flyer: Centrum")
    code = officer.seen.rpartition("start=bin_")[2].split()[0]
    resident = bot.person(9001, "Els Inwoner")
    await resident.send(f"/start bin_{code}")
    await resident.press("✅ Ja, ik word lid")
    await signal(resident, "Centrum", "Drugsoverlast", "Dealers", "Parkstraat")
    await signal(resident, "Centrum", "Drugsoverlast", "Weer dealers", "Parkstraat")
    await officer.send("/wijk")
    assert "Centrum: 1 lid, 0 berichten, 0 antwoorden" in officer.seen
    assert "Drugsoverlast: 2" in officer.seen
    await admin.send("/zone")
    assert "Centrum: 1 lid, 0 berichten, 0 antwoorden" in admin.seen


async def test_my_reports_with_signals_only_list_them_without_saying_there_are_none(
    bot: RunningBot,
) -> None:
    await staff(bot, OFFICER, "Peeters", "Centrum")
    resident = bot.person(9001, "Els Inwoner")
    await signal(resident, "Centrum", "Drugsoverlast", "Dealers", "Parkstraat")
    before = len(resident.sim.bot_messages)
    await resident.send("/mijnmeldingen")
    shown = "\n".join(m.text for m in resident.sim.bot_messages[before:])
    assert "Je signalen aan je wijkinspecteur" in shown and "Dealers" in shown
    assert "nog geen meldingen" not in shown
