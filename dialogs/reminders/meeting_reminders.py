"""The day-before reminder of a meeting, for everyone who submitted or supported a concern.

The database says what is due and what was sent: a reminder is queued in the outbox in the
same transaction that finds it due, once per meeting, person and start (a meeting moved to
another day reminds again), so a restart, a second run or a second process never sends it
twice. The dispatcher sends it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dialogs.buurtgesprek import meeting_text
from dialogs.engine.outgoing import Outgoing, queue
from dialogs.engine.replies import Message
from dialogs.engine.texts import Texts
from storage import concerns, meetings, outbox, people
from storage.codecs import timestamp
from storage.db import Database
from storage.meetings import Meeting
from storage.outbox import OutboxStatus
from storage.people import Person

REMIND_AT = time(10, 0)  # local time on the day before the meeting
LOOK_AHEAD = timedelta(days=2)
CAUSE = "meeting.reminder"


def remind_from(meeting: Meeting, texts: Texts) -> datetime:
    """From when the reminder is due: the day before, at REMIND_AT (until the start)."""
    day_before = texts.local(meeting.starts_at).date() - timedelta(days=1)
    return datetime.combine(day_before, REMIND_AT, tzinfo=texts.timezone)


@dataclass(frozen=True, slots=True)
class Owed:
    """A reminder of one day as a dry run shows it: to whom, what, and whether it went out."""

    person: Person
    message: Message
    sent: bool


def message_of(texts: Texts, meeting: Meeting, telegram_id: int) -> Message:
    html = texts.t(
        "meeting.reminder",
        title=meeting_text.title(texts, meeting),
        when=meeting_text.when(texts, meeting),
        place=meeting.place,
    )
    return Message(html, to=telegram_id)


def key_of(meeting: Meeting, person_id: int) -> str:
    return f"{CAUSE}:{meeting.id}:{person_id}:{timestamp(meeting.starts_at)}"


async def queue_due(
    db: Database, texts_for: Callable[[str], Texts], default: Texts, now: datetime
) -> int:
    """Queue every reminder due now and not queued before; returns how many were queued."""
    queued = 0
    async with db.transaction() as conn:
        for meeting in await meetings.starting_between(conn, now, now + LOOK_AHEAD):
            if now < remind_from(meeting, default):
                continue
            for person_id in await concerns.involved(conn, meeting.id):
                key = key_of(meeting, person_id)
                if await outbox.by_key(conn, key) is not None:
                    continue
                person = await people.get(conn, person_id)
                if person is None or person.telegram_id is None:
                    continue
                message = message_of(texts_for(person.language), meeting, person.telegram_id)
                queued += await queue(conn, [Outgoing(message, CAUSE, key, bulk=True)], now)
    return queued


async def owed_on(
    db: Database, texts_for: Callable[[str], Texts], default: Texts, day: date
) -> list[Owed]:
    """The reminders whose day is `day` (those of the meetings of the next day), unsent or
    sent already; nothing is queued."""
    start = datetime.combine(day + timedelta(days=1), time(), tzinfo=default.timezone)
    owed: list[Owed] = []
    async with db.transaction() as conn:
        # (after, until]: a meeting at midnight sharp belongs to the day that starts then.
        before = start - timedelta(microseconds=1)
        for meeting in await meetings.starting_between(conn, before, start + timedelta(days=1)):
            for person_id in await concerns.involved(conn, meeting.id):
                person = await people.get(conn, person_id)
                if person is None or person.telegram_id is None:
                    continue
                message = message_of(texts_for(person.language), meeting, person.telegram_id)
                row = await outbox.by_key(conn, key_of(meeting, person_id))
                sent = row is not None and row.status is OutboxStatus.SENT
                owed.append(Owed(person, message, sent))
    return owed
