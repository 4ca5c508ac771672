"""The day-before reminder of a meeting, for everyone who submitted or supported a concern.

The database says what is due and what was sent: a reminder is queued in the outbox in the
same transaction that finds it due, once per meeting, person and start (a meeting moved to
another day reminds again), so a restart, a second run or a second process never sends it
twice. The dispatcher sends it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta

from dialogs.buurtgesprek import meeting_text
from dialogs.engine.outgoing import Outgoing, queue
from dialogs.engine.replies import Message
from dialogs.engine.texts import Texts
from storage import concerns, meetings, outbox, people
from storage.codecs import timestamp
from storage.db import Database
from storage.meetings import Meeting

REMIND_AT = time(10, 0)  # local time on the day before the meeting
LOOK_AHEAD = timedelta(days=2)
CAUSE = "meeting.reminder"


def remind_from(meeting: Meeting, texts: Texts) -> datetime:
    """From when the reminder is due: the day before, at REMIND_AT (until the start)."""
    day_before = texts.local(meeting.starts_at).date() - timedelta(days=1)
    return datetime.combine(day_before, REMIND_AT, tzinfo=texts.timezone)


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
                texts = texts_for(person.language)
                html = texts.t(
                    "meeting.reminder",
                    title=meeting_text.title(texts, meeting),
                    when=meeting_text.when(texts, meeting),
                    place=meeting.place,
                )
                message = Message(html, to=person.telegram_id)
                queued += await queue(conn, [Outgoing(message, CAUSE, key, bulk=True)], now)
    return queued
