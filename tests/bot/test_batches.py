"""Work written in batches: after a window, or at once when a batch is full; never in a hot loop."""

from __future__ import annotations

import asyncio

from bot.delivery.batches import WrittenInBatches


class Writer(WrittenInBatches):
    def __init__(self, window: float, most: int, fail_first: bool = False) -> None:
        super().__init__(window, "test-writer", most)
        self.items: list[int] = []
        self.written: list[list[int]] = []
        self.attempts = 0
        self.fail_first = fail_first
        self.wrote = asyncio.Event()

    def add(self, item: int) -> None:
        self.items.append(item)
        self._added(len(self.items))

    async def _write(self) -> None:
        if not self.items:
            return
        self.attempts += 1
        if self.fail_first and self.attempts == 1:
            self._again()  # kept for the next write
            return
        batch, self.items = self.items, []
        self.written.append(batch)
        self.wrote.set()


async def test_a_full_batch_is_written_without_waiting_for_the_window() -> None:
    writer = Writer(window=60.0, most=3)
    writer.start()
    for item in range(3):
        writer.add(item)
    await asyncio.wait_for(writer.wrote.wait(), 5.0)  # long before the minute's window
    assert writer.written == [[0, 1, 2]]
    await writer.stop()


async def test_fewer_wait_for_the_window_and_go_together() -> None:
    writer = Writer(window=0.05, most=100)
    writer.start()
    writer.add(1)
    writer.add(2)
    assert writer.written == []
    await asyncio.wait_for(writer.wrote.wait(), 5.0)
    assert writer.written == [[1, 2]]
    await writer.stop()


async def test_a_failed_write_is_tried_again_after_a_window_not_at_once() -> None:
    writer = Writer(window=0.2, most=2, fail_first=True)
    writer.start()
    writer.add(1)
    writer.add(2)  # full: the first write goes at once, and fails
    await asyncio.sleep(0.1)
    assert writer.attempts == 1 and writer.written == []  # no hot loop while it fails
    await asyncio.wait_for(writer.wrote.wait(), 5.0)
    assert writer.written == [[1, 2]] and writer.attempts == 2
    await writer.stop()
