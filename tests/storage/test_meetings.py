import re
from datetime import datetime, timedelta

import pytest

from storage import concerns, meetings, people
from storage.concerns import NewConcern
from storage.db import Database
from storage.errors import NotFoundError
from storage.meetings import MeetingKind, MeetingStatus, NewMeeting
from storage.people import Person, Role


def planned(now: datetime, days: int = 10, **changes: object) -> NewMeeting:
    starts = now + timedelta(days=days)
    values: dict[str, object] = {
        "kind": MeetingKind.INVENTORY,
        "starts_at": starts,
        "place": "Zaal De Kring",
        "area": "Centrum",
        "theme": None,
        "intake_until": starts - timedelta(hours=20),
    }
    return NewMeeting.model_validate(values | changes)


async def resident(db: Database, now: datetime, telegram_id: int) -> Person:
    async with db.transaction() as conn:
        return await people.create(
            conn,
            telegram_id=telegram_id,
            name=f"Bewoner {telegram_id}",
            role=Role.RESIDENT,
            now=now,
        )


async def test_a_meeting_round_trips_with_a_random_code(
    db: Database, officer: Person, now: datetime
) -> None:
    async with db.transaction() as conn:
        first = await meetings.add(conn, officer.id, planned(now), now)
        second = await meetings.add(conn, officer.id, planned(now, 20), now)
        assert await meetings.get(conn, first.id) == first
        assert await meetings.by_code(conn, first.code) == first
        assert await meetings.by_code(conn, "nosuchcode") is None
        listed = await meetings.list_for_officer(conn, officer.id)
    assert first.code != second.code and len(first.code) == meetings.CODE_LENGTH
    assert re.fullmatch(r"[a-z0-9]+", first.code)
    assert [m.id for m in listed] == [second.id, first.id]  # latest first
    assert first.status is MeetingStatus.PLANNED
    assert first.intake_open(now) and not first.intake_open(first.intake_until)


async def test_update_cancel_and_close(db: Database, officer: Person, now: datetime) -> None:
    async with db.transaction() as conn:
        meeting = await meetings.add(conn, officer.id, planned(now), now)
        changed = await meetings.update(
            conn, meeting.id, planned(now, 12, place="Sporthal", theme="verkeer"), now
        )
        assert changed.place == "Sporthal" and changed.theme == "verkeer"
        assert changed.code == meeting.code
        assert await meetings.cancel(conn, meeting.id, now)
        assert not await meetings.cancel(conn, meeting.id, now)  # once
        assert not await meetings.close(conn, meeting.id, now)  # a cancelled one stays so
        cancelled = await meetings.get(conn, meeting.id)
        with pytest.raises(NotFoundError):
            await meetings.update(conn, 999, planned(now), now)
    assert cancelled is not None and cancelled.status is MeetingStatus.CANCELLED
    assert not cancelled.intake_open(now)


async def test_the_intake_cannot_end_after_the_meeting(
    db: Database, officer: Person, now: datetime
) -> None:
    late = planned(now, intake_until=now + timedelta(days=11))
    with pytest.raises(Exception, match="CHECK"):
        async with db.transaction() as conn:
            await meetings.add(conn, officer.id, late, now)


async def test_starting_between_skips_ended_meetings(
    db: Database, officer: Person, now: datetime
) -> None:
    async with db.transaction() as conn:
        soon = await meetings.add(conn, officer.id, planned(now, 1), now)
        cancelled = await meetings.add(conn, officer.id, planned(now, 1), now)
        await meetings.cancel(conn, cancelled.id, now)
        await meetings.add(conn, officer.id, planned(now, 5), now)
        found = await meetings.starting_between(conn, now, now + timedelta(days=2))
    assert [m.id for m in found] == [soon.id]


async def test_involved_people_are_authors_and_supporters(
    db: Database, officer: Person, now: datetime
) -> None:
    author, supporter, other = [await resident(db, now, i) for i in (2001, 2002, 2003)]
    async with db.transaction() as conn:
        meeting = await meetings.add(conn, officer.id, planned(now), now)
        elsewhere = await meetings.add(conn, officer.id, planned(now, 20), now)
        concern = await concerns.add(
            conn,
            NewConcern(meeting_id=meeting.id, author_id=author.id, problem="x", description="a"),
            now,
        )
        await concerns.add(
            conn,
            NewConcern(meeting_id=elsewhere.id, author_id=other.id, problem="x", description="b"),
            now,
        )
        await concerns.support(conn, concern.id, supporter.id, now)
        assert await concerns.involved(conn, meeting.id) == sorted([author.id, supporter.id])
