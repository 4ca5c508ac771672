"""Wrong start links and codes, counted per caller to slow down guessing them.

A caller is a keyed hash of a Telegram id (see dialogs/people/guesses.py); nothing here links
a row to a person, so erasing a person leaves these rows, and retention removes them.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.codecs import timestamp
from storage.rows import one


async def add(conn: aiosqlite.Connection, caller: str, now: datetime) -> None:
    await conn.execute(
        "INSERT INTO start_attempts (caller, at) VALUES (?, ?)", (caller, timestamp(now))
    )


async def count_since(conn: aiosqlite.Connection, caller: str, start: datetime) -> int:
    row = await one(
        conn,
        "SELECT count(*) FROM start_attempts WHERE caller = ? AND at >= ?",
        (caller, timestamp(start)),
    )
    return int(row[0]) if row else 0


async def delete_before(conn: aiosqlite.Connection, cutoff: datetime) -> int:
    cursor = await conn.execute("DELETE FROM start_attempts WHERE at < ?", (timestamp(cutoff),))
    return cursor.rowcount
