"""`GET /healthz` and `GET /metrics` over HTTP, for the zone's monitoring and the container.

/healthz answers 200 with what it found as JSON, or 503 with the same JSON when the database
cannot be written or the outbox is stuck: its oldest message has waited longer than bulk
sending at Telegram's pace could explain. How long ago the last update was handled is shown
but never makes the bot unhealthy: a quiet night is not a fault.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from bot.metrics import Metrics, OutboxFigures
from storage.checks import writable
from storage.db import Database

log = logging.getLogger(__name__)

OUTBOX_STUCK_AFTER = 15 * 60.0  # seconds the oldest outbox message may wait
WRITE_PROBE_SECONDS = 5.0  # the database lock held longer than this counts as not writable


@cache
def bot_version() -> str:
    try:
        return version("wijkbot")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


@dataclass(frozen=True)
class Health:
    database_writable: bool
    seconds_since_update: float | None
    outbox: OutboxFigures

    @property
    def outbox_stuck(self) -> bool:
        age = self.outbox.oldest_age
        return age is not None and age > OUTBOX_STUCK_AFTER

    @property
    def healthy(self) -> bool:
        return self.database_writable and not self.outbox_stuck

    def as_json(self) -> dict[str, Any]:
        return {
            "status": "ok" if self.healthy else "failing",
            "database_writable": self.database_writable,
            "seconds_since_update": _rounded(self.seconds_since_update),
            "outbox_backlog": self.outbox.backlog,
            "outbox_oldest_seconds": _rounded(self.outbox.oldest_age),
            "outbox_stuck": self.outbox_stuck,
            "version": bot_version(),
        }


def _rounded(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 1)


async def health_of(db: Database, metrics: Metrics) -> Health:
    try:
        can_write = await asyncio.wait_for(writable(db), WRITE_PROBE_SECONDS)
    except TimeoutError:
        can_write = False
    return Health(can_write, metrics.seconds_since_update(), await metrics.outbox())


class HealthServer:
    """The HTTP listener; start() binds it, stop() closes it.

    `routes` are served beside /healthz and /metrics (the webhook, in webhook mode); requests
    still running at stop() get `shutdown_timeout` seconds to finish.
    """

    def __init__(
        self,
        db: Database,
        metrics: Metrics,
        routes: list[web.RouteDef] | None = None,
        shutdown_timeout: float = 1.0,
    ) -> None:
        self.db = db
        self.metrics = metrics
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/metrics", self._metrics)
        app.router.add_routes(routes or [])
        self._runner = web.AppRunner(
            app, handle_signals=False, access_log=None, shutdown_timeout=shutdown_timeout
        )
        self.address: tuple[str, int] | None = None

    async def start(self, host: str, port: int) -> None:
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        bound = self._runner.addresses[0]
        self.address = (str(bound[0]), int(bound[1]))
        log.info("listening on http://%s:%d/", *self.address)

    async def stop(self) -> None:
        await self._runner.cleanup()

    async def _healthz(self, _request: web.Request) -> web.Response:
        health = await health_of(self.db, self.metrics)
        if not health.healthy:
            log.warning("unhealthy: %s", health.as_json())
        return web.json_response(health.as_json(), status=200 if health.healthy else 503)

    async def _metrics(self, _request: web.Request) -> web.Response:
        body = await self.metrics.exposition()
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})


@contextlib.asynccontextmanager
async def serving_health(
    db: Database, metrics: Metrics, address: tuple[str, int] | None
) -> AsyncIterator[HealthServer | None]:
    """The health listener on `address` for the length of the block; nothing when None."""
    if address is None:
        yield None
        return
    server = HealthServer(db, metrics)
    await server.start(*address)
    try:
        yield server
    finally:
        await server.stop()
