"""The SQLite connection of the bot and the transactions that share it, and read-only
connections beside it for long reads."""

import asyncio
import os
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Any

import aiosqlite

from storage import db_lock
from storage.in_place import Checkpoints, InPlaceConnection, begin, open_in_place
from storage.migrations import migrate

_BUSY_TIMEOUT_MS = 5000
_WAL_RETRY_MS = 10

_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    # Safe with WAL: a power cut may lose the last commits but never corrupts the file.
    "PRAGMA synchronous = NORMAL",
)

# Opens a read-only connection for one long read; `Database.reader` is one.
Reader = Callable[[], AbstractAsyncContextManager[aiosqlite.Connection]]


async def connect(path: str | os.PathLike[str]) -> InPlaceConnection:
    """Open a configured connection, creating the file and its folder; no migrations."""
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: sqlite3 must not begin or commit on its own; we do it.
    # check_same_thread=False: made on aiosqlite's thread, used in place by the bot's writer.
    conn = await open_in_place(
        partial(sqlite3.connect, file, isolation_level=None, check_same_thread=False)
    )
    try:
        conn.row_factory = aiosqlite.Row
        await conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS:d}")
        await _enable_wal(conn)
        for pragma in _PRAGMAS:
            await conn.execute(pragma)
    except BaseException:
        await conn.close()
        raise
    return conn


async def _enable_wal(conn: aiosqlite.Connection) -> None:
    # When two processes switch a new file to WAL at once, SQLite fails one of them at once
    # with SQLITE_BUSY instead of applying the busy timeout; so wait and retry ourselves.
    attempts = _BUSY_TIMEOUT_MS // _WAL_RETRY_MS
    for attempt in range(1, attempts + 1):
        try:
            await conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode != sqlite3.SQLITE_BUSY or attempt == attempts:
                raise
        await asyncio.sleep(_WAL_RETRY_MS / 1000)


class Database:
    def __init__(
        self,
        conn: InPlaceConnection,
        path: str | os.PathLike[str],
        hold: db_lock.Hold | None = None,
    ) -> None:
        self._conn = conn
        self.path = Path(path).resolve()
        # One connection carries one transaction at a time; the lock makes callers queue.
        self._lock = asyncio.Lock()
        self._hold = hold  # our share of the database file, so a restore knows we use it
        self._checkpoints = Checkpoints(partial(connect, self.path))

    @classmethod
    async def open(cls, path: str | os.PathLike[str]) -> "Database":
        hold = await db_lock.shared(Path(path))
        try:
            conn = await connect(path)
            try:
                await migrate(conn)
                # From here on the statements run in place (see storage.in_place): SQLite must
                # never sleep on the loop, so BEGIN waits in `begin`, and checkpoints go apart.
                await conn.execute("PRAGMA busy_timeout = 0")
                await conn.execute("PRAGMA wal_autocheckpoint = 0")
                conn.in_place = True
            except BaseException:
                await conn.close()
                raise
        except BaseException:
            hold.release()
            raise
        return cls(conn, path, hold)

    async def close(self) -> None:
        async with self._lock:
            try:
                await self._checkpoints.close()
                # The last connection to close checkpoints and removes the WAL: not in place.
                self._conn.in_place = False
                await self._conn.close()
            finally:
                if self._hold is not None:
                    self._hold.release()

    def transaction(self) -> AbstractAsyncContextManager[aiosqlite.Connection]:
        """BEGIN IMMEDIATE on enter, COMMIT on normal exit, ROLLBACK on an exception."""
        return self._transaction()

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        async with self._lock:
            try:
                await self._whole(begin(self._conn, _BUSY_TIMEOUT_MS / 1000))
                yield self._conn
                await self._whole(self._conn.commit())
                self._checkpoints.committed()
            except BaseException:
                # A no-op when BEGIN itself failed or the transaction is already gone.
                await self._whole(self._conn.rollback())
                raise

    async def _whole(self, step: Awaitable[Any]) -> None:
        """BEGIN, COMMIT or ROLLBACK, never left half done by a cancel.

        In place they run to their end without giving the loop away, so no cancel can come
        between them and the lock passing on (a cancel in BEGIN's pauses, while another process
        writes, leaves nothing begun); awaited as they are, a turn's transaction costs no trip
        round the loop, where it would wait behind everything else that is ready to run.
        """
        if self._conn.in_place:
            await step
        else:
            await _to_the_end(step)

    def reader(self) -> AbstractAsyncContextManager[aiosqlite.Connection]:
        """A read-only connection of its own, for a long read (an export, the whole zone).

        WAL lets it read beside the writer: it takes no part in `transaction()`, so other
        people's updates go on while it reads, and it sees one snapshot from its first query
        to the end of the block. Any write on it fails.
        """
        return read_only(self.path)


@asynccontextmanager
async def savepoint(conn: aiosqlite.Connection) -> AsyncIterator[None]:
    """A part of the open transaction that an exception undoes on its own, leaving the rest."""
    await conn.execute("SAVEPOINT part")
    try:
        yield
    except BaseException:
        await _to_the_end(conn.execute("ROLLBACK TO part"))
        await _to_the_end(conn.execute("RELEASE part"))
        raise
    await conn.execute("RELEASE part")


async def _to_the_end(step: Awaitable[Any]) -> None:
    """Await `step` to completion even when our task is cancelled meanwhile.

    Otherwise the lock could pass to the next caller while BEGIN, COMMIT or ROLLBACK is
    still queued on the connection, leaving it a transaction that is not its own.
    """
    task = asyncio.ensure_future(step)
    cancelled = False
    while not task.done():
        try:
            await asyncio.shield(task)
        except asyncio.CancelledError:
            cancelled = True
    task.result()  # raises the step's own error, if any
    if cancelled:
        raise asyncio.CancelledError


@asynccontextmanager
async def read_only(path: Path) -> AsyncIterator[aiosqlite.Connection]:
    """A read-only connection to the database at `path` (see `Database.reader`), also for a
    process that has no `Database` of its own."""
    uri = path.as_uri() + "?mode=ro"  # by URI, so spaces and marks in the path are escaped
    conn = await aiosqlite.connect(uri, uri=True, isolation_level=None)
    try:
        conn.row_factory = aiosqlite.Row
        await conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS:d}")
        await conn.execute("BEGIN")  # one snapshot for every query of the read
        yield conn
    finally:
        await conn.close()  # ends the read; there is nothing to commit
