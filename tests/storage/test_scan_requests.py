import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from storage import contacts, scan_requests
from storage.contacts import NewContact
from storage.db import Database
from storage.errors import NotFoundError
from storage.people import Person
from storage.scan_requests import ScanRequest


async def _contact(db: Database, officer: Person, now: datetime) -> int:
    async with db.transaction() as conn:
        new = NewContact(name="Jan", organisation="School", role="directeur school", area="Zuid")
        return (await contacts.add(conn, officer.id, new, now)).id


async def test_open_request_round_trip(db: Database, officer: Person, now: datetime) -> None:
    contact_id = await _contact(db, officer, now)
    async with db.transaction() as conn:
        assert await scan_requests.open_for_contact(conn, contact_id) is None
        request = await scan_requests.open_request(conn, contact_id, officer.id, now)
        found = await scan_requests.open_for_contact(conn, contact_id)
    assert found == request
    assert request == ScanRequest(
        id=request.id,
        contact_id=contact_id,
        requested_by=officer.id,
        requested_at=now,
        reminded_at=None,
        closed_at=None,
    )
    assert request.requested_at.tzinfo is UTC


async def test_opening_twice_gives_the_same_request(
    db: Database, officer: Person, now: datetime
) -> None:
    contact_id = await _contact(db, officer, now)
    async with db.transaction() as conn:
        first = await scan_requests.open_request(conn, contact_id, officer.id, now)
        again = await scan_requests.open_request(conn, contact_id, None, now + timedelta(days=3))
        rows = list(await conn.execute_fetchall("SELECT count(*) FROM scan_requests"))
    assert again == first
    assert rows[0][0] == 1


async def test_close_for_contact(db: Database, officer: Person, now: datetime) -> None:
    contact_id, other_id = await _contact(db, officer, now), await _contact(db, officer, now)
    later = now + timedelta(days=5)
    async with db.transaction() as conn:
        first = await scan_requests.open_request(conn, contact_id, officer.id, now)
        other = await scan_requests.open_request(conn, other_id, officer.id, now)
        assert await scan_requests.close_for_contact(conn, contact_id, later) == 1
        assert await scan_requests.close_for_contact(conn, contact_id, later) == 0
        assert await scan_requests.open_for_contact(conn, contact_id) is None
        assert await scan_requests.open_for_contact(conn, other_id) == other
        closed_at = list(
            await conn.execute_fetchall(
                "SELECT closed_at FROM scan_requests WHERE id = ?", (first.id,)
            )
        )
        next_year = await scan_requests.open_request(conn, contact_id, None, later)
    assert closed_at[0][0] == "2025-03-19T09:26:53.589793+00:00"
    assert next_year.id != first.id
    assert (next_year.requested_by, next_year.requested_at) == (None, later)


async def test_the_schema_keeps_one_open_request_per_contact(
    db: Database, officer: Person, now: datetime
) -> None:
    contact_id = await _contact(db, officer, now)
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        async with db.transaction() as conn:
            for _ in range(2):
                await conn.execute(
                    "INSERT INTO scan_requests (contact_id, requested_at) VALUES (?, ?)",
                    (contact_id, "t"),
                )


async def test_mark_reminded(db: Database, officer: Person, now: datetime) -> None:
    contact_id = await _contact(db, officer, now)
    later = now + timedelta(days=7)
    async with db.transaction() as conn:
        request = await scan_requests.open_request(conn, contact_id, officer.id, now)
        await scan_requests.mark_reminded(conn, request.id, later)
        found = await scan_requests.open_for_contact(conn, contact_id)
        with pytest.raises(NotFoundError):
            await scan_requests.mark_reminded(conn, 999, later)
    assert found == request.model_copy(update={"reminded_at": later})


async def test_a_request_needs_a_known_contact(db: Database, now: datetime) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        async with db.transaction() as conn:
            await scan_requests.open_request(conn, 999, None, now)


async def test_list_open_gives_open_requests_oldest_first(
    db: Database, officer: Person, now: datetime
) -> None:
    first, second, done = [await _contact(db, officer, now) for _ in range(3)]
    async with db.transaction() as conn:
        newer = await scan_requests.open_request(conn, first, officer.id, now + timedelta(days=1))
        older = await scan_requests.open_request(conn, second, officer.id, now)
        await scan_requests.open_request(conn, done, officer.id, now)
        await scan_requests.close_for_contact(conn, done, now)
        assert await scan_requests.list_open(conn) == [older, newer]
