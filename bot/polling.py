"""Running the Application by long polling until the process is asked to stop.

The loop that fetches updates is ours rather than python-telegram-bot's Updater, which fetches
a batch again at once, without end, when one update in it does not parse, and logs the whole
batch (names and texts) each time. Here each update is read on its own: one that cannot be
read is logged once by its id and reason, confirmed and skipped. Every failed getUpdates is
waited out with a pause that doubles up to a minute, and said once per spell of trouble, so
there is no hot loop and no traceback storm, also not when a second process polls with the
same token (Telegram answers 409 Conflict to one of them).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from telegram import Bot, Update
from telegram.error import (
    Conflict,
    EndPointNotFound,
    InvalidToken,
    RetryAfter,
    TelegramError,
)
from telegram.warnings import PTBDeprecationWarning

from bot.application import BotApplication
from bot.logs import reason_of

log = logging.getLogger(__name__)

POLL_SECONDS = 10  # how long one getUpdates waits for news before it returns empty
REPOLL = 0.02  # seconds between calls at most, while updates are in hand
EARLY = 0.5  # an empty answer sooner than this to a long poll means the server did not wait


@dataclass(frozen=True)
class Backoff:
    """The pause after the n-th failed getUpdates in a row: doubling from `first` to `most`."""

    first: float = 1.0
    most: float = 60.0

    def after(self, failures: int) -> float:
        return min(self.most, self.first * 2.0 ** min(failures - 1, 30))


class InHand(Protocol):
    """The ids of updates fetched and not yet handled, kept by whoever handles them."""

    def add(self, ids: Iterable[int]) -> None: ...

    def oldest(self) -> int | None: ...

    async def settle(self, within: float) -> None:
        """Until nothing is in hand, or `within` seconds passed."""


class Poller:
    """getUpdates in a loop, each update parsed on its own and put on the Application's queue.

    Telegram forgets the updates before the offset a getUpdates asks for. Without `in_hand`
    the next call confirms what the last one brought, as python-telegram-bot does. With it,
    the offset stays at the oldest update still in hand until that one is handled, so what a
    crash interrupted comes again; meanwhile the calls do not wait on Telegram (what they
    bring again is left out) and come at most every REPOLL seconds, so no tight loop.
    """

    def __init__(
        self,
        bot: Bot,
        queue: asyncio.Queue[object],
        *,
        timeout: int = POLL_SECONDS,
        backoff: Backoff = Backoff(),
        pause: Callable[[float], Awaitable[None]] = asyncio.sleep,
        in_hand: InHand | None = None,
    ) -> None:
        self.bot = bot
        self.queue = queue
        self.timeout = timeout
        self.backoff = backoff
        self.pause = pause
        self.in_hand = in_hand
        self.offset: int | None = None  # one past the newest update fetched
        self.skipped = 0  # updates that could not be read, for the tests
        self._trouble: str | None = None  # what the current spell of failures was logged as
        self._failures = 0

    async def run(self) -> None:
        while True:
            if self.in_hand is not None and self.in_hand.oldest() is not None:
                await self.in_hand.settle(REPOLL)
            offset, wait = self._asking()
            started = time.monotonic()
            try:
                batch = await self._fetch(offset, wait)
            except RetryAfter as error:
                # Telegram says how long to wait; that is not a failure of ours.
                await self.pause(max(_retry_after(error), 1.0))
                continue
            except Exception as error:  # whatever it is: wait, then try again
                await self._wait_after(error)
                continue
            if batch and all(_id_of(item) is None for item in batch):
                # Nothing in it can be confirmed, so asking again would get the same at once.
                await self._wait_after(ValueError("updates without an id"))
                continue
            self._recovered()
            await self._take(batch)
            if not batch and wait and time.monotonic() - started < EARLY:
                # Nothing, at once, though Telegram was asked to wait: a server that does not
                # hold long polls would otherwise be asked again and again without a pause.
                await self.pause(self.backoff.first)

    async def confirm(self) -> None:
        """Confirm what was handled, so the next start does not get it again."""
        offset, _wait = self._asking()
        if offset is None:
            return
        with contextlib.suppress(Exception):  # best effort on the way out
            await self._fetch(offset, 0)

    def _asking(self) -> tuple[int | None, int]:
        """The offset to ask for, and how long Telegram may wait before it answers."""
        oldest = self.in_hand.oldest() if self.in_hand is not None else None
        if oldest is not None and self.offset is not None and oldest < self.offset:
            return oldest, 0
        return self.offset, self.timeout

    async def _fetch(self, offset: int | None, wait: int) -> list[Any]:
        # The method is named in lower case (Telegram's names are case-insensitive) because
        # PTB, seeing its own get_updates asked for raw, warns; its get_updates parses the
        # batch as a whole and so fails on the one update in it that does not parse.
        result = await self.bot.do_api_request(
            "getupdates",
            api_kwargs={"offset": offset, "timeout": wait, "limit": 100},
            read_timeout=wait + 10,
        )
        if not isinstance(result, list):
            raise TypeError(f"getUpdates answered a {type(result).__name__}, not a list")
        return result

    async def _take(self, batch: list[Any]) -> None:
        """Queue what is new and can be read; the offset moves past all of it."""
        fetched = self.offset or 0
        for item in batch:
            update_id = _id_of(item)
            if update_id is None or update_id < fetched:
                continue  # in hand already, or without an id: a later one confirms it
            self.offset = max(self.offset or 0, update_id + 1)
            try:
                update = Update.de_json(item, self.bot)
            except Exception as error:  # any failure to read it is the same to us
                self.skipped += 1
                log.warning("update %s skipped: unreadable (%s)", update_id, reason_of(error))
                continue
            if self.in_hand is not None:
                self.in_hand.add((update_id,))
            await self.queue.put(update)

    async def _wait_after(self, error: Exception) -> None:
        self._failed(error)
        await self.pause(self.backoff.after(self._failures))

    def _failed(self, error: Exception) -> None:
        self._failures += 1
        if isinstance(error, Conflict):
            trouble = (
                "another process is polling Telegram with this bot token (or a webhook is "
                "set); waiting for it to stop"
            )
        else:
            trouble = f"getUpdates failed, trying again with growing pauses: {_said(error)}"
        if trouble != self._trouble:  # a new kind of trouble is worth a line, a repeat is not
            log.warning("%s", trouble)
            self._trouble = trouble

    def _recovered(self) -> None:
        if self._failures:
            log.info("getUpdates works again after %s failed calls", self._failures)
        self._failures, self._trouble = 0, None


def _id_of(item: Any) -> int | None:
    update_id = item.get("update_id") if isinstance(item, dict) else None
    return update_id if isinstance(update_id, int) else None


def _retry_after(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB warns that the type of retry_after will change
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        period = error.retry_after
    return period.total_seconds() if isinstance(period, timedelta) else float(period)


def _said(error: Exception) -> str:
    """Telegram's own words for an API error; the kind and place for anything else."""
    if isinstance(error, InvalidToken | EndPointNotFound):
        # PTB reads 401 and 404 on getUpdates, which surely exists, as an unknown method.
        return "Telegram does not accept the bot token"
    if isinstance(error, TelegramError):
        return error.message
    return reason_of(error)


async def _without_webhook(bot: Bot) -> None:
    """Telegram refuses getUpdates while a webhook is set: back from webhook mode, delete it.

    Updates it holds stay, and come by getUpdates. Should the call fail, getUpdates says so
    (409) and is tried again with growing pauses.
    """
    try:
        await bot.delete_webhook()
    except Exception as error:  # the loop's own handling of failures covers what follows
        log.warning("deleteWebhook failed: %s", _said(error))


@contextlib.asynccontextmanager
async def polling(
    application: BotApplication, *, backoff: Backoff = Backoff(), in_hand: InHand | None = None
) -> AsyncIterator[Poller]:
    """Start fetching and handling updates; stop cleanly when the block ends."""
    async with application:
        if application.post_init is not None:  # only run_polling() calls it by itself
            await application.post_init(application)
        await application.start()
        await _without_webhook(application.bot)
        in_hand = in_hand if in_hand is not None else application.in_hand
        poller = Poller(application.bot, application.update_queue, backoff=backoff, in_hand=in_hand)
        fetching = asyncio.create_task(poller.run(), name="wijkbot getUpdates")
        try:
            yield poller
        finally:
            fetching.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await fetching
            await application.stop()  # handles what is queued still
            await poller.confirm()
