"""The benchmark's backlog goes into the outbox as bulk, once per message."""

from __future__ import annotations

from pathlib import Path

from bot.benchmarks.bulk import queue_bulk_messages
from dialogs.engine.replies import Message
from dialogs.engine.reply_codec import load_one
from storage import outbox
from storage.db import Database


async def test_a_backlog_is_queued_as_bulk_to_the_chats_in_turn(tmp_path: Path) -> None:
    database = tmp_path / "wijkbot.db"
    await (await Database.open(database)).close()
    await queue_bulk_messages(database, [501, 502], 5)
    db = await Database.open(database)
    try:
        async with db.reader() as conn:
            rows = await outbox.since(conn, 0)
    finally:
        await db.close()
    assert [row.chat_id for row in rows] == [501, 502, 501, 502, 501]
    assert all(row.bulk and row.status is outbox.OutboxStatus.QUEUED for row in rows)
    assert len({row.dedupe_key for row in rows}) == 5
    first = load_one(rows[0].payload or "")
    assert isinstance(first, Message) and first.html == "Bericht 1 van 5"
