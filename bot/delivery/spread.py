"""A lane's calls spread evenly over each second, rather than sent in bursts.

The pacer (bot.delivery.pacer) only says how many calls a second may hold: left to itself, a
lane sends as fast as it can until the second is full, then waits for it to pass. At the paid
pace that is a burst of a thousand calls holding the event loop for the first part of every
second, and whoever writes to the bot then waits behind them; measured, others' answers took
three times as long while a paid alert went out, with the bot's process busy only 40 % of
the time. Starting one call every 1/limit of a second takes the same time in all and leaves
room between any two calls for someone's answer. The pacer's window stays the rule; this is
only how a lane walks within it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class Spread:
    def __init__(
        self,
        per_second: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.gap = 1.0 / per_second
        self.clock = clock
        self.sleep = sleep
        self._next = 0.0  # when the next call may start
        self._turn = asyncio.Lock()  # one waiter at a time, not every worker woken per call

    async def start(self) -> None:
        """Until this call's place in the line of starts."""
        async with self._turn:
            now = self.clock()
            # A start that comes a little late keeps the line's time (no drift); after a
            # pause the line begins again now.
            slot = max(self._next, now - self.gap)
            if slot > now:
                await self.sleep(slot - now)
            self._next = slot + self.gap
