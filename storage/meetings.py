"""Buurtgesprekken: planned by an officer, reached by residents through a random code."""

import secrets
from datetime import datetime
from enum import StrEnum

import aiosqlite
from pydantic import BaseModel

from storage.codecs import UtcDatetime, timestamp
from storage.errors import NotFoundError
from storage.rows import inserted_id

CODE_LENGTH = 10
# Lower case and digits only: a code sits in a /start payload and in button data, and is read
# off a flyer now and then; about 51 random bits, so codes cannot be guessed.
_CODE_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


class MeetingKind(StrEnum):
    INVENTORY = "inventariserend"  # find out what worries people
    THEMATIC = "thematisch"  # one structural problem
    NETWORK = "netwerk"  # build a network: shopkeepers, horeca, a BIN
    REASSURING = "geruststellend"  # after a shocking incident
    MOBILISING = "mobiliserend"  # a concrete problem that needs direct action


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    CANCELLED = "cancelled"
    CLOSED = "closed"


class NewMeeting(BaseModel):
    kind: MeetingKind
    starts_at: UtcDatetime
    place: str
    area: str
    theme: str | None = None
    intake_until: UtcDatetime


class Meeting(NewMeeting):
    id: int
    code: str
    officer_id: int
    created_at: UtcDatetime
    updated_at: UtcDatetime
    cancelled_at: UtcDatetime | None
    closed_at: UtcDatetime | None

    @property
    def status(self) -> MeetingStatus:
        if self.cancelled_at is not None:
            return MeetingStatus.CANCELLED
        if self.closed_at is not None:
            return MeetingStatus.CLOSED
        return MeetingStatus.PLANNED

    def intake_open(self, now: datetime) -> bool:
        """Whether residents may still submit, support and withdraw concerns."""
        return self.status is MeetingStatus.PLANNED and now < self.intake_until


_SELECT = (
    "SELECT id, code, officer_id, kind, starts_at, place, area, theme, intake_until,"
    " created_at, updated_at, cancelled_at, closed_at FROM meetings"
)


def new_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(CODE_LENGTH))


async def add(
    conn: aiosqlite.Connection, officer_id: int, new: NewMeeting, now: datetime
) -> Meeting:
    at = timestamp(now)
    cursor = await conn.execute(
        "INSERT INTO meetings (code, officer_id, kind, starts_at, place, area, theme,"
        " intake_until, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            new_code(),
            officer_id,
            MeetingKind(new.kind).value,
            timestamp(new.starts_at),
            new.place,
            new.area,
            new.theme,
            timestamp(new.intake_until),
            at,
            at,
        ),
    )
    meeting_id = inserted_id(cursor)
    return await _existing(conn, meeting_id)


async def get(conn: aiosqlite.Connection, meeting_id: int) -> Meeting | None:
    found = await _many(conn, f"{_SELECT} WHERE id = ?", meeting_id)
    return found[0] if found else None


async def by_code(conn: aiosqlite.Connection, code: str) -> Meeting | None:
    found = await _many(conn, f"{_SELECT} WHERE code = ?", code)
    return found[0] if found else None


async def list_for_officer(conn: aiosqlite.Connection, officer_id: int) -> list[Meeting]:
    """The officer's meetings, latest first."""
    return await _many(
        conn, f"{_SELECT} WHERE officer_id = ? ORDER BY starts_at DESC, id DESC", officer_id
    )


async def list_all(conn: aiosqlite.Connection) -> list[Meeting]:
    """Every meeting of the zone, latest first (for its admins)."""
    return await _many(conn, f"{_SELECT} ORDER BY starts_at DESC, id DESC")


async def update(
    conn: aiosqlite.Connection, meeting_id: int, new: NewMeeting, now: datetime
) -> Meeting:
    cursor = await conn.execute(
        "UPDATE meetings SET kind = ?, starts_at = ?, place = ?, area = ?, theme = ?,"
        " intake_until = ?, updated_at = ? WHERE id = ?",
        (
            MeetingKind(new.kind).value,
            timestamp(new.starts_at),
            new.place,
            new.area,
            new.theme,
            timestamp(new.intake_until),
            timestamp(now),
            meeting_id,
        ),
    )
    _require_one(cursor, meeting_id)
    return await _existing(conn, meeting_id)


async def cancel(conn: aiosqlite.Connection, meeting_id: int, now: datetime) -> bool:
    """Cancel a planned meeting; False when it was no longer planned."""
    return await _end(conn, "cancelled_at", meeting_id, now)


async def close(conn: aiosqlite.Connection, meeting_id: int, now: datetime) -> bool:
    """Close a planned meeting after it took place; its concerns stay."""
    return await _end(conn, "closed_at", meeting_id, now)


async def _end(conn: aiosqlite.Connection, column: str, meeting_id: int, now: datetime) -> bool:
    at = timestamp(now)
    assert column in ("cancelled_at", "closed_at")
    cursor = await conn.execute(
        f"UPDATE meetings SET {column} = ?, updated_at = ?"
        " WHERE id = ? AND cancelled_at IS NULL AND closed_at IS NULL",
        (at, at, meeting_id),
    )
    return cursor.rowcount == 1


async def starting_between(
    conn: aiosqlite.Connection, after: datetime, until: datetime
) -> list[Meeting]:
    """Planned meetings that start in (after, until], soonest first."""
    return await _many(
        conn,
        f"{_SELECT} WHERE cancelled_at IS NULL AND closed_at IS NULL"
        " AND starts_at > ? AND starts_at <= ? ORDER BY starts_at, id",
        timestamp(after),
        timestamp(until),
    )


async def _many(conn: aiosqlite.Connection, sql: str, *args: object) -> list[Meeting]:
    rows = await conn.execute_fetchall(sql, args)
    return [Meeting.model_validate(dict(row)) for row in rows]


async def _existing(conn: aiosqlite.Connection, meeting_id: int) -> Meeting:
    meeting = await get(conn, meeting_id)
    if meeting is None:
        raise NotFoundError(f"no meeting with id {meeting_id}")
    return meeting


def _require_one(cursor: aiosqlite.Cursor, meeting_id: int) -> None:
    if cursor.rowcount != 1:
        raise NotFoundError(f"no meeting with id {meeting_id}")
