"""The day-before reminder of a meeting, for everyone who submitted or supported a concern.

The database says what is due and what was sent: a reminder is recorded (claimed) in the
same transaction that finds it due, before it is sent, so a restart, a second run or a
second process never sends it twice. One that could not be delivered for a passing reason
is released again, to be tried on the next run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dialogs.buurtgesprek import meeting_text
from dialogs.engine.replies import Message
from dialogs.engine.texts import Texts
from storage import concerns, meetings, people
from storage.db import Database
from storage.meetings import Meeting
from storage.people import Person

REMIND_AT = time(10, 0)  # local time on the day before the meeting
LOOK_AHEAD = timedelta(days=2)


@dataclass(frozen=True, slots=True)
class Reminder:
    meeting_id: int
    person_id: int
    message: Message  # with `to` set to the person's Telegram id


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


def remind_from(meeting: Meeting, texts: Texts) -> datetime:
    """From when the reminder is due: the day before, at REMIND_AT (until the start)."""
    day_before = texts.local(meeting.starts_at).date() - timedelta(days=1)
    return datetime.combine(day_before, REMIND_AT, tzinfo=texts.timezone)


async def claim_due(
    db: Database, texts_for: Callable[[str], Texts], default: Texts, now: datetime
) -> list[Reminder]:
    """Every reminder due now and not sent yet, each recorded as sent."""
    due: list[Reminder] = []
    async with db.transaction() as conn:
        for meeting in await meetings.starting_between(conn, now, now + LOOK_AHEAD):
            if now < remind_from(meeting, default):
                continue
            sent = await meetings.reminded(conn, meeting.id)
            for person_id in await concerns.involved(conn, meeting.id):
                if person_id in sent:
                    continue
                person = await people.get(conn, person_id)
                if person is None or person.telegram_id is None:
                    continue
                if not await meetings.claim_reminder(conn, meeting.id, person_id, now):
                    continue
                message = message_of(texts_for(person.language), meeting, person.telegram_id)
                due.append(Reminder(meeting.id, person_id, message))
    return due


async def owed_on(
    db: Database, texts_for: Callable[[str], Texts], default: Texts, day: date
) -> list[Owed]:
    """The reminders whose day is `day` (those of the meetings of the next day), unsent or
    sent already; nothing is claimed."""
    start = datetime.combine(day + timedelta(days=1), time(), tzinfo=default.timezone)
    owed: list[Owed] = []
    async with db.transaction() as conn:
        # (after, until]: a meeting at midnight sharp belongs to the day that starts then.
        before = start - timedelta(microseconds=1)
        for meeting in await meetings.starting_between(conn, before, start + timedelta(days=1)):
            sent = await meetings.reminded(conn, meeting.id)
            for person_id in await concerns.involved(conn, meeting.id):
                person = await people.get(conn, person_id)
                if person is None or person.telegram_id is None:
                    continue
                message = message_of(texts_for(person.language), meeting, person.telegram_id)
                owed.append(Owed(person, message, person_id in sent))
    return owed


async def release(db: Database, reminder: Reminder) -> None:
    async with db.transaction() as conn:
        await meetings.release_reminder(conn, reminder.meeting_id, reminder.person_id)
