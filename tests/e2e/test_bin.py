"""The BIN over real HTTP: joining by link, an alert reaching exactly its wijk's members once,
leaving, a member who blocked the bot, the sender's progress message, a forged wijk button."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.bin_progress import ProgressShower
from bot.settings import Settings
from bot.standin import StandIn
from dialogs.wijk.view import area_key
from storage import audit, bin_alerts, people
from storage.people import Role
from tests.dialogs.conftest import Clock
from tests.e2e.conftest import INTERVENTIE, Person, RunningBot

OFFICER, OTHER_OFFICER, ADMIN = 500, 600, 700


async def staff(
    bot: RunningBot, telegram_id: int, role: Role, name: str, area: str | None
) -> Person:
    assert bot.runtime is not None
    async with bot.runtime.db.transaction() as conn:
        await people.create(
            conn, telegram_id=telegram_id, name=name, role=role, now=bot.clock(), area=area
        )
    return bot.person(telegram_id, name)


async def code_of(officer: Person, area: str) -> str:
    await officer.send("/bin")
    await officer.press("👥 Leden en link")
    await officer.press(f"🔗 Link en flyer: {area}")
    line = next(line for line in officer.seen.splitlines() if "start=bin_" in line)
    return line.rpartition("start=bin_")[2].strip()


async def member(bot: RunningBot, telegram_id: int, *codes: str) -> Person:
    resident = bot.person(telegram_id, f"Bewoner {telegram_id}")
    for code in codes:
        await resident.send(f"/start bin_{code}")
        assert "niet voor noodgevallen" in resident.text
        await resident.press("✅ Ja, ik word lid")
        assert "Welkom in het buurtinformatienetwerk" in resident.text
    return resident


async def send_alert(
    sender: Person, areas: list[str], text: str, kind: str, *, send: bool = True
) -> None:
    await sender.send("/bin")
    await sender.press("✉️ Nieuw BIN-bericht")
    await sender.press(kind)
    for area in areas:
        await sender.press(next(label for label in sender.labels if label.startswith(area)))
    await sender.press("Verder ➡️")
    await sender.send(text)
    await sender.press("Zonder foto")
    await sender.press("Ja")
    if send:
        await sender.press("📣 Versturen")


def alerts_seen(person: Person, text: str) -> int:
    return sum(1 for m in person.sim.bot_messages if text in m.text)


async def test_an_alert_reaches_its_wijk_once_each_and_the_sender_sees_the_report(
    bot: RunningBot,
) -> None:
    officer = await staff(bot, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    other = await staff(bot, OTHER_OFFICER, Role.OFFICER, "Claes", "Haven")
    centrum, haven = await code_of(officer, "Centrum"), await code_of(other, "Haven")
    flyer = [(m.kind, m.filename) for m in other.sim.bot_messages if m.filename]
    assert flyer == [("photo", "bin-haven.png"), ("document", "bin-haven.pdf")]
    first = await member(bot, 9001, centrum)
    both = await member(bot, 9002, centrum, haven)
    gone = await member(bot, 9003, centrum)
    elsewhere = await member(bot, 9004, haven)
    gone.sim.block()
    await send_alert(officer, ["Centrum"], "Inbraken in de <Kerkstraat>", "⚠️ Waarschuwing")

    for reached in (first, both):
        assert alerts_seen(reached, "Inbraken in de <Kerkstraat>") == 1
        assert "Uitschrijven" in reached.last.button_labels()
    assert alerts_seen(elsewhere, "Inbraken") == 0 and alerts_seen(gone, "Inbraken") == 0

    assert bot.application is not None and bot.runtime is not None
    shower = ProgressShower(bot.runtime.engine, bot.application.bot)
    assert await shower.run_once() == 1
    report = officer.sim.bot_messages[-1]
    assert "Bereikt: 2 van 3" in report.text
    assert "Onbereikbaar (bot geblokkeerd): 1" in report.text
    assert await shower.run_once() == 0  # reported once, then left alone
    await officer.send("/bin")
    await officer.press("📋 Verstuurde berichten")
    assert "door Peeters, aan wijk Centrum" in officer.text
    assert "Bereikt: 2 van 3 · onbereikbaar: 1 · mislukt: 0" in officer.text
    await officer.send("/bin")
    await officer.press("👥 Leden en link")
    assert "wijk Centrum: 2 leden" in officer.text  # who blocked the bot no longer counts


async def test_a_member_of_two_wijken_gets_one_alert_and_leaving_stops_them(
    bot: RunningBot,
) -> None:
    officer = await staff(bot, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    other = await staff(bot, OTHER_OFFICER, Role.OFFICER, "Claes", "Haven")
    admin = await staff(bot, ADMIN, Role.ADMIN, "Hoofd", None)
    both = await member(bot, 9002, await code_of(officer, "Centrum"), await code_of(other, "Haven"))
    stays = await member(bot, 9003, await code_of(other, "Haven"))
    await send_alert(
        admin, ["Centrum", "Haven"], "Oplichters aan de deur", "👀 Oproep om uit te kijken"
    )
    assert alerts_seen(both, "Oplichters aan de deur") == 1
    assert "Wijk Centrum, Haven" in both.text

    await both.press("Uitschrijven")  # under the alert: both its wijken
    assert "uitgeschreven voor wijk Centrum, Haven" in both.seen
    await send_alert(admin, ["Centrum", "Haven"], "Tweede bericht", "💡 Preventietip")
    assert alerts_seen(stays, "Tweede bericht") == 1
    assert alerts_seen(both, "Tweede bericht") == 0


async def test_a_message_halfway_is_kept_and_sent_later(bot: RunningBot) -> None:
    officer = await staff(bot, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    resident = await member(bot, 9001, await code_of(officer, "Centrum"))
    await officer.send("/bin")
    await officer.press("✉️ Nieuw BIN-bericht")
    await officer.press("⚠️ Waarschuwing")
    await officer.press("Centrum (1)")
    await officer.press("Verder ➡️")
    await officer.send("Valse loodgieters bellen aan in de Molenstraat")
    await officer.send("/help")
    await officer.press("Proefvragenlijst starten")
    assert "Nieuw BIN-bericht: je bent er nog mee bezig" in officer.text
    await officer.press("Bewaren, later verdergaan")
    assert "Valse loodgieters" not in officer.seen  # only typed so far, never shown back

    await officer.send("/bin")
    await officer.press("✉️ Nieuw BIN-bericht")
    await officer.press("Stoppen, niet bewaren")  # the proefvragenlijst begun meanwhile
    assert "Je was nog bezig: Nieuw BIN-bericht" in officer.text
    await officer.press("Verdergaan")
    text = "Valse loodgieters bellen aan in de Molenstraat"
    assert alerts_seen(officer, text) == 1  # what he wrote, above the step he was at
    assert "Wil je er een foto bij sturen" in officer.text
    await officer.press("Zonder foto")
    await officer.press("Ja")
    assert alerts_seen(officer, text) == 2  # and in the preview
    assert "Het bericht gaat naar 1 lid" in officer.text
    await officer.press("📣 Versturen")
    assert alerts_seen(resident, text) == 1


async def test_a_forged_button_cannot_send_to_another_officers_wijk(bot: RunningBot) -> None:
    officer = await staff(bot, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    other = await staff(bot, OTHER_OFFICER, Role.OFFICER, "Claes", "Haven")
    haven = await member(bot, 9004, await code_of(other, "Haven"))
    await officer.send("/bin")
    await officer.press("✉️ Nieuw BIN-bericht")
    await officer.press("⚠️ Waarschuwing")
    button = officer.last.button("Centrum (0)")
    assert button is not None and button.data is not None
    token = button.data.split(":")[0]
    await officer.press_data(f"{token}:a:{area_key('Haven')}")
    assert "Dat kan ik voor jou niet doen" in officer.seen
    await officer.press_data(f"m:bin_link:{area_key('Haven')}")
    assert "start=bin_" not in officer.text
    assert "Haven" not in " ".join(officer.labels)
    assert alerts_seen(haven, "BIN-bericht van de politie") == 0
    assert bot.runtime is not None
    async with bot.runtime.db.transaction() as conn:
        assert await bin_alerts.latest(conn) == []


@pytest.fixture
async def paid_bot(tmp_path: Path, standin: StandIn) -> RunningBot:
    settings = Settings(  # type: ignore[call-arg]
        database=tmp_path / "wijkbot.db", bin_paid_broadcast=True, _env_file=None
    )
    running = RunningBot(settings, standin, Clock())
    await running.start()
    return running


async def test_a_paid_warning_is_accepted_by_the_bot_api(paid_bot: RunningBot) -> None:
    try:
        officer = await staff(paid_bot, OFFICER, Role.OFFICER, "Peeters", "Centrum")
        resident = await member(paid_bot, 9001, await code_of(officer, "Centrum"))
        await send_alert(officer, ["Centrum"], "Snel weten", "⚠️ Waarschuwing")
        assert alerts_seen(resident, "Snel weten") == 1  # the stand-in checked the parameter
        calls = paid_bot.standin.calls("sendMessage")
        assert [c.get("allow_paid_broadcast") for c in calls if c["chat_id"] == 9001][-1] is True
        assert paid_bot.runtime is not None
        async with paid_bot.runtime.db.transaction() as conn:
            (alert,) = await bin_alerts.latest(conn)
        assert alert.paid
    finally:
        await paid_bot.stop()


async def test_what_a_member_saw_reaches_the_officer_and_the_group(bot: RunningBot) -> None:
    group = bot.standin.group(INTERVENTIE, "Interventie")
    officer = await staff(bot, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    code = await code_of(officer, "Centrum")
    witness = await member(bot, 9001, code)
    other = await member(bot, 9002, code)
    await send_alert(officer, ["Centrum"], "Uitkijken naar een grijze Golf", "⚠️ Waarschuwing")
    await witness.press("👀 Ik heb iets gezien")
    assert "Zie je het nu gebeuren? Bel 101." in witness.seen
    await witness.send("Grijze Golf <reed> traag rond")
    await witness.send("Kerkstraat")
    await witness.send("vandaag rond 14u")
    await witness.press("Overslaan")
    await witness.press("✅ Versturen")
    assert "De politie leest elk antwoord" in witness.text

    told = officer.sim.bot_messages[-1].text
    assert "Antwoord op je BIN-bericht" in told and "Bewoner 9001" in told
    assert "Grijze Golf <reed> traag rond" in told and "Kerkstraat" in told
    [in_group] = group.bot_messages
    assert "Grijze Golf <reed> traag rond" in in_group.text
    assert "Bewoner" not in in_group.text  # the group does not learn who answered
    assert alerts_seen(other, "Grijze Golf <reed>") == 0
    assert bot.runtime is not None
    async with bot.runtime.db.transaction() as conn:
        logged = [e.action for e in await audit.since(conn, bot.clock() - timedelta(days=1))]
    assert logged.count("bin.alert") == 1 and logged.count("bin.answer") == 1

    # Someone the alert never went to cannot answer it, even with the button's data.
    stranger = bot.person(9005, "Vreemde")
    await stranger.send("/start")
    assert bot.runtime is not None
    async with bot.runtime.db.transaction() as conn:
        (alert,) = await bin_alerts.latest(conn)
    await stranger.press_data(f"m:bin_seen:{alert.id}")
    assert "kan je niet antwoorden" in stranger.text


async def test_a_member_who_asks_to_be_forgotten_leaves_and_gets_no_more_alerts(
    bot: RunningBot,
) -> None:
    bot.standin.group(INTERVENTIE, "Interventie")
    officer = await staff(bot, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    resident = await member(bot, 9001, await code_of(officer, "Centrum"))
    stays = await member(bot, 9003, await code_of(officer, "Centrum"))
    await send_alert(officer, ["Centrum"], "Eerste bericht", "📰 Informatie")
    await resident.press("👀 Ik heb iets gezien")
    for answer in ("Een ladder tegen de gevel", "Molenstraat 3", "gisteren"):
        await resident.send(answer)
    await resident.press("Overslaan")
    await resident.press("✅ Versturen")
    await resident.send("/mijngegevens")
    assert "Lid van het buurtinformatienetwerk van: Centrum" in resident.seen
    assert "Antwoorden op BIN-berichten: 1" in resident.seen
    await resident.send("/vergeet")
    await resident.press("Ja, wis mijn gegevens")
    await send_alert(officer, ["Centrum"], "Tweede bericht", "📰 Informatie")
    assert alerts_seen(stays, "Tweede bericht") == 1
    assert alerts_seen(resident, "Tweede bericht") == 0
    assert bot.runtime is not None
    async with bot.runtime.db.transaction() as conn:
        rows = await conn.execute_fetchall("SELECT person_id, what, place FROM bin_answers")
        members = list(await conn.execute_fetchall("SELECT count(*) AS n FROM bin_members"))
    assert [tuple(r) for r in rows] == [(None, None, None)]  # that it came stays, not who or what
    assert members[0]["n"] == 1  # the one who stays
