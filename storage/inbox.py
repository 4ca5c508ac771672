"""The outcome of each update, keyed by Telegram's update id: the replies it produced.

A row is written in the same transaction as the update's effects, so an update is either
handled with its replies kept, or not handled at all. `answered_at` says the replies were
handed to Telegram; rows without it after a crash are answered at the next start. Once
answered, the replies themselves are dropped (they may name other people): the row stays a day,
so an update that comes again still does not run twice.
"""

from collections.abc import Iterable
from datetime import datetime

import aiosqlite
from pydantic import BaseModel

from storage.codecs import UtcDatetime, timestamp
from storage.rows import one


class InboxEntry(BaseModel):
    update_id: int
    telegram_id: int
    replies: str  # JSON, as the engine wrote it
    handled_at: UtcDatetime
    answered_at: UtcDatetime | None


_COLUMNS = "update_id, telegram_id, replies, handled_at, answered_at"


async def record(
    conn: aiosqlite.Connection, update_id: int, telegram_id: int, replies: str, now: datetime
) -> None:
    await conn.execute(
        "INSERT INTO inbox (update_id, telegram_id, replies, handled_at) VALUES (?, ?, ?, ?)",
        (update_id, telegram_id, replies, timestamp(now)),
    )


async def get(conn: aiosqlite.Connection, update_id: int) -> InboxEntry | None:
    row = await one(conn, f"SELECT {_COLUMNS} FROM inbox WHERE update_id = ?", (update_id,))
    return None if row is None else InboxEntry.model_validate(dict(row))


async def mark_answered(
    conn: aiosqlite.Connection, update_ids: Iterable[int], now: datetime
) -> int:
    ids = list(update_ids)
    if not ids:
        return 0
    cursor = await conn.execute(
        "UPDATE inbox SET answered_at = ?, replies = '[]' WHERE answered_at IS NULL"
        " AND update_id IN (" + ",".join("?" * len(ids)) + ")",
        (timestamp(now), *ids),
    )
    return cursor.rowcount


async def unanswered(conn: aiosqlite.Connection) -> list[InboxEntry]:
    """Updates handled whose replies never reached Telegram, oldest first."""
    rows = await conn.execute_fetchall(
        f"SELECT {_COLUMNS} FROM inbox WHERE answered_at IS NULL ORDER BY update_id"
    )
    return [InboxEntry.model_validate(dict(row)) for row in rows]


async def delete_before(conn: aiosqlite.Connection, before: datetime) -> int:
    cursor = await conn.execute("DELETE FROM inbox WHERE handled_at < ?", (timestamp(before),))
    return cursor.rowcount
