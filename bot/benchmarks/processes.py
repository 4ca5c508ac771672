"""The three processes of the benchmark: the Telegram side, the echo bot and wijkbot itself
(`wijkbot run`, as on a server), each started with this Python, all on 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

STOP_WAIT = 10.0  # seconds a process gets to stop after SIGTERM
ANSWER_LIMIT = 64 * 2**20  # bytes in one answer of the Telegram side: every timing of a round


class TelegramSideProcess:
    """Talks to `bot.benchmarks.telegram_side` over its standard input and output."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.urls: dict[str, str] = {}

    async def ask(self, cmd: str, **values: Any) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write((json.dumps({"cmd": cmd, **values}) + "\n").encode())
        await self.process.stdin.drain()
        line = await self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the Telegram side stopped while asked {cmd!r}")
        answer: dict[str, Any] = json.loads(line)
        return answer


async def _start(module: str, *args: str, log: Path, **options: Any) -> asyncio.subprocess.Process:
    with log.open("wb") as output:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", module, *args, stderr=output, **options
        )


async def _stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is not None:
        return
    process.terminate()
    try:
        await asyncio.wait_for(process.wait(), STOP_WAIT)
    except TimeoutError:
        process.kill()
        await process.wait()


@contextlib.asynccontextmanager
async def running(folder: Path, database: Path) -> AsyncIterator[TelegramSideProcess]:
    """The Telegram side, then both bots polling it; all stopped when the block ends."""
    side = await _start(
        "bot.benchmarks.telegram_side",
        log=folder / "telegram_side.log",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        limit=ANSWER_LIMIT,
    )
    started = [side]
    try:
        telegram = TelegramSideProcess(side)
        assert side.stdout is not None
        telegram.urls = json.loads(await side.stdout.readline())
        started.append(
            await _start(
                "bot.benchmarks.echo",
                telegram.urls["echo"],
                log=folder / "echo.log",
                stdout=asyncio.subprocess.DEVNULL,
            )
        )
        environment = {
            **os.environ,
            "WIJKBOT_TELEGRAM_TOKEN": "123:benchmark",
            "WIJKBOT_TELEGRAM_API_URL": telegram.urls["wijk"],
            "WIJKBOT_DATABASE": str(database),
        }
        started.append(
            await _start(
                "bot.cli",
                "run",
                log=folder / "wijkbot.log",
                stdout=asyncio.subprocess.DEVNULL,
                env=environment,
                cwd=folder,  # no .env of the working folder
            )
        )
        yield telegram
    finally:
        for process in reversed(started[1:]):  # the bots first, while they can still poll
            await _stop(process)
        if side.stdin is not None and side.returncode is None:
            with contextlib.suppress(ConnectionError):
                side.stdin.write(b'{"cmd": "quit"}\n')
                await side.stdin.drain()
        await _stop(side)
