"""Small helpers for reading what a statement did."""

from collections.abc import Sequence
from typing import Any

import aiosqlite


def inserted_id(cursor: aiosqlite.Cursor) -> int:
    if cursor.lastrowid is None:
        raise RuntimeError("INSERT reported no row id")
    return cursor.lastrowid


async def one(
    conn: aiosqlite.Connection, sql: str, parameters: Sequence[Any] = ()
) -> aiosqlite.Row | None:
    """The first row of a query, in one hop to the connection's thread.

    Each aiosqlite call is a round trip to that thread; a cursor's execute, fetchone and close
    are three, and a turn makes many such reads.
    """
    rows = await conn.execute_fetchall(sql, parameters)
    return next(iter(rows), None)
