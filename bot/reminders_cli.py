"""`wijkbot reminders --dry-run [--date DAY]`: who would get which reminder that day, unsent.

The run is the job's own (same plan, same messages), looked at from the reminder time of the
day; what the outbox already holds for that day is said beside it. The residents' reminders
of tomorrow's meetings come after them: those go out every day, weekends too.
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime

from bot.runtime import open_runtime, texts_factory, utc_now
from bot.settings import Settings
from dialogs.engine.engine import Engine
from dialogs.engine.replies import Message
from dialogs.engine.texts import N_, Texts
from dialogs.reminders import meeting_reminders
from dialogs.reminders import run as reminder_run
from dialogs.reminders.digest import render
from dialogs.reminders.due import Planned, ReminderKind
from dialogs.reminders.holidays import holiday
from storage.db import Database
from storage.outbox import OutboxRow, OutboxStatus

MEETING = "meeting"  # a resident's day-before reminder of a meeting
KIND = {
    ReminderKind.DIGEST: N_("cli.reminders.kind.digest"),
    ReminderKind.OVERVIEW: N_("cli.reminders.kind.overview"),
    ReminderKind.SCAN_REMINDER: N_("cli.reminders.kind.scan_reminder"),
    MEETING: N_("cli.reminders.kind.meeting"),
}
STATUS = {
    OutboxStatus.QUEUED: N_("cli.reminders.status.queued"),
    OutboxStatus.SENDING: N_("cli.reminders.status.sending"),
    OutboxStatus.SENT: N_("cli.reminders.status.sent"),
    OutboxStatus.BLOCKED: N_("cli.reminders.status.blocked"),
    OutboxStatus.FAILED: N_("cli.reminders.status.failed"),
}
_TAG = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """A message's HTML as a terminal shows it."""
    return html.unescape(_TAG.sub("", text))


async def dry_run(settings: Settings, day: date | None) -> int:
    texts = texts_factory(settings)(settings.language)
    day = day or texts.local(utc_now()).date()
    runtime = await open_runtime(settings)
    try:
        engine = runtime.engine
        at = datetime.combine(day, engine.zone.reminder_time, tzinfo=texts.timezone)
        print(texts.plain("cli.reminders.title", date=texts.weekday_date(day), time=texts.time(at)))
        planned = await _visit_reminders(runtime.db, engine, texts, day, at)
        owed = await _meeting_reminders(runtime.db, engine, texts, day)
        if not planned and not owed:
            print(texts.plain("cli.reminders.nothing"))
    finally:
        await runtime.close()
    return 0


async def _visit_reminders(
    db: Database, engine: Engine, texts: Texts, day: date, at: datetime
) -> list[Planned]:
    """The officers' and admins' reminders of a working day, printed; none on other days."""
    if day.weekday() >= 5:
        print(texts.plain("cli.reminders.weekend"))
        return []
    if (name := holiday(day)) is not None:
        print(texts.plain("cli.reminders.holiday", holiday=texts.plain(name)))
        return []
    planned = await reminder_run.due_now(db, engine.zone, texts.timezone, at)
    done = await reminder_run.already(db, planned)
    for item, delivery in zip(planned, done, strict=True):
        message = render(item, engine.texts(item.person.language), day)
        heading = _heading(texts, item.person.name, item.person.telegram_id, item.kind, delivery)
        _print_message(heading, message)
    return planned


async def _meeting_reminders(
    db: Database, engine: Engine, texts: Texts, day: date
) -> list[meeting_reminders.Owed]:
    """The residents' reminders of tomorrow's meetings, printed; they go out every day."""
    owed = await meeting_reminders.owed_on(db, engine.texts, texts, day)
    if owed:
        at = datetime.combine(day, meeting_reminders.REMIND_AT, tzinfo=texts.timezone)
        print()
        print(texts.plain("cli.reminders.meetings_title", time=texts.time(at)))
    for reminder in owed:
        person = reminder.person
        heading = _heading(texts, person.name, person.telegram_id, MEETING, None)
        if reminder.sent:
            sent = texts.plain(STATUS[OutboxStatus.SENT])
            heading = texts.plain("cli.reminders.done", heading=heading, status=sent)
        _print_message(heading, reminder.message)
    return owed


def _print_message(heading: str, message: Message) -> None:
    print()
    print(heading)
    for line in plain(message.html).splitlines():
        print(f"    {line}".rstrip())
    for row in message.keyboard:
        print("    " + " ".join(f"[{choice.label}]" for choice in row))


def _heading(
    texts: Texts, name: str, telegram_id: int | None, kind: str, done: OutboxRow | None
) -> str:
    heading = texts.plain(
        "cli.reminders.to", name=name, telegram_id=telegram_id, kind=texts.plain(KIND[kind])
    )
    if done is None:
        return heading
    status = texts.plain(STATUS[done.status])
    return texts.plain("cli.reminders.done", heading=heading, status=status)
