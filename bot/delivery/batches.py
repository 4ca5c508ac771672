"""Work written in batches by a task of its own: one write transaction for many.

What is added within `window` seconds of the first is written together, or sooner once `most`
wait: each write holds the event loop while it runs, so many small ones leave others more room
than a few large ones. While a write is running the next batch gathers. `stop` writes what is
left; a write in progress is finished, not cut off.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod

from bot.waiting import until_set


class WrittenInBatches(ABC):
    def __init__(self, window: float, name: str, most: int) -> None:
        self.window = window
        self.most = most
        self._name = name
        self._more = asyncio.Event()
        self._full = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    def _added(self, waiting: int) -> None:
        """Something was added: `waiting` wait to be written now."""
        self._more.set()
        if waiting >= self.most:
            self._full.set()

    def _again(self) -> None:
        """A write failed: try what it kept after a whole window, not in a hot loop."""
        self._more.set()

    def start(self) -> None:
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name=self._name)

    async def stop(self) -> None:
        self._stopping = True
        self._more.set()
        if self._task is not None:
            await self._task
            self._task = None

    async def _run(self) -> None:
        while not self._stopping:
            await self._more.wait()
            if not self._stopping:  # what comes meanwhile goes in the same write
                await until_set(self._full, self.window)
            self._more.clear()
            self._full.clear()
            await self._write()
        await self._write()

    @abstractmethod
    async def _write(self) -> None:
        """Write what gathered; it must not raise, and keeps what it could not write."""
