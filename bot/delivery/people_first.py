"""People's answers before the outbox: while someone's update is in hand or being answered, no
outbox call or claim starts, for a moment at most.

Everything the bot does shares one event loop, so each step of an answer (reading the update,
the turn, the answer's own call, reading Telegram's reply) waits behind whatever else is ready
to run, and during a paid BIN sending that is a call every millisecond. Holding the outbox
back from the moment an update is fetched until its answer is given costs a sending a few
milliseconds, and the person nothing. The hold is short (`MOST`), so a steady crowd cannot
starve the outbox.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from typing import Protocol

from bot.waiting import until_set

MOST = 0.05  # seconds the outbox waits for answers under way, at most


class InHand(Protocol):
    """The updates fetched and not yet committed (bot.update_confirm)."""

    ids: dict[int, float]

    async def settle(self, within: float) -> None: ...


class PeopleFirst:
    def __init__(self, in_hand: InHand | None = None, most: float = MOST) -> None:
        self.in_hand = in_hand
        self.most = most
        self._answering = 0
        self._none = asyncio.Event()
        self._none.set()

    @contextlib.contextmanager
    def answering(self) -> Iterator[None]:
        """Around the answer to one update: its turn, and its replies' calls after the commit."""
        self._answering += 1
        self._none.clear()
        try:
            yield
        finally:
            self._answering -= 1
            if not self._answering:
                self._none.set()

    def _in_hand(self) -> bool:
        return self.in_hand is not None and bool(self.in_hand.ids)

    async def wait(self) -> None:
        """Until no update is in hand or being answered, or `most` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.most
        while (left := deadline - loop.time()) > 0:
            if self.in_hand is not None and self._in_hand():
                await self.in_hand.settle(left)
            elif self._answering:
                await until_set(self._none, left)
            else:
                return
