"""Requests to a contact to fill in the yearly scan; at most one is open per contact."""

from datetime import datetime

import aiosqlite
from pydantic import BaseModel

from storage.codecs import UtcDatetime, timestamp
from storage.errors import NotFoundError
from storage.rows import inserted_id, one


class ScanRequest(BaseModel):
    id: int
    contact_id: int
    requested_by: int | None
    requested_at: UtcDatetime
    reminded_at: UtcDatetime | None
    closed_at: UtcDatetime | None


_SELECT = (
    "SELECT id, contact_id, requested_by, requested_at, reminded_at, closed_at FROM scan_requests"
)


async def open_request(
    conn: aiosqlite.Connection, contact_id: int, requested_by: int | None, now: datetime
) -> ScanRequest:
    """Open a request, or return the one already open, so asking twice sends nothing new."""
    existing = await open_for_contact(conn, contact_id)
    if existing is not None:
        return existing
    cursor = await conn.execute(
        "INSERT INTO scan_requests (contact_id, requested_by, requested_at) VALUES (?, ?, ?)",
        (contact_id, requested_by, timestamp(now)),
    )
    request_id = inserted_id(cursor)
    request = await _one(conn, f"{_SELECT} WHERE id = ?", request_id)
    if request is None:
        raise RuntimeError(f"scan request {request_id} vanished right after being stored")
    return request


async def open_for_contact(conn: aiosqlite.Connection, contact_id: int) -> ScanRequest | None:
    return await _one(conn, f"{_SELECT} WHERE contact_id = ? AND closed_at IS NULL", contact_id)


async def list_open(conn: aiosqlite.Connection) -> list[ScanRequest]:
    """Every open request, oldest first: what the contacts' reminders are chosen from."""
    rows = await conn.execute_fetchall(
        f"{_SELECT} WHERE closed_at IS NULL ORDER BY requested_at, id"
    )
    return [ScanRequest.model_validate(dict(row)) for row in rows]


async def mark_reminded(conn: aiosqlite.Connection, request_id: int, now: datetime) -> None:
    """Record the latest reminder, so the next one can wait its turn."""
    cursor = await conn.execute(
        "UPDATE scan_requests SET reminded_at = ? WHERE id = ?", (timestamp(now), request_id)
    )
    if cursor.rowcount != 1:
        raise NotFoundError(f"no scan request with id {request_id}")


async def close_for_contact(conn: aiosqlite.Connection, contact_id: int, now: datetime) -> int:
    """Close the contact's open request once a scan is in; returns how many were closed."""
    cursor = await conn.execute(
        "UPDATE scan_requests SET closed_at = ? WHERE contact_id = ? AND closed_at IS NULL",
        (timestamp(now), contact_id),
    )
    return cursor.rowcount


async def _one(conn: aiosqlite.Connection, sql: str, key: int) -> ScanRequest | None:
    row = await one(conn, sql, (key,))
    return None if row is None else ScanRequest.model_validate(dict(row))
