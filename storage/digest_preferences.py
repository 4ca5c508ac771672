"""How often a member of staff wants the visit digest: every working day, weekly, or never."""

from datetime import datetime
from enum import StrEnum

import aiosqlite

from storage.codecs import timestamp
from storage.rows import one


class Frequency(StrEnum):
    OFF = "off"
    DAILY = "daily"
    WEEKLY = "weekly"


DEFAULT = Frequency.DAILY


async def get(conn: aiosqlite.Connection, person_id: int) -> Frequency:
    row = await one(
        conn, "SELECT frequency FROM digest_preferences WHERE person_id = ?", (person_id,)
    )
    return DEFAULT if row is None else Frequency(row["frequency"])


async def put(
    conn: aiosqlite.Connection, person_id: int, frequency: Frequency, now: datetime
) -> None:
    await conn.execute(
        "INSERT INTO digest_preferences (person_id, frequency, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT (person_id) DO UPDATE SET"
        " frequency = excluded.frequency, updated_at = excluded.updated_at",
        (person_id, Frequency(frequency).value, timestamp(now)),
    )


async def all_set(conn: aiosqlite.Connection) -> dict[int, Frequency]:
    """Every preference set, by person id; people without one get DEFAULT."""
    rows = await conn.execute_fetchall("SELECT person_id, frequency FROM digest_preferences")
    return {row["person_id"]: Frequency(row["frequency"]) for row in rows}
