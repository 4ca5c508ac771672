"""People who blocked the bot, learnt from Telegram's Forbidden; cleared when they come back."""

from datetime import datetime

import aiosqlite

from storage.codecs import timestamp


async def mark(conn: aiosqlite.Connection, person_id: int, now: datetime) -> None:
    """Keep the first date: a person blocked twice in a row is still blocked since then."""
    await conn.execute(
        "INSERT INTO blocked_people (person_id, blocked_at) VALUES (?, ?)"
        " ON CONFLICT (person_id) DO NOTHING",
        (person_id, timestamp(now)),
    )


async def clear(conn: aiosqlite.Connection, person_id: int) -> bool:
    """The person can be reached again; True when he was marked."""
    cursor = await conn.execute("DELETE FROM blocked_people WHERE person_id = ?", (person_id,))
    return cursor.rowcount == 1


async def ids(conn: aiosqlite.Connection) -> set[int]:
    rows = await conn.execute_fetchall("SELECT person_id FROM blocked_people")
    return {row["person_id"] for row in rows}
