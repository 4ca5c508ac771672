"""Updates of one person are handled in order; those of different people at the same time.

When an update is done with, whatever became of it, Telegram may be told to forget it
(bot.update_confirm).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.update_confirm import InHand


class PerPersonOrder(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int = 64, in_hand: InHand | None = None) -> None:
        super().__init__(max_concurrent_updates)
        self._in_hand = in_hand  # told when an update is done with, whatever became of it
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}
        self.done = 0  # updates finished so far; tests wait on it
        self._done_changed = asyncio.Condition()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _person_of(update)
        try:
            if key is None:
                await coroutine
                return
            lock = self._locks.setdefault(key, asyncio.Lock())
            self._waiting[key] = self._waiting.get(key, 0) + 1
            try:
                async with lock:
                    await coroutine
            finally:
                self._waiting[key] -= 1
                if not self._waiting[key]:  # nobody queued: drop the lock, keep memory flat
                    del self._waiting[key], self._locks[key]
        finally:
            if self._in_hand is not None and isinstance(update, Update):
                self._in_hand.done(update.update_id)
            async with self._done_changed:
                self.done += 1
                self._done_changed.notify_all()

    async def wait_done(self, count: int) -> None:
        """Wait until at least `count` updates have been handled."""
        async with self._done_changed:
            await self._done_changed.wait_for(lambda: self.done >= count)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


def _person_of(update: object) -> int | None:
    if isinstance(update, Update) and update.effective_user is not None:
        return update.effective_user.id
    return None
