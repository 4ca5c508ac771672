"""Wrong /start payloads per person, counted to slow down guessing of invite tokens."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.codecs import timestamp


async def add(conn: aiosqlite.Connection, person_id: int, now: datetime) -> None:
    await conn.execute(
        "INSERT INTO start_attempts (person_id, at) VALUES (?, ?)", (person_id, timestamp(now))
    )


async def count_since(conn: aiosqlite.Connection, person_id: int, start: datetime) -> int:
    async with conn.execute(
        "SELECT count(*) FROM start_attempts WHERE person_id = ? AND at >= ?",
        (person_id, timestamp(start)),
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def delete_before(conn: aiosqlite.Connection, cutoff: datetime) -> int:
    cursor = await conn.execute("DELETE FROM start_attempts WHERE at < ?", (timestamp(cutoff),))
    return cursor.rowcount
