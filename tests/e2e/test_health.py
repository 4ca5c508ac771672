"""/healthz and /metrics of a running bot, read over HTTP as a zone's monitoring reads them."""

from __future__ import annotations

import asyncio
import functools
import os
import socket
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.app import build_application
from bot.health import OUTBOX_STUCK_AFTER, HealthServer
from bot.metrics import Metrics, OutboxFigures
from bot.settings import Settings
from bot.standin import StandIn
from tests.dialogs.conftest import Clock
from tests.e2e import conftest as e2e
from tests.e2e.conftest import RunningBot

ROOT = Path(__file__).parent.parent.parent


class Outbox:
    """Stands in for the outbox behind the provider: its figures are whatever a test sets."""

    def __init__(self) -> None:
        self.figures = OutboxFigures()

    async def __call__(self) -> OutboxFigures:
        return self.figures


@dataclass
class Watched:
    bot: RunningBot
    url: str
    outbox: Outbox

    async def get(self, path: str) -> tuple[int, str]:
        async with aiohttp.ClientSession() as session, session.get(self.url + path) as answer:
            return answer.status, await answer.text()

    async def health(self) -> tuple[int, dict[str, Any]]:
        async with aiohttp.ClientSession() as session, session.get(self.url + "/healthz") as got:
            body: dict[str, Any] = await got.json()
            return got.status, body

    async def samples(self) -> dict[str, float]:
        status, text = await self.get("/metrics")
        assert status == 200
        return {
            sample.name: sample.value
            for family in text_string_to_metric_families(text)
            for sample in family.samples
            if not sample.labels or sample.labels == {"le": "+Inf"}
        }


@pytest.fixture
async def watched(
    tmp_path: Path, standin: StandIn, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Watched]:
    outbox = Outbox()
    metrics = Metrics(outbox=outbox)
    # The e2e bot, built with these metrics as `wijkbot run` builds it.
    monkeypatch.setattr(
        e2e, "build_application", functools.partial(build_application, metrics=metrics)
    )
    settings = Settings(database=tmp_path / "wijkbot.db", _env_file=None)  # type: ignore[call-arg]
    running = RunningBot(settings, standin, Clock())
    await running.start()
    assert running.runtime is not None
    server = HealthServer(running.runtime.db, metrics)
    await server.start("127.0.0.1", 0)
    assert server.address is not None
    try:
        yield Watched(running, f"http://127.0.0.1:{server.address[1]}", outbox)
    finally:
        await server.stop()
        await running.stop()


async def test_healthz_answers_200_with_what_it_found(watched: Watched) -> None:
    status, body = await watched.health()
    assert status == 200
    assert body == {
        "status": "ok",
        "database_writable": True,
        "seconds_since_update": None,  # nothing handled yet
        "outbox_backlog": 0,
        "outbox_oldest_seconds": None,
        "outbox_stuck": False,
        "version": version("wijkbot"),
    }
    await watched.bot.person(1001, "Jan").send("/start")
    status, body = await watched.health()
    assert status == 200 and 0 <= body["seconds_since_update"] < 5


async def test_healthz_answers_503_while_the_database_is_read_only(watched: Watched) -> None:
    assert watched.bot.runtime is not None
    async with watched.bot.runtime.db.transaction() as conn:
        await conn.execute("PRAGMA query_only = ON")
    status, body = await watched.health()
    assert status == 503
    assert body["status"] == "failing" and body["database_writable"] is False
    # Made writable again (outside a transaction: a read-only connection cannot begin one).
    await conn.execute("PRAGMA query_only = OFF")
    assert (await watched.health())[0] == 200


async def test_healthz_answers_503_while_the_outbox_is_stuck(watched: Watched) -> None:
    watched.outbox.figures = OutboxFigures(backlog=40, oldest_age=30.0, sent=5)
    status, body = await watched.health()
    assert status == 200 and body["outbox_backlog"] == 40 and body["outbox_oldest_seconds"] == 30
    watched.outbox.figures = OutboxFigures(backlog=40, oldest_age=OUTBOX_STUCK_AFTER + 1, sent=5)
    status, body = await watched.health()
    assert status == 503 and body["outbox_stuck"] is True and body["database_writable"] is True


async def test_metrics_count_updates_errors_latency_and_the_outbox(watched: Watched) -> None:
    jan = watched.bot.person(1001, "Jan")
    await jan.send("/start")
    await jan.send("/help")
    watched.bot.standin.fail_next("sendMessage", error_code=400, description="Bad Request: x")
    await jan.send("/privacy")  # its answer fails: an error, and the person is told
    watched.outbox.figures = OutboxFigures(backlog=2, oldest_age=12.5, sent=7, failed=1)
    samples = await watched.samples()
    assert samples["wijkbot_updates_handled_total"] == 3
    assert samples["wijkbot_errors_total"] == 1
    assert samples["wijkbot_update_seconds_count"] == 3
    assert samples["wijkbot_update_seconds_bucket"] == 3  # le="+Inf": every update
    assert 0 < samples["wijkbot_update_seconds_sum"] < 30
    assert samples["wijkbot_outbox_sent_total"] == 7
    assert samples["wijkbot_outbox_failed_total"] == 1
    assert samples["wijkbot_outbox_backlog"] == 2
    assert samples["wijkbot_outbox_oldest_seconds"] == 12.5


async def test_the_container_healthcheck_asks_healthz(watched: Watched) -> None:
    port = watched.url.rsplit(":", 1)[1]

    async def healthcheck(listen: str) -> int:
        env = {**os.environ, "WIJKBOT_HEALTH_LISTEN": listen}
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.healthcheck",
            cwd=ROOT,
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        return await process.wait()

    assert await healthcheck(f"0.0.0.0:{port}") == 0
    watched.outbox.figures = OutboxFigures(backlog=1, oldest_age=OUTBOX_STUCK_AFTER * 2)
    assert await healthcheck(f"127.0.0.1:{port}") == 1
    with socket.socket() as unused:  # a port nobody listens on
        unused.bind(("127.0.0.1", 0))
        free = unused.getsockname()[1]
    assert await healthcheck(f"127.0.0.1:{free}") == 1
