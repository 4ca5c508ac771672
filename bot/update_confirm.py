"""Updates are confirmed to Telegram only once they are handled.

Telegram forgets an update when a later getUpdates call asks for offsets beyond it; asking
for the next offset at once, before the update is handled, would lose what was fetched but
not yet stored if the process crashed. `InHand` keeps the updates fetched and not yet
committed; the poller (bot/polling.py) asks from the oldest of them, so Telegram gives them
again after a crash, and waits a moment between calls while some are in hand.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from typing import Any

from telegram.ext import ExtBot

from bot.http_client import AiohttpRequest
from bot.waiting import until_set

# An update in hand this long is let go: its handler hangs, or makes a very large file; it
# is confirmed rather than fetched again 50 times a second for as long as that lasts.
HOLD_AT_MOST = 60.0
CONNECTIONS = 256  # ApplicationBuilder's own default for the bot's calls

# A Bot API call as a webhook's answer carries it: {"method": ..., and its parameters}.
ApiCall = dict[str, Any]


class InHand:
    """The ids of updates fetched and not yet handled, with when each was fetched."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.ids: dict[int, float] = {}
        self._changed = asyncio.Event()
        self._gone: dict[int, asyncio.Future[ApiCall | None]] = {}  # who waits for which update

    def add(self, ids: Iterable[int]) -> None:
        now = self.clock()
        self.ids.update((update_id, now) for update_id in ids)

    def done(self, update_id: int, call: ApiCall | None = None) -> None:
        """`update_id` is done with; `call` is for whoever waits on it to make (a webhook
        answers with it)."""
        if self.ids.pop(update_id, None) is not None:
            self._changed.set()
        waiter = self._gone.pop(update_id, None)
        if waiter is not None and not waiter.done():
            waiter.set_result(call)

    def awaited(self, update_id: int) -> bool:
        """Whether someone waits on `update_id` and would make a call passed to done()."""
        return update_id in self._gone

    def waiter(self, update_id: int) -> asyncio.Future[ApiCall | None]:
        """Done when `update_id`, in hand, is done with; its result the call passed to done()."""
        waiter = self._gone.get(update_id)
        if waiter is None:
            waiter = self._gone[update_id] = asyncio.get_running_loop().create_future()
        return waiter

    def oldest(self) -> int | None:
        """The oldest update still to be kept unconfirmed."""
        too_old = self.clock() - HOLD_AT_MOST
        for update_id in [i for i, fetched in self.ids.items() if fetched < too_old]:
            self.done(update_id)
        return min(self.ids) if self.ids else None

    async def settle(self, within: float) -> None:
        """Until nothing is in hand, or `within` seconds passed."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while self.ids and (left := deadline - loop.time()) > 0:
            self._changed.clear()
            if not await until_set(self._changed, left):
                return


class PooledBot(ExtBot[None]):
    """PTB's bot with the connection pools ApplicationBuilder would give it."""

    def __init__(self, token: str, *, base_url: str, base_file_url: str) -> None:
        super().__init__(
            token,
            base_url=base_url,
            base_file_url=base_file_url,
            # As ApplicationBuilder would: many calls at once, one long poll; over aiohttp,
            # which costs a call a fraction of what httpx does (see bot.http_client).
            request=AiohttpRequest(connections=CONNECTIONS),
            get_updates_request=AiohttpRequest(connections=1),
        )
