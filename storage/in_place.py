"""The bot's writing connection, whose statements run in place on the event loop's thread.

aiosqlite runs each call on a thread of its own and hands the result back to the loop. On a
small machine that round trip costs about 0.25 ms, ten times a short statement of a turn, and
a turn makes several: the hops, not SQLite, were most of what a turn cost.

In WAL mode a statement of the one writer never waits for another connection once BEGIN
IMMEDIATE holds the write lock, so running it in place holds the loop no longer than the
statement itself. What could wait stays off the loop: BEGIN IMMEDIATE is tried without waiting
and tried again after an asyncio pause while another process writes (`begin`), and the
checkpoints that copy the WAL into the database file and sync it run on a connection of their
own, on aiosqlite's thread (`Checkpoints`). Opening, migrating and closing, which may wait on
another process, also go by the thread, as aiosqlite does it.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import aiosqlite

log = logging.getLogger(__name__)

T = TypeVar("T")

BEGIN_PAUSE_FIRST = 0.001  # seconds before BEGIN IMMEDIATE is tried again, doubling
BEGIN_PAUSE_MOST = 0.05
CHECKPOINT_EVERY = 200  # write transactions between two checkpoints


class InPlaceConnection(aiosqlite.Connection):
    """aiosqlite's connection, with its calls run in place once `in_place` is set.

    The SQLite connection must be opened with check_same_thread=False: it is made on
    aiosqlite's thread and then used from the loop's.
    """

    in_place = False

    async def _execute(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if not self.in_place:
            result: T = await super()._execute(fn, *args, **kwargs)  # type: ignore[no-untyped-call]
            return result
        if self._connection is None:
            raise ValueError("Connection closed")
        return fn(*args, **kwargs)


async def open_in_place(
    connector: Callable[[], sqlite3.Connection],
) -> InPlaceConnection:
    """The connection, opened on aiosqlite's thread; its calls still go there until
    `in_place` is set."""
    conn = InPlaceConnection(connector, iter_chunk_size=64)
    await conn
    return conn


async def begin(conn: aiosqlite.Connection, within: float) -> None:
    """BEGIN IMMEDIATE, waiting with asyncio while another process holds the write lock.

    The connection's busy timeout must be 0, so SQLite itself never sleeps on the loop.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    pause = BEGIN_PAUSE_FIRST
    while True:
        try:
            await conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode != sqlite3.SQLITE_BUSY or loop.time() >= deadline:
                raise
        await asyncio.sleep(pause)
        pause = min(pause * 2, BEGIN_PAUSE_MOST)


class Checkpoints:
    """Copies the WAL back into the database file every CHECKPOINT_EVERY write transactions,
    from a connection of its own on aiosqlite's thread, so the copy and its sync never hold
    the loop. PASSIVE: it takes what no reader still needs and waits for nobody."""

    def __init__(self, open_connection: Callable[[], Awaitable[aiosqlite.Connection]]) -> None:
        self._open = open_connection
        self._conn: aiosqlite.Connection | None = None
        self._since = 0
        self._task: asyncio.Task[None] | None = None

    def committed(self) -> None:
        self._since += 1
        if self._since >= CHECKPOINT_EVERY and (self._task is None or self._task.done()):
            self._since = 0
            self._task = asyncio.create_task(self._checkpoint(), name="wal-checkpoint")

    async def _checkpoint(self) -> None:
        try:
            if self._conn is None:
                self._conn = await self._open()
            await self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except Exception:  # the next one tries again; meanwhile the WAL grows a little
            log.exception("WAL checkpoint failed")

    async def close(self) -> None:
        if self._task is not None:
            await self._task
        if self._conn is not None:
            await self._conn.close()
            self._conn = None
