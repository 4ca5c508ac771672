import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from storage import people
from storage.db import Database
from storage.errors import NotFoundError
from storage.people import Person, Role


async def test_create_and_read_back(db: Database, now: datetime) -> None:
    async with db.transaction() as conn:
        created = await people.create(
            conn,
            telegram_id=123456789,
            name="Inspecteur Dubois",
            role=Role.OFFICER,
            now=now,
            area="Heirbrug",
        )
        by_id = await people.get(conn, created.id)
        by_telegram = await people.by_telegram_id(conn, 123456789)

    assert created == by_id == by_telegram
    assert created == Person(
        id=created.id,
        telegram_id=123456789,
        name="Inspecteur Dubois",
        role=Role.OFFICER,
        area="Heirbrug",
        language="nl",
        created_at=now,
        updated_at=now,
    )
    assert created.created_at.tzinfo is UTC


async def test_unknown_people_are_none(db: Database) -> None:
    async with db.transaction() as conn:
        assert await people.get(conn, 42) is None
        assert await people.by_telegram_id(conn, 42) is None


async def test_people_without_telegram_link(db: Database, now: datetime) -> None:
    async with db.transaction() as conn:
        first = await people.create(conn, telegram_id=None, name="A", role=Role.RESIDENT, now=now)
        second = await people.create(conn, telegram_id=None, name="B", role=Role.RESIDENT, now=now)
    assert first.telegram_id is second.telegram_id is None
    assert first.id != second.id


async def test_telegram_id_is_unique(db: Database, now: datetime) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        async with db.transaction() as conn:
            await people.create(conn, telegram_id=5, name="A", role=Role.RESIDENT, now=now)
            await people.create(conn, telegram_id=5, name="B", role=Role.RESIDENT, now=now)


async def test_unknown_roles_are_refused_by_the_schema(db: Database, now: datetime) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO people (name, role, created_at, updated_at) VALUES (?, ?, ?, ?)",
                ("X", "chief", "t", "t"),
            )


async def test_set_role_changes_role_area_and_updated_at(db: Database, now: datetime) -> None:
    later = now + timedelta(days=1)
    async with db.transaction() as conn:
        person = await people.create(conn, telegram_id=1, name="Els", role=Role.RESIDENT, now=now)
        changed = await people.set_role(conn, person.id, Role.OFFICER, "Centrum", later)
        stored = await people.get(conn, person.id)
    assert changed == stored
    assert (changed.role, changed.area) == (Role.OFFICER, "Centrum")
    assert (changed.created_at, changed.updated_at) == (now, later)


async def test_rename(db: Database, now: datetime) -> None:
    later = now + timedelta(minutes=5)
    async with db.transaction() as conn:
        person = await people.create(conn, telegram_id=1, name="Els", role=Role.RESIDENT, now=now)
        await people.rename(conn, person.id, "Élise <b>&</b>", later)
        renamed = await people.get(conn, person.id)
    assert renamed is not None
    assert (renamed.name, renamed.updated_at) == ("Élise <b>&</b>", later)


async def test_updating_someone_unknown_raises(db: Database, now: datetime) -> None:
    async with db.transaction() as conn:
        with pytest.raises(NotFoundError):
            await people.set_role(conn, 99, Role.ADMIN, None, now)
        with pytest.raises(NotFoundError):
            await people.rename(conn, 99, "X", now)


async def test_list_by_role_filters_and_sorts_by_name(db: Database, now: datetime) -> None:
    async with db.transaction() as conn:
        for telegram_id, name, role in [
            (1, "zeger", Role.OFFICER),
            (2, "Anna", Role.OFFICER),
            (3, "Bart", Role.RESIDENT),
            (4, "bram", Role.OFFICER),
        ]:
            await people.create(conn, telegram_id=telegram_id, name=name, role=role, now=now)
        officers = await people.list_by_role(conn, Role.OFFICER)
        admins = await people.list_by_role(conn, Role.ADMIN)
    assert [person.name for person in officers] == ["Anna", "bram", "zeger"]
    assert admins == []


async def test_timestamps_in_other_zones_are_stored_as_utc(db: Database) -> None:
    local = datetime(2025, 7, 1, 14, 0, tzinfo=UTC).astimezone()
    async with db.transaction() as conn:
        person = await people.create(conn, telegram_id=1, name="A", role=Role.ADMIN, now=local)
        raw = list(await conn.execute_fetchall("SELECT created_at FROM people"))
    assert raw[0][0] == "2025-07-01T14:00:00.000000+00:00"
    assert person.created_at == local
