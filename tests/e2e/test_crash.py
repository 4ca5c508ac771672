"""A bot process killed (SIGKILL) in the middle of sending: after the restart every message
owed arrives exactly once and nothing is done twice.

The conversation up to the moment that matters runs in the test's own process; then the bot
runs in a process of its own, which the stand-in kills the moment a given call comes in. That
call is then never done, as when the machine dies with it on the wire.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.delivery import records
from bot.standin import SimUser
from storage import actions, bin_members, people
from storage.actions import Action, ActionStatus
from storage.db import Database
from storage.people import Role
from tests.e2e.bot_process import BotProcess
from tests.e2e.conftest import Person, RunningBot
from tests.e2e.test_bin import alerts_seen, send_alert, staff
from tests.e2e.test_buurtgesprek import plan_meeting, submit
from tests.e2e.test_sectorscan import add_contact, answer_scan, officer_of

STALE = "niet meer geldig"


def count(user: SimUser, text: str) -> int:
    return sum(text in message.text for message in user.bot_messages)


def forgive_second_answers(bot: RunningBot) -> None:
    """A button press given again is answered again, and Telegram refuses a second answer to
    one query; the bot takes that in its stride, so the test does too."""
    bot.standin.rejected[:] = [r for r in bot.standin.rejected if r.method != "answerCallbackQuery"]


async def contact_at_the_summary(bot: RunningBot) -> tuple[Person, Person]:
    """An officer and his contact, who has answered every question and sees the summary."""
    officer = await officer_of(bot)
    await add_contact(officer, "Bakkerij Janssens")
    await officer.send("/contacten")
    await officer.press(next(label for label in officer.labels if "Bakkerij" in label))
    await officer.press("Uitnodigen")
    link = re.search(r"https://t\.me/wijkbot_test_bot\?start=([\w-]+)", officer.seen)
    assert link is not None
    contact = bot.person(777, "An")
    await contact.send(f"/start {link[1]}")
    await contact.press("Sectorscan starten")
    await answer_scan(contact, ["Drugsoverlast"], {}, send=False)
    assert "✅ Versturen" in contact.labels
    return officer, contact


async def scans_stored(bot: RunningBot) -> int:
    """Read afresh from the file: the test's own bot is stopped."""
    database = await Database.open(bot.settings.database)
    try:
        async with database.transaction() as conn:
            rows = await conn.execute_fetchall("SELECT count(*) FROM scans")
    finally:
        await database.close()
    return int(next(iter(rows))[0])


async def only_action(bot: RunningBot) -> Action:
    database = await Database.open(bot.settings.database)
    try:
        async with database.transaction() as conn:
            (action,) = await actions.list_for_meeting(conn, 1)
    finally:
        await database.close()
    return action


@pytest.mark.parametrize(
    ("method", "chat"),
    [
        ("editMessageText", 777),  # the contact's "Bedankt", in place of the summary
        ("sendMessage", 500),  # the summary to the officer, from the outbox
    ],
)
async def test_killed_while_a_scan_is_confirmed(
    bot: RunningBot, tmp_path: Path, method: str, chat: int
) -> None:
    officer, contact = await contact_at_the_summary(bot)
    await bot.stop()
    process = BotProcess(bot.settings.database, bot.standin, bot.clock(), tmp_path / "bot.log")
    await process.start()
    try:
        bot.standin.crash_on(method, process.kill, chat_id=chat)
        update = await contact.sim.press("✅ Versturen")
        await process.killed()
        assert update is not None
        # Whether Telegram saw it confirmed before the kill or not, it gives it once more.
        bot.standin.queue.redeliver(update["update_id"])
        await process.start()
        await process.quiet()
    finally:
        await process.stop()
    forgive_second_answers(bot)
    assert count(contact.sim, "Bedankt") == 1
    assert count(officer.sim, "Eerste sectorscan") == 1
    assert count(contact.sim, STALE) == 0
    assert await scans_stored(bot) == 1


async def test_killed_while_a_resident_hears_of_an_action(bot: RunningBot, tmp_path: Path) -> None:
    officer = await officer_of(bot)
    code = await plan_meeting(officer)
    resident = bot.person(901, "Annelies")
    await resident.send(f"/start bg_{code}")
    await submit(resident, "Parkeeroverlast", "Auto's op het voetpad", inform=True)
    bot.clock.advance(days=11)  # after the meeting
    await officer.send("/buurtgesprek")
    await officer.press(next(label for label in officer.labels if "Buurtgesprek Centrum" in label))
    await officer.press("🎯 Prioriteiten en acties")
    await officer.press("➕ Prioriteit kiezen")
    await officer.press("Parkeeroverlast · 👥 1")
    await officer.press("➕ Actie: Parkeeroverlast")
    await officer.send("Paaltjes plaatsen op het voetpad")
    await officer.press("Gemeente")
    await officer.press("4")
    await officer.press("3")
    await officer.send("30/6")
    await officer.press("Klaar")
    await officer.press("✅ Opslaan")
    await officer.press("Actie openen")
    await bot.stop()

    process = BotProcess(bot.settings.database, bot.standin, bot.clock(), tmp_path / "bot.log")
    await process.start()
    try:
        bot.standin.crash_on("sendMessage", process.kill, chat_id=901)
        await officer.sim.press("bezig")
        await process.killed()
        await process.start()
        await process.quiet()
    finally:
        await process.stop()
    update = "De afgesproken actie “Paaltjes plaatsen op het voetpad” is nu: bezig."
    assert count(resident.sim, update) == 1
    assert count(officer.sim, "1 inwoner die op de hoogte wilde blijven") == 1
    assert (await only_action(bot)).status is ActionStatus.IN_PROGRESS


async def test_killed_halfway_through_an_alert_every_member_still_gets_it(
    bot: RunningBot, tmp_path: Path
) -> None:
    officer = await staff(bot, 500, Role.OFFICER, "Peeters", "Centrum")
    members = [9001 + n for n in range(40)]
    assert bot.runtime is not None
    async with bot.runtime.db.transaction() as conn:
        for telegram_id in members:
            person = await people.create(
                conn, telegram_id=telegram_id, name="Lid", role=Role.RESIDENT, now=bot.clock()
            )
            await bin_members.join(conn, person.id, "Centrum", bot.clock())
    residents = {telegram_id: bot.person(telegram_id, "Lid") for telegram_id in members}
    await send_alert(officer, ["Centrum"], "Grijze bestelwagen", "⚠️ Waarschuwing", send=False)
    await bot.stop()

    process = BotProcess(bot.settings.database, bot.standin, bot.clock(), tmp_path / "bot.log")
    await process.start()
    try:
        # The machine dies as the message to the 21st member is on the wire.
        bot.standin.crash_on("sendMessage", process.kill, chat_id=members[20])
        await officer.sim.press("📣 Versturen")
        await process.killed()
        await process.start()
        await process.quiet()
    finally:
        await process.stop()
    got = {t: alerts_seen(r, "Grijze bestelwagen") for t, r in residents.items()}
    assert all(times >= 1 for times in got.values())  # nobody missed
    # Twice only where Telegram had accepted it in the moment before the kill, before its
    # outcome was written: at most the outcomes that wait for one write.
    assert sum(times - 1 for times in got.values()) <= records.MOST


async def test_an_update_given_again_after_a_restart_runs_once(bot: RunningBot) -> None:
    officer, contact = await contact_at_the_summary(bot)
    update = await contact.sim.press("✅ Versturen")
    await bot.settle()
    assert update is not None
    assert count(contact.sim, "Bedankt") == 1
    await bot.restart(given_again=(update["update_id"],))  # as after a crash
    await bot.settle()
    forgive_second_answers(bot)
    assert count(contact.sim, "Bedankt") == 1
    assert count(contact.sim, STALE) == 0
    assert count(officer.sim, "Eerste sectorscan") == 1
    await bot.stop()
    assert await scans_stored(bot) == 1
