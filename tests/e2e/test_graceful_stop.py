"""SIGTERM to a real `wijkbot run` process: the update in hand and its message finish first.

The bot talks to the stand-in through a small proxy that can hold a sendMessage, as a slow
network would: the signal arrives while the bot waits for that answer.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from bot.shutdown import STOP_WITHIN
from bot.standin import StandIn

TOKEN = "123:graceful"
START_TIMEOUT = 60.0  # a fresh interpreter on a busy machine
STOP_TIMEOUT = 10.0  # what the bot promises after SIGTERM


class SlowNetwork:
    """Forwards every Bot API call to the stand-in; holds sendMessage calls while `holding`."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.holding = False
        self.held = asyncio.Event()  # a sendMessage is being held
        self.release = asyncio.Event()
        self._session: aiohttp.ClientSession | None = None
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def start(self) -> None:
        self._session = aiohttp.ClientSession()
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._forward)
        self._runner = web.AppRunner(
            app, handle_signals=False, access_log=None, shutdown_timeout=0.5
        )
        await self._runner.setup()
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        await web.SockSite(self._runner, sock).start()

    async def stop(self) -> None:
        self.release.set()
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    async def _forward(self, request: web.Request) -> web.Response:
        assert self._session is not None
        if self.holding and request.path.endswith("/sendMessage"):
            self.held.set()
            await self.release.wait()
        headers = {"Content-Type": request.headers.get("Content-Type", "application/json")}
        body = await request.read()
        url = self.target + request.path_qs
        async with self._session.request(request.method, url, data=body, headers=headers) as answer:
            return web.Response(
                status=answer.status, body=await answer.read(), content_type=answer.content_type
            )


@pytest.fixture
async def network(standin: StandIn) -> AsyncIterator[SlowNetwork]:
    slow = SlowNetwork(standin.url)
    await slow.start()
    try:
        yield slow
    finally:
        await slow.stop()


async def start_bot(
    tmp_path: Path, network: SlowNetwork, **settings: str
) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "WIJKBOT_TELEGRAM_TOKEN": TOKEN,
        "WIJKBOT_TELEGRAM_API_URL": network.url + "/bot",
        "WIJKBOT_DATABASE": str(tmp_path / "wijkbot.db"),
        **{f"WIJKBOT_{name.upper()}": value for name, value in settings.items()},
    }
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def in_hand(process: asyncio.subprocess.Process, standin: StandIn, net: SlowNetwork) -> None:
    """A person writes, and the bot is sending its answer when this returns."""
    net.holding = True
    await standin.user(7001, "Jan").send("/start")
    try:
        await asyncio.wait_for(net.held.wait(), START_TIMEOUT)
    except TimeoutError:
        process.kill()
        raise
    assert process.returncode is None


async def test_sigterm_finishes_the_update_in_hand_then_exits(
    tmp_path: Path, standin: StandIn, network: SlowNetwork
) -> None:
    port = free_port()
    process = await start_bot(
        tmp_path, network, health_listen=f"127.0.0.1:{port}", log_format="json"
    )
    await in_hand(process, standin, network)
    # The health listener of `wijkbot run` answers meanwhile; no update is done yet.
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{port}/healthz") as answer,
    ):
        assert answer.status == 200
        assert (await answer.json())["seconds_since_update"] is None
    signalled = time.monotonic()
    process.send_signal(signal.SIGTERM)
    await asyncio.sleep(1.0)
    running = process.returncode is None
    assert running  # still waiting for its message to go out
    network.holding = False
    network.release.set()
    _out, err = await asyncio.wait_for(process.communicate(), STOP_TIMEOUT)
    assert process.returncode == 0 and time.monotonic() - signalled < STOP_TIMEOUT
    texts = [m.text for m in standin.user(7001, "Jan").bot_messages]
    assert any("Welkom bij wijkbot" in text for text in texts)
    # Its log: JSON lines, the token hidden, the stop told.
    lines = [json.loads(line) for line in err.decode().splitlines()]
    assert TOKEN not in err.decode()
    assert any(line["message"].startswith("SIGTERM: finishing") for line in lines)


async def test_a_second_sigterm_exits_at_once(
    tmp_path: Path, standin: StandIn, network: SlowNetwork
) -> None:
    process = await start_bot(tmp_path, network)
    await in_hand(process, standin, network)
    process.send_signal(signal.SIGTERM)
    await asyncio.sleep(0.5)
    signalled = time.monotonic()
    process.send_signal(signal.SIGTERM)
    code = await asyncio.wait_for(process.wait(), STOP_TIMEOUT)
    assert code == 128 + signal.SIGTERM and time.monotonic() - signalled < 3.0


async def test_a_stop_that_hangs_ends_within_the_deadline(
    tmp_path: Path, standin: StandIn, network: SlowNetwork
) -> None:
    process = await start_bot(tmp_path, network)
    await in_hand(process, standin, network)  # and the message is never answered
    signalled = time.monotonic()
    process.send_signal(signal.SIGTERM)
    code = await asyncio.wait_for(process.wait(), STOP_TIMEOUT)
    took = time.monotonic() - signalled
    assert code == 128 + signal.SIGTERM and STOP_WITHIN - 0.5 < took < STOP_TIMEOUT
