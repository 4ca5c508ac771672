"""Registered crime: counts per area, month and category, as the zone's own figures give them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import aiosqlite
from pydantic import BaseModel, ConfigDict, Field

from storage.codecs import timestamp


class CrimeCount(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    area: str = Field(min_length=1)
    month: date  # the first day of the month
    category: str = Field(min_length=1)
    count: int = Field(ge=0)


class CrimeTotal(BaseModel):
    area: str
    category: str
    count: int


def _month(day: date) -> str:
    return day.strftime("%Y-%m")


async def add_many(conn: aiosqlite.Connection, counts: list[CrimeCount], now: datetime) -> int:
    """Store an import; a count already known for the same area, month and category is replaced."""
    at = timestamp(now)
    await conn.executemany(
        "INSERT INTO crime_counts (area, month, category, count, imported_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (area, month, category)"
        " DO UPDATE SET count = excluded.count, imported_at = excluded.imported_at",
        [(c.area, _month(c.month), c.category, c.count, at) for c in counts],
    )
    return len(counts)


async def totals(
    conn: aiosqlite.Connection, since: date, until: date, areas: Sequence[str] | None = None
) -> list[CrimeTotal]:
    """Counts per area and category over the months that begin in [since, until)."""
    sql = (
        "SELECT area, category, sum(count) AS count FROM crime_counts"
        " WHERE month >= ? AND month < ?"
    )
    params: list[object] = [first_month_from(since), first_month_from(until)]
    if areas is not None:
        sql += f" AND area IN ({', '.join('?' * len(areas))})"
        params += list(areas)
    rows = await conn.execute_fetchall(sql + " GROUP BY area, category", params)
    return [CrimeTotal.model_validate(dict(row)) for row in rows]


def first_month_from(day: date) -> str:
    """The first month that begins on or after `day`."""
    if day.day == 1:
        return _month(day)
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return f"{year:04d}-{month:02d}"
