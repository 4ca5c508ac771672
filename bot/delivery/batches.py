"""Work written in batches by a task of its own: one write transaction for many.

What is added within `window` seconds of the first is written together, and while a write is
running the next batch gathers. `stop` writes what is left; a write in progress is finished,
not cut off.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod


class WrittenInBatches(ABC):
    def __init__(self, window: float, name: str) -> None:
        self.window = window
        self._name = name
        self._more = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    def _added(self) -> None:
        """Something waits to be written."""
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
            if not self._stopping:
                await asyncio.sleep(self.window)  # what comes meanwhile goes in the same write
            self._more.clear()
            await self._write()
        await self._write()

    @abstractmethod
    async def _write(self) -> None:
        """Write what gathered; it must not raise, and keeps what it could not write."""
