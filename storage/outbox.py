"""Messages owed to people and groups, queued with the change that causes them.

A row is written in the caller's transaction, so it exists exactly when that change does, and
once per `dedupe_key`. A dispatcher claims due rows of one lane (the paced one, or Telegram's
paid broadcasts) inside a write transaction (so two processes never take the same row), sends
them and records how each ended. A claim older than the dispatcher's lease belongs to a
process that died and is taken again. The text of a row is dropped once it is finished; what
stays says who got what, when, and why not.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import aiosqlite
from pydantic import BaseModel

from storage.codecs import UtcDatetime, timestamp
from storage.errors import NotFoundError


class OutboxStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"  # claimed by a dispatcher
    SENT = "sent"
    BLOCKED = "blocked"  # the person blocked the bot
    FAILED = "failed"  # refused for good, or given up; `error` says why


FINAL = frozenset({OutboxStatus.SENT, OutboxStatus.BLOCKED, OutboxStatus.FAILED})


class OutboxRow(BaseModel):
    id: int
    chat_id: int
    cause: str
    dedupe_key: str
    batch: str | None
    bulk: bool
    paid: bool  # one of Telegram's paid broadcasts: a lane of its own, up to 1,000 a second
    update_id: int | None
    payload: str | None
    status: OutboxStatus
    attempts: int
    due_at: UtcDatetime | None
    claimed_at: UtcDatetime | None
    created_at: UtcDatetime
    finished_at: UtcDatetime | None
    error: str | None


_COLUMNS = (
    "id, chat_id, cause, dedupe_key, batch, bulk, paid, update_id, payload, status, attempts,"
    " due_at, claimed_at, created_at, finished_at, error"
)


@dataclass(frozen=True, slots=True)
class NewRow:
    """A message to queue: `enqueue_many` takes many of these at once."""

    chat_id: int
    cause: str
    dedupe_key: str
    payload: str
    bulk: bool = False
    paid: bool = False
    update_id: int | None = None
    batch: str | None = None


async def enqueue(
    conn: aiosqlite.Connection,
    *,
    chat_id: int,
    cause: str,
    dedupe_key: str,
    payload: str,
    now: datetime,
    bulk: bool = False,
    update_id: int | None = None,
    batch: str | None = None,
) -> bool:
    """Queue a message; False when one with this key was queued before (and nothing changes)."""
    row = NewRow(chat_id, cause, dedupe_key, payload, bulk, False, update_id, batch)
    return await enqueue_many(conn, [row], now) == 1


async def enqueue_many(conn: aiosqlite.Connection, rows: Iterable[NewRow], now: datetime) -> int:
    """Queue each row unless its key was queued before (also earlier in `rows`); returns how
    many were new. One statement for them all: an alert to 5,000 is one trip to the database."""
    at = timestamp(now)
    cursor = await conn.executemany(
        "INSERT INTO outbox (chat_id, cause, dedupe_key, batch, bulk, paid, update_id, payload,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING",
        [
            (r.chat_id, r.cause, r.dedupe_key, r.batch, r.bulk, r.paid, r.update_id, r.payload, at)
            for r in rows
        ],
    )
    return max(cursor.rowcount, 0)


async def claim(
    conn: aiosqlite.Connection,
    now: datetime,
    *,
    stale_before: datetime,
    limit: int,
    paid: bool = False,
) -> list[OutboxRow]:
    """Take up to `limit` due rows of one lane for sending, those caused by people first.

    Due: queued and not held back (`due_at`), or claimed before `stale_before` by a
    dispatcher that never finished. A row caused by an update waits until that update's own
    replies were handed to Telegram. Rows to people who blocked the bot are finished as
    blocked instead. `paid` names the lane: Telegram's paid broadcasts, or all the others.
    The caller must hold a write transaction.
    """
    at = timestamp(now)
    # CROSS JOIN: from the few who blocked the bot to their people, not through every person
    # (SQLite chose the latter: 0.33 ms a claim with 5,000 people, against 0.007 ms).
    await conn.execute(
        "UPDATE outbox SET status = 'blocked', payload = NULL, finished_at = ?, error = NULL"
        " WHERE status = 'queued' AND chat_id IN (SELECT p.telegram_id FROM blocked_people b"
        " CROSS JOIN people p ON p.id = b.person_id WHERE p.telegram_id IS NOT NULL)",
        (at,),
    )
    # `status IN (...)` as the index outbox_waiting has it: so the claim reads that index in
    # its order and stops after `limit` rows, rather than sorting the whole outbox.
    rows = await conn.execute_fetchall(
        "UPDATE outbox SET status = 'sending', claimed_at = ?, attempts = attempts + 1"
        " WHERE id IN (SELECT id FROM outbox"
        " WHERE status IN ('queued', 'sending') AND paid = ?"
        " AND ((status = 'queued' AND (due_at IS NULL OR due_at <= ?))"
        " OR (status = 'sending' AND claimed_at < ?))"
        " AND (update_id IS NULL OR update_id NOT IN"
        " (SELECT update_id FROM inbox WHERE answered_at IS NULL))"
        " ORDER BY bulk, id LIMIT ?)"
        f" RETURNING {_COLUMNS}",
        (at, int(paid), at, timestamp(stale_before), limit),
    )
    claimed = [OutboxRow.model_validate(dict(row)) for row in rows]
    return sorted(claimed, key=lambda row: (row.bulk, row.id))


async def next_due(conn: aiosqlite.Connection, paid: bool = False) -> datetime | None:
    """The earliest `due_at` of a row of this lane held back for later (a retry, a 429)."""
    rows = await conn.execute_fetchall(
        "SELECT min(due_at) FROM outbox WHERE status IN ('queued', 'sending') AND paid = ?"
        " AND status = 'queued' AND due_at IS NOT NULL",
        (int(paid),),
    )
    due = next(iter(rows))[0]
    return None if due is None else datetime.fromisoformat(due)


async def pending(conn: aiosqlite.Connection) -> int:
    """Rows not finished yet: queued, or being sent."""
    rows = await conn.execute_fetchall(
        "SELECT count(*) FROM outbox WHERE status IN ('queued', 'sending')"
    )
    return int(next(iter(rows))[0])


async def waiting_on_answers(conn: aiosqlite.Connection) -> bool:
    """Whether a queued row waits only for the replies of the update that caused it."""
    rows = await conn.execute_fetchall(
        "SELECT EXISTS (SELECT 1 FROM outbox WHERE status = 'queued' AND update_id IN"
        " (SELECT update_id FROM inbox WHERE answered_at IS NULL))"
    )
    return bool(next(iter(rows))[0])


async def finish(
    conn: aiosqlite.Connection,
    row_id: int,
    status: OutboxStatus,
    now: datetime,
    error: str | None = None,
) -> None:
    """Record how a claimed row ended; its text is dropped."""
    status = OutboxStatus(status)
    if status not in FINAL:
        raise ValueError(f"{status} is not how a sending ends")
    async with conn.execute(
        "UPDATE outbox SET status = ?, payload = NULL, finished_at = ?, error = ? WHERE id = ?",
        (status.value, timestamp(now), error, row_id),
    ) as cursor:
        if cursor.rowcount != 1:
            raise NotFoundError(f"no outbox row with id {row_id}")


async def finish_sent(conn: aiosqlite.Connection, row_ids: Iterable[int], now: datetime) -> int:
    """Record many claimed rows as sent at once; returns how many were still there (a row
    erased with its person meanwhile is no error)."""
    cursor = await conn.executemany(
        "UPDATE outbox SET status = 'sent', payload = NULL, finished_at = ?, error = NULL"
        " WHERE id = ?",
        [(timestamp(now), row_id) for row_id in row_ids],
    )
    return max(cursor.rowcount, 0)


async def retry(
    conn: aiosqlite.Connection, row_id: int, due_at: datetime, error: str | None = None
) -> None:
    """Hand a claimed row back, to be sent again from `due_at`."""
    async with conn.execute(
        "UPDATE outbox SET status = 'queued', due_at = ?, claimed_at = NULL, error = ?"
        " WHERE id = ? AND status = 'sending'",
        (timestamp(due_at), error, row_id),
    ) as cursor:
        if cursor.rowcount != 1:
            raise NotFoundError(f"no claimed outbox row with id {row_id}")


async def put_off(conn: aiosqlite.Connection, row_id: int, due_at: datetime, reason: str) -> None:
    """Hand a claimed row back untried, to be sent from `due_at`: its claim was no attempt."""
    async with conn.execute(
        "UPDATE outbox SET status = 'queued', due_at = ?, claimed_at = NULL, error = ?,"
        " attempts = attempts - 1 WHERE id = ? AND status = 'sending'",
        (timestamp(due_at), reason, row_id),
    ) as cursor:
        if cursor.rowcount != 1:
            raise NotFoundError(f"no claimed outbox row with id {row_id}")


async def hand_back(
    conn: aiosqlite.Connection, row_ids: list[int], due_at: datetime | None
) -> None:
    """Claimed rows back to the queue untried (a stop, a 429): their claim was no attempt."""
    await conn.executemany(
        "UPDATE outbox SET status = 'queued', due_at = ?, claimed_at = NULL,"
        " attempts = attempts - 1 WHERE id = ? AND status = 'sending'",
        [(None if due_at is None else timestamp(due_at), row_id) for row_id in row_ids],
    )


async def by_key(conn: aiosqlite.Connection, dedupe_key: str) -> OutboxRow | None:
    rows = await conn.execute_fetchall(
        f"SELECT {_COLUMNS} FROM outbox WHERE dedupe_key = ?", (dedupe_key,)
    )
    return next((OutboxRow.model_validate(dict(row)) for row in rows), None)


async def for_chat(conn: aiosqlite.Connection, chat_id: int) -> list[OutboxRow]:
    rows = await conn.execute_fetchall(
        f"SELECT {_COLUMNS} FROM outbox WHERE chat_id = ? ORDER BY id", (chat_id,)
    )
    return [OutboxRow.model_validate(dict(row)) for row in rows]


async def since(conn: aiosqlite.Connection, after_id: int) -> list[OutboxRow]:
    """Rows queued after the row with id `after_id`, in order."""
    rows = await conn.execute_fetchall(
        f"SELECT {_COLUMNS} FROM outbox WHERE id > ? ORDER BY id", (after_id,)
    )
    return [OutboxRow.model_validate(dict(row)) for row in rows]


async def last_id(conn: aiosqlite.Connection) -> int:
    rows = await conn.execute_fetchall("SELECT coalesce(max(id), 0) FROM outbox")
    return int(next(iter(rows))[0])


async def progress(conn: aiosqlite.Connection, batch: str) -> Counter[OutboxStatus]:
    """How far a sending to many has come: rows of the batch by status."""
    rows = await conn.execute_fetchall(
        "SELECT status, count(*) AS n FROM outbox WHERE batch = ? GROUP BY status", (batch,)
    )
    return Counter({OutboxStatus(row["status"]): row["n"] for row in rows})


async def delete_finished_before(conn: aiosqlite.Connection, before: datetime) -> int:
    """Finished rows queued before `before`; they hold no text, only who got what."""
    cursor = await conn.execute(
        "DELETE FROM outbox WHERE status IN ('sent', 'blocked', 'failed') AND created_at < ?",
        (timestamp(before),),
    )
    return cursor.rowcount


class Figures(BaseModel):
    """The outbox at a glance, for the health check and the metrics."""

    backlog: int  # rows queued or being sent
    oldest: datetime | None  # when the oldest of those was queued
    sent: int  # rows sent, of those still on record (a month)
    failed: int  # rows given up on, of those still on record


async def figures(conn: aiosqlite.Connection) -> Figures:
    async with conn.execute(
        "SELECT"
        " sum(status IN ('queued', 'sending')),"
        " min(CASE WHEN status IN ('queued', 'sending') THEN created_at END),"
        " sum(status = 'sent'), sum(status = 'failed')"
        " FROM outbox"
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    backlog, oldest, sent, failed = row
    return Figures(
        backlog=backlog or 0,
        oldest=datetime.fromisoformat(oldest) if oldest else None,
        sent=sent or 0,
        failed=failed or 0,
    )
