"""The inbox: an update's replies, once per update id, answered or waiting, kept a day."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from storage import inbox
from storage.db import Database


async def test_an_update_is_recorded_once_and_answered_later(db: Database, now: datetime) -> None:
    async with db.transaction() as conn:
        await inbox.record(conn, 7, 1001, '[{"kind": "notice", "text": "ok"}]', now)
        await inbox.record(conn, 8, 1002, "[]", now)
        assert [e.update_id for e in await inbox.unanswered(conn)] == [7, 8]
        assert await inbox.mark_answered(conn, [8, 9], now) == 1
        assert await inbox.mark_answered(conn, [8], now) == 0  # already answered
        assert [e.update_id for e in await inbox.unanswered(conn)] == [7]
        found = await inbox.get(conn, 8)
    assert found is not None and (found.telegram_id, found.answered_at) == (1002, now)
    async with db.transaction() as conn:
        await inbox.mark_answered(conn, [7], now)
        answered = await inbox.get(conn, 7)
    assert answered is not None and answered.replies == "[]"  # they named people: gone
    with pytest.raises(sqlite3.IntegrityError):
        async with db.transaction() as conn:
            await inbox.record(conn, 7, 1001, "[]", now)


async def test_kept_for_a_day(db: Database, now: datetime) -> None:
    async with db.transaction() as conn:
        await inbox.record(conn, 1, 1001, "[]", now - timedelta(days=1, seconds=1))
        await inbox.record(conn, 2, 1001, "[]", now)
        assert await inbox.delete_before(conn, now - timedelta(days=1)) == 1
        assert await inbox.get(conn, 1) is None and await inbox.get(conn, 2) is not None
