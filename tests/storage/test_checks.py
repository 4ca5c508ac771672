"""`check_file` finds what is wrong with a database file; `writable` tells a read-only one."""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from pathlib import Path

from storage.checks import Trouble, check_file, writable
from storage.db import Database, connect
from storage.migrations import load, migrate


def troubles(path: Path) -> list[Trouble]:
    return [problem.trouble for problem in check_file(path).problems]


def damage_an_index(path: Path) -> None:
    """Fill `people`, then flip one byte in a cell of an index leaf page: table and index
    then disagree, which only the integrity check notices."""
    with closing(sqlite3.connect(path)) as conn:
        conn.executemany(
            "INSERT INTO people (telegram_id, name, role, created_at, updated_at)"
            " VALUES (?, 'Resident', 'resident', 'x', 'x')",
            [(n,) for n in range(1000, 1600)],
        )
        conn.commit()
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    for start in range(page_size, len(data), page_size):  # page 1 holds the schema
        cells = int.from_bytes(data[start + 3 : start + 5], "big")
        if data[start] == 0x0A and cells > 10:  # an index's leaf page, well filled
            content = int.from_bytes(data[start + 5 : start + 7], "big")
            data[start + content + 3] ^= 0x55
            path.write_bytes(bytes(data))
            return
    raise AssertionError("no index leaf page found")


async def test_a_fresh_database_is_sound(db: Database, db_path: Path) -> None:
    report = await asyncio.to_thread(check_file, db_path)
    assert report.sound, report.problems
    assert report.migrations == [migration.version for migration in load()]
    assert report.pending == []


async def test_an_older_database_is_sound_with_migrations_pending(
    tmp_path: Path, first_migration_only: Path
) -> None:
    path = tmp_path / "old.db"
    conn = await connect(path)
    try:
        await migrate(conn, first_migration_only)
    finally:
        await conn.close()
    report = await asyncio.to_thread(check_file, path)
    assert report.sound and report.migrations == [1]
    assert report.pending == [migration.version for migration in load()][1:]


async def test_a_database_of_a_newer_version_is_refused(db: Database, db_path: Path) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'x', 'now')"
        )
    report = await asyncio.to_thread(check_file, db_path)
    assert [(p.trouble, p.detail) for p in report.problems] == [(Trouble.NEWER, "9999")]


async def test_a_row_pointing_nowhere_is_found(db: Database, db_path: Path) -> None:
    await db.close()
    # A dialog state of a person who does not exist, committed with the checks off.
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute(
            "INSERT INTO dialog_states (person_id, flow, step, token, data, started_at,"
            " updated_at) VALUES (424242, 'demo', 'q1', 'tok', '{}', 'x', 'x')"
        )
        conn.commit()
    report = await asyncio.to_thread(check_file, db_path)
    assert [p.trouble for p in report.problems] == [Trouble.FOREIGN_KEY]
    assert "dialog_states" in report.problems[0].detail


async def test_a_damaged_file_is_found(db: Database, db_path: Path) -> None:
    await db.close()
    await asyncio.to_thread(damage_an_index, db_path)
    assert Trouble.INTEGRITY in await asyncio.to_thread(troubles, db_path)


async def test_other_files_are_named_for_what_they_are(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database, it only has the name of one" * 100)
    assert await asyncio.to_thread(troubles, other) == [Trouble.NOT_WIJKBOT]
    assert await asyncio.to_thread(troubles, junk) == [Trouble.UNREADABLE]
    assert await asyncio.to_thread(troubles, tmp_path / "absent.db") == [Trouble.MISSING]
    assert not (tmp_path / "absent.db").exists()  # checking never creates a database


async def test_writable_until_the_connection_is_made_read_only(db: Database) -> None:
    assert await writable(db)
    async with db.transaction() as conn:
        pass
    await conn.execute("PRAGMA query_only = ON")
    assert not await writable(db)
    await conn.execute("PRAGMA query_only = OFF")
    assert await writable(db)
