"""Visit reminders over real HTTP: the job's function is called with the controlled clock, as
the scheduler would call it, and the stand-in plays Telegram, its errors included."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.reminder_jobs import INTERVAL, run_reminders
from bot.runtime import open_runtime
from dialogs.reminders.due import ReminderKind
from storage import blocked_people, invites, outbox, people
from storage.outbox import OutboxStatus
from storage.people import Role
from tests import visit_seed
from tests.e2e.conftest import Person, RunningBot

LONG_AGO = datetime(2024, 1, 10, 12, tzinfo=UTC)
SENT = OutboxStatus.SENT


def moment(day: date, hour: int = 10) -> datetime:
    """`hour` o'clock in Brussels in winter (UTC+1)."""
    return datetime(day.year, day.month, day.day, hour - 1, tzinfo=UTC)


async def officer_with_contacts(
    bot: RunningBot, telegram_id: int = 500, name: str = "Peeters"
) -> Person:
    """An officer with one contact long overdue and one on Telegram, overdue since February."""
    assert bot.runtime is not None
    db, now = bot.runtime.db, bot.clock()
    officer = await visit_seed.person(db, telegram_id, f"Inspecteur {name}", Role.OFFICER, now)
    await visit_seed.contact(db, officer, f"Bakkerij {name}", LONG_AGO)
    contact = await visit_seed.person(db, telegram_id + 1000, "An", Role.CONTACT, now)
    await visit_seed.contact(db, officer, f"Kapper {name}", LONG_AGO, date(2025, 2, 1), contact)
    return bot.person(telegram_id, name)


async def run(bot: RunningBot) -> Counter[OutboxStatus]:
    """The job's run, then its messages sent: how each one ended."""
    assert bot.runtime is not None
    async with bot.runtime.db.transaction() as conn:
        before = await outbox.last_id(conn)
    await run_reminders(bot.runtime.engine)
    await bot.settle()
    async with bot.runtime.db.transaction() as conn:
        return Counter(row.status for row in await outbox.since(conn, before))


def digests(person: Person) -> list[str]:
    return [m.text for m in person.sim.bot_messages if m.text.startswith("Bezoeken ·")]


async def test_the_digest_arrives_with_buttons_and_sends_the_scan(bot: RunningBot) -> None:
    officer = await officer_with_contacts(bot)
    assert await run(bot) == {SENT: 1}
    text = officer.text
    assert text.startswith("Bezoeken · maandag 2 maart 2026")
    assert text.index("Bakkerij Peeters") < text.index("Kapper Peeters")  # longest late first
    assert "nog geen bezoek; in je netwerk sinds 10 januari 2024" in text
    assert officer.labels == [
        "1 · Uitnodigen",
        "1 · Gepland",
        "1 · Later",
        "2 · Scan sturen",
        "2 · Gepland",
        "2 · Later",
    ]
    contact = bot.person(1500, "An")
    await officer.press("2 · Scan sturen")
    assert "Kapper Peeters" in officer.text
    assert "heeft je jaarlijkse sectorscan klaargezet" in contact.text
    await contact.press("Sectorscan starten")
    assert "vraag 1 van 9" in contact.text


async def test_a_new_officer_waits_for_the_next_reminder_time(bot: RunningBot) -> None:
    assert bot.runtime is not None
    db, monday = bot.runtime.db, date(2026, 3, 2)
    officer = bot.person(600, "Nieuw")
    bot.clock.now = moment(monday, 7)
    await officer.send("/start")  # known since the morning, as a resident
    bot.clock.now = moment(monday, 21)
    async with db.transaction() as conn:
        _, token = await invites.create(
            conn,
            role=Role.OFFICER,
            now=bot.clock(),
            expires_at=bot.clock() + timedelta(days=14),
            name="Inspecteur Nieuw",
            area="Centrum",
        )
    await officer.send(f"/start {token}")  # an officer from 21:00 on
    async with db.transaction() as conn:
        joined = await people.by_telegram_id(conn, 600)
    assert joined is not None and joined.role is Role.OFFICER
    await visit_seed.contact(db, joined, "Bakkerij", LONG_AGO)  # a network long overdue
    bot.clock.now = moment(monday, 21).replace(minute=17)
    assert await run(bot) == {}  # today's reminder time was before he started
    bot.clock.now = moment(monday + timedelta(days=1), 9)
    assert await run(bot) == {SENT: 1}
    assert digests(officer)[0].startswith("Bezoeken · dinsdag 3 maart 2026")


async def test_weekends_and_public_holidays_send_nothing(bot: RunningBot) -> None:
    officer = await officer_with_contacts(bot)
    for day in (date(2026, 3, 7), date(2026, 3, 8), date(2026, 4, 6), date(2026, 5, 1)):
        bot.clock.now = moment(day)
        assert await run(bot) == {}
    assert digests(officer) == []
    bot.clock.now = moment(date(2026, 4, 7))  # the Tuesday after Easter Monday
    assert await run(bot) == {SENT: 1}


async def test_a_restart_after_sending_sends_nothing_again(bot: RunningBot) -> None:
    officer = await officer_with_contacts(bot)
    assert await run(bot) == {SENT: 1}
    await bot.restart()
    assert await run(bot) == {}
    assert len(digests(officer)) == 1


async def test_down_at_the_hour_sends_once_on_return_and_skipped_days_are_not_replayed(
    bot: RunningBot,
) -> None:
    officer = await officer_with_contacts(bot)
    bot.clock.now = moment(date(2026, 3, 2), 8)  # before 08:30
    assert await run(bot) == {}
    bot.clock.now = moment(date(2026, 3, 2), 15)  # down at 08:30, back in the afternoon
    await bot.restart()
    assert await run(bot) == {SENT: 1}
    assert await run(bot) == {}
    bot.clock.now = moment(date(2026, 3, 5), 9)  # down on Tuesday and Wednesday
    await bot.restart()
    assert await run(bot) == {SENT: 1}
    assert [text.splitlines()[0] for text in digests(officer)] == [
        "Bezoeken · maandag 2 maart 2026",
        "Bezoeken · donderdag 5 maart 2026",
    ]


async def test_two_runs_and_two_processes_at_once_send_once(bot: RunningBot) -> None:
    officers = [await officer_with_contacts(bot, 500 + n, f"Agent{n}") for n in range(3)]
    assert bot.runtime is not None and bot.application is not None
    second = await open_runtime(bot.settings, bot.clock)  # another process, same database
    try:
        queued = await asyncio.gather(
            run_reminders(bot.runtime.engine),
            run_reminders(bot.runtime.engine),
            run_reminders(second.engine),
        )
    finally:
        await second.close()
    assert sum(queued, Counter()) == {ReminderKind.DIGEST: 3}
    bot.delivery.wake()  # what the other process queued; its own dispatcher would send it too
    await bot.settle()
    assert [len(digests(officer)) for officer in officers] == [1, 1, 1]


async def test_a_blocked_officer_is_skipped_and_the_others_get_theirs(bot: RunningBot) -> None:
    blocking = await officer_with_contacts(bot, 500, "Peeters")
    other = await officer_with_contacts(bot, 501, "Claes")
    blocking.sim.block()
    assert await run(bot) == {OutboxStatus.BLOCKED: 1, SENT: 1}
    assert len(digests(other)) == 1 and digests(blocking) == []
    assert bot.runtime is not None
    async with bot.runtime.db.transaction() as conn:
        peeters = await people.by_telegram_id(conn, 500)
        assert peeters is not None and await blocked_people.ids(conn) == {peeters.id}

    tried = len(bot.standin.calls("sendMessage"))
    bot.clock.now = moment(date(2026, 3, 3))
    assert await run(bot) == {SENT: 1}  # Claes only; Peeters is not tried again
    assert [c["chat_id"] for c in bot.standin.calls("sendMessage")[tried:]] == [501]

    await blocking.send("/start")  # unblocking the bot reaches it as a member update
    bot.clock.now = moment(date(2026, 3, 4))
    assert await run(bot) == {SENT: 2}
    assert len(digests(blocking)) == 1


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # PTB's own
async def test_too_many_requests_waits_and_then_delivers(bot: RunningBot) -> None:
    officer = await officer_with_contacts(bot)
    # The one second Telegram asks for is the dispatcher's to wait; it is this test's cost.
    bot.standin.fail_next("sendMessage", error_code=429, retry_after=1)
    assert await run(bot) == {SENT: 1}
    assert bot.standin.take_fault("sendMessage") is None  # the 429 was met, then retried
    assert len(digests(officer)) == 1


async def test_network_errors_are_retried_until_it_goes(bot: RunningBot) -> None:
    officer = await officer_with_contacts(bot)
    bot.delivery.dispatcher.first_backoff = 0.05
    bot.standin.fail_next(
        "sendMessage", error_code=502, description="Bad Gateway", retry_after=None, times=2
    )
    bot.standin.drop_next("sendMessage")
    assert await run(bot) == {SENT: 1}
    assert await run(bot) == {}  # the next wake-up, the same day: already sent
    assert len(digests(officer)) == 1
    assert bot.runtime is not None
    async with bot.runtime.db.transaction() as conn:
        peeters = await people.by_telegram_id(conn, 500)
        assert peeters is not None
        stored = await outbox.by_key(conn, f"reminder.digest:{peeters.id}:2026-03-02")
    assert stored is not None and (stored.status, stored.attempts) == (SENT, 4)


async def test_a_contact_is_reminded_once_of_a_scan_left_waiting(bot: RunningBot) -> None:
    officer = await officer_with_contacts(bot)
    contact = bot.person(1500, "An")
    await run(bot)
    await officer.press("2 · Scan sturen")
    assert "klaargezet" in contact.text
    bot.clock.now = moment(date(2026, 3, 6))
    await run(bot)
    assert "vriendelijke herinnering" not in contact.seen  # not a week yet
    bot.clock.now = moment(date(2026, 3, 9))
    await run(bot)
    assert "Een vriendelijke herinnering: je sectorscan van Inspecteur Peeters staat sinds" in (
        contact.text
    )
    assert contact.labels == ["Sectorscan starten"]
    for day in (10, 11, 16):
        bot.clock.now = moment(date(2026, 3, day))
        await run(bot)
    assert contact.seen.count("vriendelijke herinnering") == 1
    assert "sectorscan klaargezet op 2 maart 2026" in officer.text  # still in his digest


async def test_the_admin_gets_a_weekly_overview(bot: RunningBot) -> None:
    await officer_with_contacts(bot)
    assert bot.runtime is not None
    await visit_seed.person(bot.runtime.db, 900, "Teamchef", Role.ADMIN, bot.clock())
    admin = bot.person(900, "Teamchef")
    assert await run(bot) == {SENT: 2}
    assert admin.text.startswith("Weekoverzicht bezoeken · maandag 2 maart 2026")
    assert "Inspecteur Peeters (Centrum) – contactpersonen: 2 · te laat: 2 · binnenkort: 0" in (
        admin.text
    )
    bot.clock.now = moment(date(2026, 3, 3))
    assert await run(bot) == {SENT: 1}  # the officer's daily digest only
    assert len(admin.sim.bot_messages) == 1


async def test_the_job_wakes_the_process_regularly(bot: RunningBot) -> None:
    assert bot.application is not None and bot.application.job_queue is not None
    (job,) = bot.application.job_queue.get_jobs_by_name("reminders")
    assert job.next_t is not None and job.job.trigger.interval == INTERVAL
