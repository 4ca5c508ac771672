from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest

from storage import contacts, invites, people, scans
from storage.codecs import timestamp
from storage.contacts import NewContact
from storage.db import connect
from storage.migrations import load, migrate
from storage.people import Role
from storage.scans import FilledBy, NewScan, Trend

NEW_TABLES = {"contacts", "scan_requests", "scans", "scan_answers", "scan_problems", "scan_trends"}


@pytest.fixture
async def conn(db_path: Path) -> AsyncIterator[aiosqlite.Connection]:
    connection = await connect(db_path)
    try:
        yield connection
    finally:
        await connection.close()


async def _tables(conn: aiosqlite.Connection) -> set[str]:
    rows = await conn.execute_fetchall("SELECT name FROM sqlite_schema WHERE type = 'table'")
    return {row[0] for row in rows}


def test_the_migration_ships_with_the_package() -> None:
    assert (2, "contacts_scans") in [(m.version, m.name) for m in load()]


async def test_a_new_database_gets_the_new_tables(conn: aiosqlite.Connection) -> None:
    assert (await migrate(conn))[:2] == [1, 2]  # later migrations follow
    assert await _tables(conn) >= NEW_TABLES
    columns = await conn.execute_fetchall("SELECT name FROM pragma_table_info('invites')")
    assert "contact_id" in {row[0] for row in columns}


async def test_an_existing_database_keeps_its_people_and_invites(
    conn: aiosqlite.Connection, first_migration_only: Path, now: datetime
) -> None:
    assert await migrate(conn, first_migration_only) == [1]
    officer = await people.create(conn, telegram_id=1, name="Peeters", role=Role.OFFICER, now=now)
    newcomer = await people.create(conn, telegram_id=2, name="Jan", role=Role.CONTACT, now=now)
    # Written as the code of before this migration wrote invites.
    token = invites.new_token()
    await conn.execute(
        "INSERT INTO invites (token_hash, role, name, area, created_by, created_at, expires_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            invites.hash_token(token),
            "resident",
            "Buur",
            None,
            officer.id,
            timestamp(now),
            timestamp(now + timedelta(days=14)),
        ),
    )
    assert NEW_TABLES.isdisjoint(await _tables(conn))

    assert (await migrate(conn))[0] == 2

    assert await people.get(conn, officer.id) == officer
    invite = await invites.find(conn, token)
    assert invite is not None
    assert (invite.name, invite.created_by, invite.contact_id) == ("Buur", officer.id, None)
    assert invite.usable(now)
    assert await invites.mark_used(conn, invite.id, newcomer.id, now) is True

    # The new tables work with the people who were already there.
    contact = await contacts.add(
        conn, officer.id, NewContact(name="Jan", organisation="O", role="r", area="A"), now
    )
    await contacts.link_person(conn, contact.id, newcomer.id, now)
    for_contact, _ = await invites.create(
        conn,
        role=Role.CONTACT,
        now=now,
        expires_at=now + timedelta(days=14),
        created_by=officer.id,
        contact_id=contact.id,
    )
    scan = await scans.add(
        conn,
        NewScan(
            contact_id=contact.id,
            officer_id=officer.id,
            filled_by=FilledBy.CONTACT,
            form="sectorscan",
            form_version=1,
            visited_on=date(2025, 3, 14),
            feeling="zelden",
            mark=8,
            priority=None,
            answers={"gevoel": "zelden"},
            problems={"horeca": "beetje"},
            trends={"horeca": Trend.NEW},
        ),
        now,
    )
    assert for_contact.contact_id == contact.id
    assert await scans.get(conn, scan.id) == scan
    assert await conn.execute_fetchall("PRAGMA foreign_key_check") == []
