"""Reminders sent, or being sent: one row per kind, person and period, claimed before sending.

A run claims a row inside a write transaction before it talks to Telegram, so two runs, a
restart or a second process can never both send the same reminder. A claim whose run died
is taken over after `stale_before`; a temporary error leaves the row to be claimed again.
"""

from datetime import date, datetime
from enum import StrEnum

import aiosqlite
from pydantic import BaseModel

from storage.codecs import UtcDatetime, timestamp
from storage.errors import NotFoundError


class DeliveryKind(StrEnum):
    DIGEST = "digest"  # an officer's contacts due for a visit
    OVERVIEW = "overview"  # the admin's weekly overview per officer
    SCAN_REMINDER = "scan_reminder"  # a contact's one reminder of a scan left waiting


class DeliveryStatus(StrEnum):
    SENDING = "sending"
    RETRY = "retry"
    SENT = "sent"
    BLOCKED = "blocked"
    FAILED = "failed"


FINAL = frozenset({DeliveryStatus.SENT, DeliveryStatus.BLOCKED, DeliveryStatus.FAILED})


class Delivery(BaseModel):
    id: int
    kind: DeliveryKind
    person_id: int
    period: date
    status: DeliveryStatus
    attempts: int
    claimed_at: UtcDatetime
    finished_at: UtcDatetime | None


_COLUMNS = "id, kind, person_id, period, status, attempts, claimed_at, finished_at"


async def claim(
    conn: aiosqlite.Connection,
    kind: DeliveryKind,
    person_id: int,
    period: date,
    now: datetime,
    *,
    stale_before: datetime,
    max_attempts: int,
) -> Delivery | None:
    """Claim the reminder for sending; None when it is sent, given up, or another run has it.

    The caller must hold a write transaction (BEGIN IMMEDIATE), so the check and the claim
    are one step for every process on the database.
    """
    async with conn.execute(
        "INSERT INTO deliveries (kind, person_id, period, status, attempts, claimed_at)"
        " VALUES (?, ?, ?, 'sending', 1, ?)"
        " ON CONFLICT (kind, person_id, period) DO UPDATE SET"
        " status = 'sending', attempts = attempts + 1, claimed_at = excluded.claimed_at,"
        " finished_at = NULL"
        " WHERE (status = 'retry' OR (status = 'sending' AND claimed_at < ?))"
        " AND attempts < ?"
        f" RETURNING {_COLUMNS}",
        (
            DeliveryKind(kind).value,
            person_id,
            period.isoformat(),
            timestamp(now),
            timestamp(stale_before),
            max_attempts,
        ),
    ) as cursor:
        row = await cursor.fetchone()
    return None if row is None else Delivery.model_validate(dict(row))


async def finish(
    conn: aiosqlite.Connection, delivery_id: int, status: DeliveryStatus, now: datetime
) -> None:
    """Record how a claimed sending ended; RETRY hands the row back to a later run."""
    status = DeliveryStatus(status)
    if status is DeliveryStatus.SENDING:
        raise ValueError("a sending ends in another status")
    finished = timestamp(now) if status in FINAL else None
    async with conn.execute(
        "UPDATE deliveries SET status = ?, finished_at = ? WHERE id = ?",
        (status.value, finished, delivery_id),
    ) as cursor:
        if cursor.rowcount != 1:
            raise NotFoundError(f"no delivery with id {delivery_id}")


async def get(
    conn: aiosqlite.Connection, kind: DeliveryKind, person_id: int, period: date
) -> Delivery | None:
    async with conn.execute(
        f"SELECT {_COLUMNS} FROM deliveries WHERE kind = ? AND person_id = ? AND period = ?",
        (DeliveryKind(kind).value, person_id, period.isoformat()),
    ) as cursor:
        row = await cursor.fetchone()
    return None if row is None else Delivery.model_validate(dict(row))
