"""The outbox: queued once per key, claimed once, finished with its text dropped."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from storage import blocked_people, inbox, outbox
from storage.db import Database
from storage.outbox import OutboxRow, OutboxStatus
from storage.people import Person

LEASE = timedelta(seconds=30)


async def put(
    db: Database,
    now: datetime,
    key: str,
    chat_id: int = 1001,
    *,
    bulk: bool = False,
    update_id: int | None = None,
    batch: str | None = None,
) -> bool:
    async with db.transaction() as conn:
        return await outbox.enqueue(
            conn,
            chat_id=chat_id,
            cause="test",
            dedupe_key=key,
            payload='{"kind": "notice", "text": "x"}',
            now=now,
            bulk=bulk,
            update_id=update_id,
            batch=batch,
        )


async def claim(db: Database, now: datetime, limit: int = 10) -> list[OutboxRow]:
    async with db.transaction() as conn:
        return await outbox.claim(conn, now, stale_before=now - LEASE, limit=limit)


async def test_the_same_key_is_queued_once(db: Database, now: datetime) -> None:
    assert await put(db, now, "scan.ready:12:1001")
    assert not await put(db, now, "scan.ready:12:1001")
    (row,) = await claim(db, now)
    assert (row.status, row.attempts, row.claimed_at) == (OutboxStatus.SENDING, 1, now)
    async with db.transaction() as conn:
        await outbox.finish(conn, row.id, OutboxStatus.SENT, now)
    assert not await put(db, now + timedelta(days=1), "scan.ready:12:1001")  # sent: still once
    async with db.transaction() as conn:
        stored = await outbox.by_key(conn, "scan.ready:12:1001")
    assert stored is not None
    assert (stored.status, stored.payload, stored.finished_at) == (OutboxStatus.SENT, None, now)


def alert_row(chat_id: int, *, paid: bool = False) -> outbox.NewRow:
    return outbox.NewRow(
        chat_id, "bin.alert", f"bin.alert:7:{chat_id}", "{}", bulk=True, paid=paid, batch="b7"
    )


async def test_many_are_queued_at_once_and_each_key_still_once(db: Database, now: datetime) -> None:
    async with db.transaction() as conn:
        assert await outbox.enqueue_many(conn, [alert_row(1), alert_row(2), alert_row(1)], now) == 2
        assert await outbox.enqueue_many(conn, [alert_row(2), alert_row(3)], now) == 1
        assert await outbox.enqueue_many(conn, [], now) == 0
        rows = await outbox.since(conn, 0)
    assert [row.dedupe_key for row in rows] == [f"bin.alert:7:{n}" for n in (1, 2, 3)]
    assert all(row.bulk and row.batch == "b7" and row.created_at == now for row in rows)


async def test_paid_broadcasts_are_claimed_in_a_lane_of_their_own(
    db: Database, now: datetime
) -> None:
    await put(db, now, "summary:1")
    async with db.transaction() as conn:
        rows = [alert_row(n, paid=n % 2 == 0) for n in range(1, 7)]
        await outbox.enqueue_many(conn, rows, now)
        paid = await outbox.claim(conn, now, stale_before=now - LEASE, limit=10, paid=True)
        free = await outbox.claim(conn, now, stale_before=now - LEASE, limit=10)
    assert [row.chat_id for row in paid] == [2, 4, 6] and all(row.paid for row in paid)
    assert [row.chat_id for row in free] == [1001, 1, 3, 5]
    assert not any(row.paid for row in free)


async def test_rows_claimed_ahead_go_back_untried(db: Database, now: datetime) -> None:
    async with db.transaction() as conn:
        await outbox.enqueue_many(conn, [alert_row(n, paid=True) for n in (1, 2)], now)
        claimed = await outbox.claim(conn, now, stale_before=now - LEASE, limit=10, paid=True)
        later = now + timedelta(seconds=3)
        await outbox.hand_back(conn, [row.id for row in claimed], later)
        assert await outbox.claim(conn, now, stale_before=now - LEASE, limit=10, paid=True) == []
        again = await outbox.claim(conn, later, stale_before=now - LEASE, limit=10, paid=True)
    assert [(row.chat_id, row.attempts) for row in again] == [(1, 1), (2, 1)]


async def test_many_sent_are_recorded_at_once(db: Database, now: datetime) -> None:
    async with db.transaction() as conn:
        await outbox.enqueue_many(conn, [alert_row(n) for n in (1, 2, 3)], now)
        claimed = await outbox.claim(conn, now, stale_before=now - LEASE, limit=10)
        done = await outbox.finish_sent(conn, [claimed[0].id, claimed[1].id, 999], now)
        progress = await outbox.progress(conn, "b7")
    assert done == 2  # a row erased meanwhile is no error
    assert progress == {OutboxStatus.SENT: 2, OutboxStatus.SENDING: 1}


async def test_caused_by_people_goes_before_bulk_then_oldest_first(
    db: Database, now: datetime
) -> None:
    await put(db, now, "digest:1", bulk=True)
    await put(db, now, "summary:1")
    await put(db, now, "digest:2", bulk=True)
    await put(db, now, "summary:2")
    first = await claim(db, now, limit=3)
    assert [row.dedupe_key for row in first] == ["summary:1", "summary:2", "digest:1"]
    assert [row.dedupe_key for row in await claim(db, now)] == ["digest:2"]
    assert await claim(db, now) == []  # all claimed


async def test_a_row_waits_for_the_replies_to_its_update(db: Database, now: datetime) -> None:
    async with db.transaction() as conn:
        await inbox.record(conn, 41, 1001, "[]", now)
    await put(db, now, "summary:1", update_id=41)
    await put(db, now, "summary:2", update_id=99)  # an update whose row retention removed
    assert [row.dedupe_key for row in await claim(db, now)] == ["summary:2"]
    async with db.transaction() as conn:
        assert await outbox.waiting_on_answers(conn)
        assert await inbox.mark_answered(conn, [41], now) == 1
        assert not await outbox.waiting_on_answers(conn)
    assert [row.dedupe_key for row in await claim(db, now)] == ["summary:1"]


async def test_a_retry_waits_until_it_is_due(db: Database, now: datetime) -> None:
    await put(db, now, "k")
    (row,) = await claim(db, now)
    later = now + timedelta(seconds=4)
    async with db.transaction() as conn:
        await outbox.retry(conn, row.id, later, "Bad Gateway")
        assert await outbox.next_due(conn) == later
    assert await claim(db, later - timedelta(seconds=1)) == []
    (again,) = await claim(db, later)
    assert (again.id, again.attempts, again.error) == (row.id, 2, "Bad Gateway")


async def test_a_claim_left_by_a_dispatcher_that_died_is_taken_after_the_lease(
    db: Database, now: datetime
) -> None:
    await put(db, now, "k")
    assert len(await claim(db, now)) == 1
    assert await claim(db, now + LEASE - timedelta(seconds=1)) == []
    (taken,) = await claim(db, now + LEASE + timedelta(seconds=1))
    assert taken.attempts == 2


async def test_rows_to_someone_who_blocked_the_bot_end_blocked(
    db: Database, officer: Person, now: datetime
) -> None:
    assert officer.telegram_id is not None
    await put(db, now, "k", chat_id=officer.telegram_id)
    async with db.transaction() as conn:
        await blocked_people.mark(conn, officer.id, now)
    assert await claim(db, now) == []
    async with db.transaction() as conn:
        (row,) = await outbox.for_chat(conn, officer.telegram_id)
    assert (row.status, row.payload) == (OutboxStatus.BLOCKED, None)


async def test_two_processes_claim_a_row_once(db_path: Path, db: Database, now: datetime) -> None:
    for n in range(5):
        await put(db, now, f"k{n}")
    other = await Database.open(db_path)  # a second connection, as a second process has
    try:
        results = await asyncio.gather(
            *(claim(database, now, limit=2) for database in (db, other, db, other))
        )
    finally:
        await other.close()
    claimed = [row.id for rows in results for row in rows]
    assert sorted(claimed) == sorted(set(claimed)) and len(claimed) == 5


async def test_a_batch_can_be_followed(db: Database, now: datetime) -> None:
    for n in range(3):
        await put(db, now, f"alert:{n}", chat_id=2000 + n, bulk=True, batch="alert-7")
    rows = await claim(db, now, limit=2)
    async with db.transaction() as conn:
        await outbox.finish(conn, rows[0].id, OutboxStatus.SENT, now)
        await outbox.finish(conn, rows[1].id, OutboxStatus.FAILED, now, "chat not found")
        progress = await outbox.progress(conn, "alert-7")
    assert progress == {OutboxStatus.SENT: 1, OutboxStatus.FAILED: 1, OutboxStatus.QUEUED: 1}


async def test_finished_rows_go_after_their_time_and_waiting_ones_stay(
    db: Database, now: datetime
) -> None:
    await put(db, now, "old")
    await put(db, now, "waiting")
    (row, _) = await claim(db, now)
    async with db.transaction() as conn:
        await outbox.finish(conn, row.id, OutboxStatus.SENT, now)
        assert await outbox.delete_finished_before(conn, now + timedelta(days=1)) == 1
        assert [r.dedupe_key for r in await outbox.since(conn, 0)] == ["waiting"]


async def test_a_sending_does_not_end_in_a_waiting_status(db: Database, now: datetime) -> None:
    await put(db, now, "k")
    (row,) = await claim(db, now)
    with pytest.raises(ValueError):
        async with db.transaction() as conn:
            await outbox.finish(conn, row.id, OutboxStatus.QUEUED, now)


async def test_a_finished_row_keeps_no_text(db: Database, now: datetime) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO outbox (chat_id, cause, dedupe_key, payload, status, created_at)"
                " VALUES (1, 'x', 'k', 'text', 'sent', '')"
            )


async def test_a_row_put_off_untried_keeps_its_attempts(db: Database, now: datetime) -> None:
    await put(db, now, "k", chat_id=-100123)
    (row,) = await claim(db, now)
    later = now + timedelta(seconds=60)
    async with db.transaction() as conn:
        await outbox.put_off(conn, row.id, later, "20 a minute to this group")
    assert await claim(db, now) == []
    (again,) = await claim(db, later)
    assert again.attempts == 1  # the first claim that was no attempt is not counted


async def test_figures_count_the_backlog_from_its_oldest_and_what_ended(
    db: Database, now: datetime
) -> None:
    async with db.transaction() as conn:
        empty = await outbox.figures(conn)
    assert (empty.backlog, empty.oldest, empty.sent, empty.failed) == (0, None, 0, 0)
    for minutes, key in enumerate(("a", "b", "c", "d")):
        assert await put(db, now + timedelta(minutes=minutes), key)
    sent, failed = await claim(db, now + timedelta(minutes=5), limit=2)
    async with db.transaction() as conn:
        await outbox.finish(conn, sent.id, OutboxStatus.SENT, now)
        await outbox.finish(conn, failed.id, OutboxStatus.FAILED, now, "Bad Request")
        found = await outbox.figures(conn)
    # "c" and "d" wait; the oldest of them was queued two minutes after the first row.
    assert (found.backlog, found.oldest, found.sent, found.failed) == (
        2,
        now + timedelta(minutes=2),
        1,
        1,
    )
