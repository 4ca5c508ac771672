from datetime import datetime

from storage import concerns, meetings
from storage.concerns import NewConcern
from storage.db import Database
from storage.people import Person
from tests.storage.test_meetings import planned, resident


async def _setup(db: Database, officer: Person, now: datetime) -> tuple[int, list[Person]]:
    residents = [await resident(db, now, i) for i in (2001, 2002, 2003)]
    async with db.transaction() as conn:
        meeting = await meetings.add(conn, officer.id, planned(now), now)
    return meeting.id, residents


def new(meeting_id: int, author: Person, text: str, **more: object) -> NewConcern:
    fields: dict[str, object] = {
        "meeting_id": meeting_id,
        "author_id": author.id,
        "problem": "parkeeroverlast",
        "description": text,
    }
    return NewConcern.model_validate(fields | more)


async def test_a_concern_round_trips(db: Database, officer: Person, now: datetime) -> None:
    meeting_id, (an, bert, _) = await _setup(db, officer, now)
    async with db.transaction() as conn:
        concern = await concerns.add(
            conn,
            new(
                meeting_id,
                an,
                "Auto's op het voetpad",
                place=None,
                latitude=51.05,
                longitude=3.72,
                photo_file_id="AgAD",
                solution="Paaltjes",
                keep_informed=True,
            ),
            now,
        )
        other = await concerns.add(conn, new(meeting_id, bert, "Te weinig plaats"), now)
        assert await concerns.get(conn, concern.id) == concern
        assert await concerns.list_for_meeting(conn, meeting_id) == [concern, other]
        assert await concerns.list_by_author(conn, an.id) == [concern]
    assert concern.latitude == 51.05 and concern.keep_informed and concern.merged_into is None


async def test_one_support_per_person(db: Database, officer: Person, now: datetime) -> None:
    meeting_id, (an, bert, carla) = await _setup(db, officer, now)
    async with db.transaction() as conn:
        concern = await concerns.add(conn, new(meeting_id, an, "Drukte"), now)
        assert await concerns.support(conn, concern.id, bert.id, now)
        assert not await concerns.support(conn, concern.id, bert.id, now)
        assert await concerns.support(conn, concern.id, carla.id, now)
        supports = await concerns.supports_for_meeting(conn, meeting_id)
        assert await concerns.follow_support(conn, concern.id, bert.id, True)
        assert not await concerns.follow_support(conn, concern.id, an.id, True)
        assert [s.person_id for s in await concerns.supports_by_person(conn, bert.id)] == [bert.id]
    assert [s.person_id for s in supports] == [bert.id, carla.id]


async def test_withdrawing_removes_the_concern_and_its_supports(
    db: Database, officer: Person, now: datetime
) -> None:
    meeting_id, (an, bert, carla) = await _setup(db, officer, now)
    async with db.transaction() as conn:
        concern = await concerns.add(conn, new(meeting_id, an, "Drukte"), now)
        duplicate = await concerns.add(conn, new(meeting_id, carla, "Veel drukte"), now)
        await concerns.support(conn, concern.id, bert.id, now)
        await concerns.merge(conn, duplicate.id, concern.id, now)
        await concerns.withdraw(conn, concern.id)
        assert await concerns.supports_for_meeting(conn, meeting_id) == []
        left = await concerns.list_for_meeting(conn, meeting_id)
    assert [(c.id, c.merged_into) for c in left] == [(duplicate.id, None)]


async def test_merging_never_makes_a_chain(db: Database, officer: Person, now: datetime) -> None:
    meeting_id, (an, bert, carla) = await _setup(db, officer, now)
    async with db.transaction() as conn:
        a = await concerns.add(conn, new(meeting_id, an, "a"), now)
        b = await concerns.add(conn, new(meeting_id, bert, "b"), now)
        c = await concerns.add(conn, new(meeting_id, carla, "c"), now)
        await concerns.merge(conn, c.id, b.id, now)
        await concerns.merge(conn, b.id, a.id, now)
        merged = {x.id: x.merged_into for x in await concerns.list_for_meeting(conn, meeting_id)}
        await concerns.unmerge(conn, b.id, now)
        unmerged = await concerns.get(conn, b.id)
    assert unmerged is not None and unmerged.merged_into is None
    assert merged == {a.id: None, b.id: a.id, c.id: a.id}


async def test_followers_include_merged_authors_and_following_supporters(
    db: Database, officer: Person, now: datetime
) -> None:
    meeting_id, (an, bert, carla) = await _setup(db, officer, now)
    dirk = await resident(db, now, 2004)
    async with db.transaction() as conn:
        a = await concerns.add(conn, new(meeting_id, an, "a", keep_informed=True), now)
        b = await concerns.add(conn, new(meeting_id, bert, "b", keep_informed=True), now)
        silent = await concerns.add(conn, new(meeting_id, carla, "c"), now)
        await concerns.merge(conn, b.id, a.id, now)
        await concerns.support(conn, a.id, carla.id, now)  # not following
        await concerns.support(conn, b.id, dirk.id, now)
        await concerns.follow_support(conn, b.id, dirk.id, True)
        assert await concerns.followers(conn, [a.id]) == sorted([an.id, bert.id, dirk.id])
        assert await concerns.followers(conn, [silent.id]) == []
        assert await concerns.followers(conn, []) == []
