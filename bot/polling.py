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
import signal
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

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


@dataclass(frozen=True)
class Backoff:
    """The pause after the n-th failed getUpdates in a row: doubling from `first` to `most`."""

    first: float = 1.0
    most: float = 60.0

    def after(self, failures: int) -> float:
        return min(self.most, self.first * 2.0 ** min(failures - 1, 30))


class Poller:
    """getUpdates in a loop, each update parsed on its own and put on the Application's queue.

    An update is confirmed by the next getUpdates (its offset), as python-telegram-bot does.
    """

    def __init__(
        self,
        bot: Bot,
        queue: asyncio.Queue[object],
        *,
        timeout: int = POLL_SECONDS,
        backoff: Backoff = Backoff(),
        pause: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.bot = bot
        self.queue = queue
        self.timeout = timeout
        self.backoff = backoff
        self.pause = pause
        self.offset: int | None = None
        self.skipped = 0  # updates that could not be read, for the tests
        self._trouble: str | None = None  # what the current spell of failures was logged as
        self._failures = 0

    async def run(self) -> None:
        while True:
            try:
                batch = await self._fetch(self.timeout)
            except RetryAfter as error:
                # Telegram says how long to wait; that is not a failure of ours.
                await self.pause(_retry_after(error))
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

    async def confirm(self) -> None:
        """Confirm what was fetched, so the next start does not get it again."""
        if self.offset is None:
            return
        with contextlib.suppress(Exception):  # best effort on the way out
            await self._fetch(0)

    async def _fetch(self, wait: int) -> list[Any]:
        # The method is named in lower case (Telegram's names are case-insensitive) because
        # PTB, seeing its own get_updates asked for raw, warns; its get_updates parses the
        # batch as a whole and so fails on the one update in it that does not parse.
        result = await self.bot.do_api_request(
            "getupdates",
            api_kwargs={"offset": self.offset, "timeout": wait, "limit": 100},
            read_timeout=wait + 10,
        )
        if not isinstance(result, list):
            raise TypeError(f"getUpdates answered a {type(result).__name__}, not a list")
        return result

    async def _take(self, batch: list[Any]) -> None:
        """Queue what can be read; the offset moves past all, to confirm them."""
        for item in batch:
            update_id = _id_of(item)
            if update_id is None:
                continue  # cannot be confirmed by itself; an update after it confirms it
            self.offset = max(self.offset or 0, update_id + 1)
            try:
                update = Update.de_json(item, self.bot)
            except Exception as error:  # any failure to read it is the same to us
                self.skipped += 1
                log.warning("update %s skipped: unreadable (%s)", update_id, reason_of(error))
                continue
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


@contextlib.asynccontextmanager
async def polling(
    application: BotApplication, *, backoff: Backoff = Backoff()
) -> AsyncIterator[Poller]:
    """Start fetching and handling updates; stop cleanly when the block ends."""
    async with application:
        if application.post_init is not None:  # only run_polling() calls it by itself
            await application.post_init(application)
        await application.start()
        poller = Poller(application.bot, application.update_queue, backoff=backoff)
        fetching = asyncio.create_task(poller.run(), name="wijkbot getUpdates")
        try:
            yield poller
        finally:
            fetching.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await fetching
            await poller.confirm()
            await application.stop()


async def until_signalled() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
