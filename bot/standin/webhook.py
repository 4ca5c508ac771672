"""Telegram's side of a webhook: each new update posted to the bot's address, in order.

While a webhook is set (setWebhook), the oldest update not yet confirmed is posted to its url
with the secret token in the X-Telegram-Bot-Api-Secret-Token header; a 200 confirms it, and
anything else (another status, no answer, a connection refused) is posted again after a
pause that doubles, as Telegram does, bounded here by `most` so tests do not wait long. A
response body naming a method ({"method": "answerCallbackQuery", ...}) is that method called,
as on Telegram, without the bot ever learning how it went.

One person's updates are posted one at a time, each once the one before got its 200;
different people's at once, up to `connections` (Telegram's max_connections, default 40).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

from .world import World

_LOG = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

# Calls a Bot API method by name with these parameters, as if the bot had made it.
Execute = Callable[[str, dict[str, Any]], Awaitable[None]]


class WebhookPoster:
    def __init__(
        self, world: World, execute: Execute, *, first: float = 0.05, most: float = 0.5
    ) -> None:
        self.world = world
        self.execute = execute
        self.first, self.most = first, most
        self.timeout = 60.0  # seconds a post may take before it counts as failed
        self.connections = 40  # posts at once, at most
        self.posts: list[int] = []  # the update ids posted, one entry a try
        self.refusals: list[int] = []  # statuses other than 200, in order
        self._crash: Callable[[], None] | None = None
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="stand-in webhook")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def crash_on_post(self, action: Callable[[], None]) -> None:
        """Run `action` (kill the bot, say) as the next post goes out, once."""
        self._crash = action

    async def _run(self) -> None:
        queue = self.world.queue
        busy: set[object] = set()  # whose update is being posted
        async with aiohttp.ClientSession() as session, asyncio.TaskGroup() as posting:
            while True:
                queue.news.clear()
                for update in queue.pending if self.world.state.webhook_url else []:
                    who = _person_of(update)
                    if who in busy or len(busy) >= self.connections:
                        continue
                    busy.add(who)
                    posting.create_task(self._deliver(session, update, who, busy))
                await queue.news.wait()

    async def _deliver(
        self,
        session: aiohttp.ClientSession,
        update: dict[str, Any],
        who: object,
        busy: set[object],
    ) -> None:
        """Post `update` until it gets a 200, or the webhook is deleted."""
        failures = 0
        try:
            while self.world.state.webhook_url:
                if await self._post(session, update):
                    self.world.queue.forget(update["update_id"])
                    return
                failures += 1
                await asyncio.sleep(min(self.most, self.first * 2 ** min(failures - 1, 20)))
        finally:
            busy.discard(who)
            self.world.queue.news.set()  # the person's next update may go now

    async def _post(self, session: aiohttp.ClientSession, update: dict[str, Any]) -> bool:
        state = self.world.state
        headers = {SECRET_HEADER: state.webhook_secret} if state.webhook_secret else {}
        self.posts.append(update["update_id"])
        if self._crash is not None:
            crash, self._crash = self._crash, None
            crash()
        try:
            async with session.post(
                state.webhook_url,
                json=update,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=self.timeout),
            ) as answer:
                body = await answer.read()
                if answer.status != 200:
                    self.refusals.append(answer.status)
                    return False
        except (aiohttp.ClientError, TimeoutError) as error:
            _LOG.debug("webhook post of update %s failed: %r", update["update_id"], error)
            return False
        await self._call_in(body)
        return True

    async def _call_in(self, body: bytes) -> None:
        try:
            call = json.loads(body) if body.strip() else None
        except ValueError:
            return  # Telegram ignores a body it cannot read
        if isinstance(call, dict) and isinstance(call.get("method"), str):
            params = {k: v for k, v in call.items() if k != "method"}
            await self.execute(call["method"], params)


def _person_of(update: dict[str, Any]) -> object:
    """Whose update it is: its sender, else its chat, else it stands alone."""
    for value in update.values():
        if isinstance(value, dict):
            sender = value.get("from") or value.get("chat") or {}
            if isinstance(sender, dict) and "id" in sender:
                return sender["id"]
    return ("update", update["update_id"])
