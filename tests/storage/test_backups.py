"""Backups while the database is written, restores that check first, and the daily rotation."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import backups, db_lock, people
from storage.checks import Trouble, check_file
from storage.db import Database
from storage.people import Role
from tests.storage.test_checks import damage_an_index


async def add_people(db: Database, first: int, count: int, now: datetime) -> None:
    for telegram_id in range(first, first + count):
        async with db.transaction() as conn:
            await people.create(
                conn, telegram_id=telegram_id, name="Resident", role=Role.RESIDENT, now=now
            )


def telegram_ids(path: Path) -> set[int]:
    with closing(sqlite3.connect(path)) as conn:
        return {row[0] for row in conn.execute("SELECT telegram_id FROM people")}


async def test_a_backup_is_one_consistent_moment_while_another_process_writes(
    db: Database, db_path: Path, tmp_path: Path, now: datetime
) -> None:
    await add_people(db, 1, 50, now)
    stop, twenty = threading.Event(), threading.Event()
    committed: list[int] = []

    def write() -> None:
        # Another process writing: its own connection, one commit per row.
        with closing(sqlite3.connect(db_path, timeout=5)) as conn:
            telegram_id = 10_000
            while not stop.is_set():
                conn.execute(
                    "INSERT INTO people (telegram_id, name, role, created_at, updated_at)"
                    " VALUES (?, 'Writer', 'resident', 'x', 'x')",
                    (telegram_id,),
                )
                conn.commit()
                committed.append(telegram_id)
                if len(committed) == 20:
                    twenty.set()
                telegram_id += 1

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert await asyncio.to_thread(twenty.wait, 10)
        before = len(committed)
        target = tmp_path / "backups" / "copy.db"
        await asyncio.to_thread(backups.backup, db_path, target)
        await asyncio.sleep(0.05)  # the writer goes on after the copy
    finally:
        stop.set()
        await asyncio.to_thread(writer.join)
    copied = await asyncio.to_thread(telegram_ids, target)
    # Everything committed before the backup began is in it; what it holds is a prefix of
    # the writer's commits, never a row without the ones committed before it.
    assert set(range(1, 51)) <= copied
    written = sorted(copied - set(range(1, 51)))
    assert len(written) >= before and written == committed[: len(written)]
    assert len(written) < len(committed)  # the writer did go on meanwhile
    assert (await asyncio.to_thread(check_file, target)).sound
    assert not (tmp_path / "backups" / "copy.db.partial").exists()


async def test_a_restore_is_refused_while_the_database_is_open(
    db: Database, db_path: Path, tmp_path: Path, now: datetime
) -> None:
    await add_people(db, 1, 3, now)
    copy = await asyncio.to_thread(backups.backup, db_path, tmp_path / "copy.db")
    with pytest.raises(backups.RestoreRefused) as refused:
        await asyncio.to_thread(backups.restore, copy, db_path)
    assert refused.value.reason is backups.Refusal.IN_USE
    await db.close()
    report = await asyncio.to_thread(backups.restore, copy, db_path)
    assert report.sound


async def test_a_restore_puts_the_copy_back_and_keeps_the_old_database(
    db: Database, db_path: Path, tmp_path: Path, now: datetime
) -> None:
    await add_people(db, 1, 3, now)
    copy = await asyncio.to_thread(backups.backup, db_path, tmp_path / "copy.db")
    await add_people(db, 100, 2, now)  # after the backup: gone after the restore
    await db.close()
    await asyncio.to_thread(backups.restore, copy, db_path)
    assert await asyncio.to_thread(telegram_ids, db_path) == {1, 2, 3}
    kept = db_path.with_name("wijkbot.db.before-restore")
    assert await asyncio.to_thread(telegram_ids, kept) == {1, 2, 3, 100, 101}
    reopened = await Database.open(db_path)  # the bot starts on it as on any database
    await reopened.close()


async def test_a_restore_clears_a_crashed_bots_wal_from_the_old_file(
    db_path: Path, tmp_path: Path, now: datetime
) -> None:
    db = await Database.open(db_path)
    await add_people(db, 1, 2, now)
    copy = await asyncio.to_thread(backups.backup, db_path, tmp_path / "copy.db")
    await db.close()
    # A bot that died leaves its WAL behind, holding commits the file itself does not have:
    # the file and the WAL as they were before a clean close would have merged them.
    wal = db_path.with_name("wijkbot.db-wal")
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute(
            "INSERT INTO people (telegram_id, name, role, created_at, updated_at)"
            " VALUES (555, 'Late', 'resident', 'x', 'x')"
        )
        conn.commit()
        crashed = await asyncio.to_thread(lambda: (db_path.read_bytes(), wal.read_bytes()))
    await asyncio.to_thread(db_path.write_bytes, crashed[0])
    await asyncio.to_thread(wal.write_bytes, crashed[1])
    await asyncio.to_thread(backups.restore, copy, db_path)
    assert not db_path.with_name("wijkbot.db-wal").exists()
    assert await asyncio.to_thread(telegram_ids, db_path) == {1, 2}
    kept = db_path.with_name("wijkbot.db.before-restore")
    assert 555 in await asyncio.to_thread(telegram_ids, kept)  # folded in before it moved


async def test_an_unsound_copy_is_refused_and_the_database_left_alone(
    db: Database, db_path: Path, tmp_path: Path, now: datetime
) -> None:
    await add_people(db, 1, 3, now)
    copy = await asyncio.to_thread(backups.backup, db_path, tmp_path / "copy.db")
    await asyncio.to_thread(damage_an_index, copy)
    await db.close()
    before = await asyncio.to_thread(db_path.read_bytes)
    with pytest.raises(backups.RestoreRefused) as refused:
        await asyncio.to_thread(backups.restore, copy, db_path)
    assert refused.value.reason is backups.Refusal.UNSOUND
    assert refused.value.report is not None
    assert Trouble.INTEGRITY in [p.trouble for p in refused.value.report.problems]
    assert await asyncio.to_thread(db_path.read_bytes) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["wijkbot.db", "wijkbot.db.lock"]


async def test_a_missing_copy_or_database_is_named(tmp_path: Path) -> None:
    with pytest.raises(backups.RestoreRefused) as refused:
        await asyncio.to_thread(backups.restore, tmp_path / "absent.db", tmp_path / "wijkbot.db")
    assert refused.value.reason is backups.Refusal.MISSING
    with pytest.raises(backups.BackupError):
        await asyncio.to_thread(backups.backup, tmp_path / "absent.db", tmp_path / "copy.db")
    assert not (tmp_path / "absent.db").exists()


async def test_a_bot_that_starts_during_a_restore_waits_for_it(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db_lock, "WAIT_FOR_RESTORE_SECONDS", 5.0)
    restoring = db_lock.exclusive(db_path)
    opening = asyncio.create_task(Database.open(db_path))
    await asyncio.sleep(0.3)
    assert not opening.done()
    restoring.release()
    db = await asyncio.wait_for(opening, 5)
    await db.close()


async def test_daily_backups_keep_the_newest(
    db: Database, db_path: Path, tmp_path: Path, now: datetime
) -> None:
    folder = tmp_path / "daily"
    assert await asyncio.to_thread(backups.newest_daily, folder) is None
    moments = [datetime(2026, 3, day, 2, 45, tzinfo=UTC) for day in range(1, 6)]
    for moment in moments:
        await asyncio.to_thread(backups.take_daily, db_path, folder, 3, moment)
    (folder / "notes.txt").write_text("not a backup")  # other files are left alone
    await asyncio.to_thread(backups.take_daily, db_path, folder, 3, moments[-1] + timedelta(1))
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "notes.txt",
        "wijkbot-20260304-024500.db",
        "wijkbot-20260305-024500.db",
        "wijkbot-20260306-024500.db",
    ]
    newest = await asyncio.to_thread(backups.newest_daily, folder)
    assert newest == datetime(2026, 3, 6, 2, 45, tzinfo=UTC)
