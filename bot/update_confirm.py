"""Updates are confirmed to Telegram only once they are handled.

Telegram forgets an update when a later getUpdates call asks for offsets beyond it; PTB asks
for the next offset at once, before the update is handled, so a crash would lose what was
fetched but not yet stored. Here the offset asked for stays at the oldest update still in
hand, until its turn is committed (its replies are then safe in the inbox). Telegram gives
the unconfirmed updates again with every call; those already in hand are left out, and while
some are in hand the next call waits a moment, so the bot does not ask in a tight loop.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable, Sequence

from telegram import Update
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import JSONDict, ODVInput, TimePeriod
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

REPOLL = 0.02  # seconds between two calls while updates are in hand, at most
# An update in hand this long is let go: its handler hangs, or makes a very large file; it
# is confirmed rather than fetched again 50 times a second for as long as that lasts.
HOLD_AT_MOST = 60.0
CONNECTIONS = 256  # ApplicationBuilder's own default for the bot's calls


class InHand:
    """The ids of updates fetched and not yet handled, with when each was fetched."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.ids: dict[int, float] = {}
        self._changed = asyncio.Event()

    def add(self, ids: Iterable[int]) -> None:
        now = self.clock()
        self.ids.update((update_id, now) for update_id in ids)

    def done(self, update_id: int) -> None:
        if self.ids.pop(update_id, None) is not None:
            self._changed.set()

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
            try:
                await asyncio.wait_for(self._changed.wait(), left)
            except TimeoutError:
                return


class ConfirmingBot(ExtBot[None]):
    """PTB's bot, asking Telegram for updates so that none is confirmed before it is handled."""

    def __init__(self, token: str, *, in_hand: InHand, base_url: str, base_file_url: str) -> None:
        super().__init__(
            token,
            base_url=base_url,
            base_file_url=base_file_url,
            # As ApplicationBuilder would: many calls at once, one long poll.
            request=HTTPXRequest(connection_pool_size=CONNECTIONS),
            get_updates_request=HTTPXRequest(),
        )
        self._in_hand = in_hand

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int | None = None,
        timeout: TimePeriod | None = None,  # noqa: ASYNC109 (PTB's signature)
        allowed_updates: Sequence[str] | None = None,
        *,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
        api_kwargs: JSONDict | None = None,
    ) -> tuple[Update, ...]:
        while True:
            if self._in_hand.ids:
                await self._in_hand.settle(REPOLL)
            oldest = self._in_hand.oldest()
            # PTB's offset is one past the last update it was given.
            behind = oldest is not None and offset is not None and oldest < offset
            updates = await super().get_updates(
                offset=oldest if behind else offset,
                limit=limit,
                timeout=0 if behind else timeout,
                allowed_updates=allowed_updates,
                read_timeout=read_timeout,
                write_timeout=write_timeout,
                connect_timeout=connect_timeout,
                pool_timeout=pool_timeout,
                api_kwargs=api_kwargs,
            )
            if behind and offset is not None:
                # What PTB was given before comes along again: only the rest is new. (Not
                # filtered otherwise: after a week without updates Telegram may start the ids
                # again from a lower number.)
                updates = tuple(u for u in updates if u.update_id >= offset)
            if updates or not behind:
                self._in_hand.add(u.update_id for u in updates)
                return updates
