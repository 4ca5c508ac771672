"""Meetings, concerns and supports put straight into the database, for dialog tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dialogs.engine.engine import Engine
from storage import concerns, meetings, people
from storage.concerns import Concern, NewConcern
from storage.meetings import Meeting, MeetingKind, NewMeeting
from storage.people import Person, Role

STARTS = datetime(2026, 3, 12, 18, 30, tzinfo=UTC)  # Thursday 19:30 in Brussels
INTAKE_END = datetime(2026, 3, 11, 23, 0, tzinfo=UTC)  # the end of Wednesday in Brussels


async def person(engine: Engine, telegram_id: int, role: Role = Role.RESIDENT) -> Person:
    async with engine.db.transaction() as conn:
        return await people.create(
            conn,
            telegram_id=telegram_id,
            name=f"Persoon {telegram_id}",
            role=role,
            now=engine.clock(),
            area="Centrum" if role is Role.OFFICER else None,
        )


async def meeting(engine: Engine, officer: Person, starts: datetime = STARTS) -> Meeting:
    async with engine.db.transaction() as conn:
        return await meetings.add(
            conn,
            officer.id,
            NewMeeting(
                kind=MeetingKind.INVENTORY,
                starts_at=starts,
                place="Zaal De Kring",
                area="Centrum",
                intake_until=starts - (STARTS - INTAKE_END),
            ),
            engine.clock(),
        )


async def concern(
    engine: Engine,
    meeting: Meeting,
    author: Person,
    text: str,
    problem: str = "parkeeroverlast",
    *,
    inform: bool = False,
    supporters: tuple[Person, ...] = (),
) -> Concern:
    async with engine.db.transaction() as conn:
        added = await concerns.add(
            conn,
            NewConcern(
                meeting_id=meeting.id,
                author_id=author.id,
                problem=problem,
                description=text,
                keep_informed=inform,
            ),
            engine.clock(),
        )
        for supporter in supporters:
            await concerns.support(conn, added.id, supporter.id, engine.clock())
    return added


def after(starts: datetime, **delta: float) -> datetime:
    return starts + timedelta(**delta)
