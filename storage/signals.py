"""Signals: residents' small local nuisances, sent to their wijkinspecteur at any time."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import aiosqlite
from pydantic import BaseModel

from storage.codecs import UtcDatetime, timestamp
from storage.rows import one


class SignalStatus(StrEnum):
    OPEN = "open"
    SEEN = "seen"  # bekeken
    CITY = "city"  # doorgegeven aan de stad
    SOLVED = "solved"  # opgelost
    NOT_POLICE = "not_police"  # niet voor de politie
    AGENDA = "agenda"  # taken onto the agenda of a buurtgesprek


# Still waiting for the officer: he has at most looked at them.
OPEN = (SignalStatus.OPEN, SignalStatus.SEEN)


class NewSignal(BaseModel):
    area: str
    problem: str
    description: str | None
    place: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    photo_file_id: str | None = None
    keep_informed: bool = False
    author_id: int | None


class Signal(NewSignal):
    id: int
    status: SignalStatus
    concern_id: int | None
    created_at: UtcDatetime
    updated_at: UtcDatetime
    closed_at: UtcDatetime | None


_COLUMNS = (
    "id, area, problem, description, place, latitude, longitude, photo_file_id, keep_informed,"
    " author_id, status, concern_id, created_at, updated_at, closed_at"
)


async def add(conn: aiosqlite.Connection, new: NewSignal, now: datetime) -> Signal:
    at = timestamp(now)
    row = await one(
        conn,
        "INSERT INTO signals (area, problem, description, place, latitude, longitude,"
        " photo_file_id, keep_informed, author_id, created_at, updated_at)"
        f" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING {_COLUMNS}",
        (
            new.area,
            new.problem,
            new.description,
            new.place,
            new.latitude,
            new.longitude,
            new.photo_file_id,
            int(new.keep_informed),
            new.author_id,
            at,
            at,
        ),
    )
    assert row is not None
    return Signal.model_validate(dict(row))


async def get(conn: aiosqlite.Connection, signal_id: int) -> Signal | None:
    row = await one(conn, f"SELECT {_COLUMNS} FROM signals WHERE id = ?", (signal_id,))
    return None if row is None else Signal.model_validate(dict(row))


async def open_in(conn: aiosqlite.Connection, areas: list[str]) -> list[Signal]:
    """Open signals of these wijken, by problem and place, oldest first within."""
    if not areas:
        return []
    marks = ", ".join("?" * len(areas))
    rows = await conn.execute_fetchall(
        f"SELECT {_COLUMNS} FROM signals WHERE area IN ({marks}) AND status IN ('open', 'seen')"
        " ORDER BY problem, coalesce(place, ''), latitude, longitude, id",
        areas,
    )
    return [Signal.model_validate(dict(row)) for row in rows]


async def of_author(conn: aiosqlite.Connection, person_id: int) -> list[Signal]:
    rows = await conn.execute_fetchall(
        f"SELECT {_COLUMNS} FROM signals WHERE author_id = ? ORDER BY id DESC", (person_id,)
    )
    return [Signal.model_validate(dict(row)) for row in rows]


async def set_status(
    conn: aiosqlite.Connection,
    signal_id: int,
    status: SignalStatus,
    now: datetime,
    concern_id: int | None = None,
) -> None:
    """A new status; any but "seen" closes the signal, from which retention counts."""
    closed = None if status in OPEN else timestamp(now)
    await conn.execute(
        "UPDATE signals SET status = ?, updated_at = ?, closed_at = ?,"
        " concern_id = coalesce(?, concern_id) WHERE id = ?",
        (status.value, timestamp(now), closed, concern_id, signal_id),
    )


async def per_problem(conn: aiosqlite.Connection, areas: list[str]) -> dict[str, int]:
    """Signals ever received per problem, in these wijken."""
    if not areas:
        return {}
    marks = ", ".join("?" * len(areas))
    rows = await conn.execute_fetchall(
        f"SELECT problem, count(*) AS n FROM signals WHERE area IN ({marks})"
        " GROUP BY problem ORDER BY n DESC, problem",
        areas,
    )
    return {str(row["problem"]): int(row["n"]) for row in rows}


_TEXTS = "description = NULL, place = NULL, latitude = NULL, longitude = NULL, photo_file_id = NULL"


async def erase_closed_before(conn: aiosqlite.Connection, cutoff: datetime) -> int:
    """Texts and photos of signals closed before `cutoff` go; wijk, problem and status stay."""
    cursor = await conn.execute(
        f"UPDATE signals SET {_TEXTS} WHERE closed_at < ?"
        " AND (description IS NOT NULL OR place IS NOT NULL OR latitude IS NOT NULL"
        " OR photo_file_id IS NOT NULL)",
        (timestamp(cutoff),),
    )
    return cursor.rowcount
