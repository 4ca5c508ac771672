import asyncio
import contextlib
import sqlite3
import threading
from datetime import datetime
from pathlib import Path

import pytest

from storage import dialog_states, in_place, people
from storage.db import Database, _to_the_end
from storage.dialog_states import DialogState
from storage.people import Role


async def _count_people(db: Database) -> int:
    async with db.transaction() as conn:
        rows = list(await conn.execute_fetchall("SELECT count(*) FROM people"))
    return int(rows[0][0])


async def test_open_creates_the_file_and_its_folder(db_path: Path) -> None:
    assert not await asyncio.to_thread(db_path.parent.exists)
    db = await Database.open(db_path)
    await db.close()
    assert await asyncio.to_thread(db_path.is_file)


async def test_wal_and_foreign_keys_are_on(db: Database) -> None:
    async with db.transaction() as conn:
        pragmas = {}
        for name in (
            "journal_mode",
            "foreign_keys",
            "busy_timeout",
            "synchronous",
            "wal_autocheckpoint",
        ):
            rows = list(await conn.execute_fetchall(f"PRAGMA {name}"))
            pragmas[name] = rows[0][0]
    assert pragmas == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "busy_timeout": 0,  # SQLite never sleeps on the loop; `begin` waits instead
        "synchronous": 1,
        "wal_autocheckpoint": 0,  # checkpoints run apart, see test_the_wal_is_checkpointed_apart
    }


async def test_the_writers_statements_run_on_the_loops_own_thread(db: Database) -> None:
    async with db.transaction() as conn:
        await conn.create_function("thread_of", 0, threading.get_ident)
        rows = list(await conn.execute_fetchall("SELECT thread_of()"))
    assert rows[0][0] == threading.get_ident()


async def test_a_transaction_runs_without_giving_the_loop_away(db: Database, now: datetime) -> None:
    """A turn's transaction must not wait behind whatever else is ready to run (a sending to
    thousands queues many callbacks): begun, written and committed in one go."""
    others_ran: list[str] = []
    asyncio.get_running_loop().call_soon(others_ran.append, "other")
    async with db.transaction() as conn:
        await people.create(conn, telegram_id=1, name="An", role=Role.RESIDENT, now=now)
    assert others_ran == []
    await asyncio.sleep(0)
    assert others_ran == ["other"]


async def test_begin_waits_for_another_process_without_holding_the_loop(
    db: Database, now: datetime
) -> None:
    other = sqlite3.connect(db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process writing
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.005)
            ticks += 1

    ticking = asyncio.create_task(tick())
    writing = asyncio.create_task(_count_people(db))
    await asyncio.sleep(0.3)
    assert not writing.done() and ticks >= 10  # waiting, and the loop goes on meanwhile
    other.execute("ROLLBACK")
    other.close()
    assert await asyncio.wait_for(writing, 5.0) == 0
    ticking.cancel()


async def test_the_wal_is_checkpointed_apart(
    db: Database, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(in_place, "CHECKPOINT_EVERY", 3)

    def in_the_file_itself() -> int:
        # immutable=1 reads the database file and ignores the WAL: it sees checkpointed rows.
        uri = db.path.as_uri() + "?mode=ro&immutable=1"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
            try:
                return int(conn.execute("SELECT count(*) FROM people").fetchone()[0])
            except sqlite3.OperationalError:  # not even the schema has been copied there
                return 0

    async with db.transaction() as conn:
        await people.create(conn, telegram_id=1, name="Jan", role=Role.RESIDENT, now=now)
    await _count_people(db)
    assert in_the_file_itself() == 0  # two transactions: still only in the WAL
    await _count_people(db)
    await db._checkpoints.close()  # waits for the checkpoint the third one started
    assert in_the_file_itself() == 1


async def test_foreign_keys_are_enforced(db: Database, now: datetime) -> None:
    state = DialogState(
        person_id=999,
        flow="f",
        step="s",
        token="t",
        data={},
        message_id=None,
        started_at=now,
        updated_at=now,
    )
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        async with db.transaction() as conn:
            await dialog_states.save(conn, state)


async def test_a_transaction_commits(db: Database, now: datetime) -> None:
    async with db.transaction() as conn:
        assert conn.in_transaction
        await people.create(conn, telegram_id=1, name="An", role=Role.RESIDENT, now=now)
    assert await _count_people(db) == 1


async def test_a_transaction_that_raises_rolls_back(db: Database, now: datetime) -> None:
    with pytest.raises(RuntimeError, match="boom"):
        async with db.transaction() as conn:
            await people.create(conn, telegram_id=1, name="An", role=Role.RESIDENT, now=now)
            raise RuntimeError("boom")
    assert await _count_people(db) == 0


async def test_a_cancelled_transaction_rolls_back_and_frees_the_connection(
    db: Database, now: datetime
) -> None:
    inside = asyncio.Event()

    async def stuck() -> None:
        async with db.transaction() as conn:
            await people.create(conn, telegram_id=1, name="An", role=Role.RESIDENT, now=now)
            inside.set()
            await asyncio.sleep(3600)

    task = asyncio.create_task(stuck())
    await inside.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await _count_people(db) == 0


async def test_commit_and_rollback_finish_even_when_cancelled_twice() -> None:
    """The lock must not pass on while a COMMIT or ROLLBACK is still under way."""
    finished: list[str] = []

    async def slow_rollback() -> None:
        await asyncio.sleep(0.02)
        finished.append("rollback")

    task = asyncio.create_task(_to_the_end(slow_rollback()))
    await asyncio.sleep(0)
    task.cancel()
    await asyncio.sleep(0.005)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert finished == ["rollback"]


async def test_concurrent_transactions_are_serialised(db: Database, now: datetime) -> None:
    order: list[str] = []

    async def worker(name: str, telegram_id: int) -> None:
        async with db.transaction() as conn:
            order.append(f"{name} in")
            await people.create(
                conn, telegram_id=telegram_id, name=name, role=Role.CONTACT, now=now
            )
            await asyncio.sleep(0.01)  # give the other worker every chance to interleave
            order.append(f"{name} out")

    await asyncio.gather(worker("a", 1), worker("b", 2), worker("c", 3))
    assert order == ["a in", "a out", "b in", "b out", "c in", "c out"]
    assert await _count_people(db) == 3


async def test_two_databases_on_one_file_see_each_others_commits(
    db_path: Path, now: datetime
) -> None:
    first, second = await asyncio.gather(Database.open(db_path), Database.open(db_path))
    try:
        async with first.transaction() as conn:
            await people.create(conn, telegram_id=7, name="Zoë", role=Role.ADMIN, now=now)
        async with second.transaction() as conn:
            person = await people.by_telegram_id(conn, 7)
        assert person is not None
        assert person.name == "Zoë"
    finally:
        await first.close()
        await second.close()


async def test_switching_to_wal_waits_for_another_writer(tmp_path: Path) -> None:
    """SQLite refuses the switch at once, busy timeout or not, while another process writes."""
    path = tmp_path / "shared.db"
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("CREATE TABLE t (x)")
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO t VALUES (1)")
        asyncio.get_running_loop().call_later(0.05, other.rollback)
        db = await Database.open(path)
        async with db.transaction() as conn:
            rows = list(await conn.execute_fetchall("PRAGMA journal_mode"))
        await db.close()
    finally:
        other.close()
    assert rows[0][0] == "wal"


async def test_a_reader_reads_beside_a_transaction_and_cannot_write(
    db: Database, now: datetime
) -> None:
    async with db.transaction() as conn:
        await people.create(conn, telegram_id=1, name="An", role=Role.RESIDENT, now=now)
    async with db.reader() as reader:
        before = list(await reader.execute_fetchall("SELECT name FROM people"))
        # The writer is not held while the reader is in the middle of its read.
        async with asyncio.timeout(2):
            async with db.transaction() as conn:
                await people.create(conn, telegram_id=2, name="Bo", role=Role.RESIDENT, now=now)
        during = list(await reader.execute_fetchall("SELECT name FROM people"))
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            await reader.execute("DELETE FROM people")
    assert [r["name"] for r in before] == [r["name"] for r in during] == ["An"]  # one snapshot
    async with db.reader() as reader:
        after = list(await reader.execute_fetchall("SELECT name FROM people ORDER BY name"))
    assert [r["name"] for r in after] == ["An", "Bo"]


async def test_a_reader_opens_a_path_with_spaces_and_marks(tmp_path: Path, now: datetime) -> None:
    db = await Database.open(tmp_path / "een map" / "wijk#bot?.db")
    try:
        async with db.transaction() as conn:
            await people.create(conn, telegram_id=1, name="An", role=Role.RESIDENT, now=now)
        async with db.reader() as reader:
            rows = list(await reader.execute_fetchall("SELECT count(*) FROM people"))
        assert rows[0][0] == 1
    finally:
        await db.close()
