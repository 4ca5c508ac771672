"""The day-before reminder of a meeting, for everyone who submitted or supported a concern.

The database says what is due and what was sent: a reminder is recorded (claimed) in the
same transaction that finds it due, before it is sent, so a restart, a second run or a
second process never sends it twice. One that could not be delivered for a passing reason
is released again, to be tried on the next run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from dialogs.buurtgesprek import meeting_text
from dialogs.engine.replies import Message
from dialogs.engine.texts import Texts
from storage import concerns, meetings, people
from storage.db import Database
from storage.meetings import Meeting

REMIND_AT = time(10, 0)  # local time on the day before the meeting
LOOK_AHEAD = timedelta(days=2)


@dataclass(frozen=True, slots=True)
class Reminder:
    meeting_id: int
    person_id: int
    message: Message  # with `to` set to the person's Telegram id


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
                texts = texts_for(person.language)
                html = texts.t(
                    "meeting.reminder",
                    title=meeting_text.title(texts, meeting),
                    when=meeting_text.when(texts, meeting),
                    place=meeting.place,
                )
                due.append(Reminder(meeting.id, person_id, Message(html, to=person.telegram_id)))
    return due


async def release(db: Database, reminder: Reminder) -> None:
    async with db.transaction() as conn:
        await meetings.release_reminder(conn, reminder.meeting_id, reminder.person_id)
