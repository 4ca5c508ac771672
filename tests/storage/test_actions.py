from datetime import date, datetime

import pytest

from storage import actions, concerns, meetings
from storage.actions import ActionStatus, NewAction
from storage.concerns import NewConcern
from storage.db import Database
from storage.errors import NotFoundError
from storage.people import Person
from tests.storage.test_meetings import planned, resident


async def test_priorities_keep_their_order_and_come_once(
    db: Database, officer: Person, now: datetime
) -> None:
    async with db.transaction() as conn:
        meeting = await meetings.add(conn, officer.id, planned(now), now)
        assert await actions.add_priority(conn, meeting.id, "drugsoverlast", now)
        assert await actions.add_priority(conn, meeting.id, "parkeeroverlast", now)
        assert not await actions.add_priority(conn, meeting.id, "drugsoverlast", now)
        listed = await actions.priorities(conn, meeting.id)
    assert [(p.problem, p.position) for p in listed] == [
        ("drugsoverlast", 1),
        ("parkeeroverlast", 2),
    ]


async def test_an_action_answers_concerns_and_changes_status(
    db: Database, officer: Person, now: datetime
) -> None:
    author = await resident(db, now, 2001)
    async with db.transaction() as conn:
        meeting = await meetings.add(conn, officer.id, planned(now), now)
        concern = await concerns.add(
            conn,
            NewConcern(
                meeting_id=meeting.id,
                author_id=author.id,
                problem="parkeeroverlast",
                description="Voetpad",
            ),
            now,
        )
        await actions.add_priority(conn, meeting.id, "parkeeroverlast", now)
        action = await actions.add(
            conn,
            NewAction(
                meeting_id=meeting.id,
                problem="parkeeroverlast",
                what="Paaltjes plaatsen",
                partner="Gemeente",
                effect=4,
                feasibility=3,
                due_on=date(2025, 6, 1),
                concern_ids=[concern.id, concern.id],
            ),
            officer.id,
            now,
        )
        assert action.status is ActionStatus.PLANNED and action.concern_ids == [concern.id]
        assert await actions.set_status(conn, action.id, ActionStatus.IN_PROGRESS, now)
        assert not await actions.set_status(conn, action.id, ActionStatus.IN_PROGRESS, now)
        with pytest.raises(NotFoundError):
            await actions.set_status(conn, 999, ActionStatus.DONE, now)
        assert await actions.list_for_concerns(conn, [concern.id]) == [
            await actions.get(conn, action.id)
        ]
        assert [a.id for a in await actions.list_for_meeting(conn, meeting.id)] == [action.id]


async def test_an_action_needs_its_priority(db: Database, officer: Person, now: datetime) -> None:
    with pytest.raises(Exception, match="FOREIGN KEY"):
        async with db.transaction() as conn:
            meeting = await meetings.add(conn, officer.id, planned(now), now)
            await actions.add(
                conn,
                NewAction(
                    meeting_id=meeting.id,
                    problem="x",
                    what="y",
                    partner=None,
                    effect=1,
                    feasibility=1,
                    due_on=None,
                    concern_ids=[],
                ),
                officer.id,
                now,
            )
