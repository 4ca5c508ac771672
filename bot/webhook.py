"""Running the Application by webhook: Telegram posts each update to us over HTTPS.

The server is aiohttp's, the one that serves /healthz and /metrics, rather than
python-telegram-bot's own webhook (tornado): that one answers Telegram 200 as soon as the
update is queued, so a crash before it is stored loses it, and it would be a second server
beside the health one. Here a post is answered 200 only once its update is done with: its
outcome stored in the inbox with its effects, or failed for good, or unreadable (logged once
and skipped). Whatever got no 200 Telegram posts again, and the inbox knows what it handled
already. The posts go through the Application's queue, so updates of one person are handled
in order and those of different people at once (bot.update_order).

A post without the secret token set with setWebhook is refused with 401 and not looked at.
A button press is answered in the response itself (answerCallbackQuery, bot.app): Telegram
allows one Bot API call there, and it saves a request per press.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update

from bot.application import BotApplication
from bot.health import HealthServer
from bot.logs import reason_of
from bot.metrics import Metrics
from bot.update_confirm import InHand
from storage.db import Database

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# The update types bot.events_in reads; Telegram sends no others.
ALLOWED_UPDATES = ("message", "edited_message", "callback_query")
# Seconds a post still being handled at a stop may take; Telegram posts again what is cut off.
FINISH_WITHIN = 5.0


@dataclass(frozen=True)
class Webhook:
    url: str  # the public address Telegram posts to
    secret: str
    address: tuple[str, int]  # where we listen, behind the reverse proxy

    @property
    def path(self) -> str:
        return urlsplit(self.url).path or "/"


class WebhookReceiver:
    """The route Telegram posts to: checks the secret, queues the update, waits for it."""

    def __init__(self, application: BotApplication, in_hand: InHand, secret: str) -> None:
        self.application = application
        self.in_hand = in_hand
        self._secret = secret.encode()
        self.skipped = 0  # updates that could not be read, for the tests
        self.refused = 0  # posts without the right secret
        self.address: tuple[str, int] | None = None  # where it listens, once it does

    async def receive(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            self.refused += 1
            if self.refused in (1, 10, 100) or self.refused % 1000 == 0:  # no flood of lines
                log.warning("webhook posts refused so far, wrong or no secret: %d", self.refused)
            return web.Response(status=401)
        body: Any = None
        with contextlib.suppress(ValueError):
            body = await request.json()
        update_id = body.get("update_id") if isinstance(body, dict) else None
        try:
            if not isinstance(update_id, int):
                raise ValueError("no update_id")
            update = Update.de_json(body, self.application.bot)
        except Exception as error:  # any failure to read it is the same to us
            self.skipped += 1
            log.warning("update %s skipped: unreadable (%s)", update_id, reason_of(error))
            return web.Response()  # posted again it would not read any better
        self.in_hand.add((update_id,))
        done = self.in_hand.waiter(update_id)
        await self.application.update_queue.put(update)
        call = await asyncio.shield(done)  # a post cut off leaves the update to its handler
        return web.json_response(call) if call is not None else web.Response()


@contextlib.asynccontextmanager
async def serving_webhook(
    application: BotApplication, webhook: Webhook, db: Database, metrics: Metrics
) -> AsyncIterator[WebhookReceiver]:
    """Take updates by webhook, with /healthz and /metrics on the same listener."""
    in_hand = application.in_hand
    assert in_hand is not None, "built by bot.app.build_application"
    receiver = WebhookReceiver(application, in_hand, webhook.secret)
    server = HealthServer(
        db,
        metrics,
        [web.post(webhook.path, receiver.receive)],
        shutdown_timeout=FINISH_WITHIN,
    )
    async with application:
        if application.post_init is not None:  # only run_polling() calls it by itself
            await application.post_init(application)
        await application.start()
        try:
            await server.start(*webhook.address)
            receiver.address = server.address
            try:
                await application.bot.set_webhook(
                    webhook.url,
                    secret_token=webhook.secret,
                    allowed_updates=list(ALLOWED_UPDATES),
                )
                log.info("taking updates by webhook at %s", webhook.url)
                yield receiver
            finally:
                await server.stop()  # posts in hand finish first; the rest come again
        finally:
            await application.stop()
