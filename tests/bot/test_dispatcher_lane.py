"""A lane's claimed rows handed back leave its workers' signs to stop where they are: a 429
that comes while the dispatcher stops must not leave a worker waiting for ever."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.delivery.dispatcher import _Lane
from storage.outbox import OutboxRow, OutboxStatus


def row(row_id: int) -> OutboxRow:
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    return OutboxRow(
        id=row_id,
        chat_id=1000 + row_id,
        cause="test",
        dedupe_key=f"test:{row_id}",
        batch=None,
        bulk=True,
        paid=False,
        update_id=None,
        payload="{}",
        status=OutboxStatus.SENDING,
        attempts=1,
        due_at=None,
        claimed_at=now,
        created_at=now,
        finished_at=None,
        error=None,
    )


async def test_handing_back_keeps_the_workers_signs_to_stop() -> None:
    lane = _Lane(False, concurrency=2, ahead=2, per_second=30)
    lane.rows.put_nowait(row(1))
    lane.rows.put_nowait(None)  # the dispatcher stops: one sign per worker
    lane.rows.put_nowait(row(2))
    lane.rows.put_nowait(None)
    assert [r.id for r in lane.take_back()] == [1, 2]
    assert [lane.rows.get_nowait(), lane.rows.get_nowait()] == [None, None]
    assert lane.rows.empty()
