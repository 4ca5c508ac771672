"""`wijkbot console` as two real processes on one database: the second joins the first."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

WAIT = 30.0  # a process start imports the whole bot; a busy machine is slow, not wrong


class Console:
    """A `wijkbot console` process: lines to its stdin, its output read back."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.seen = ""

    async def wait_for(self, needle: str) -> None:
        async def read() -> None:
            assert self.process.stdout is not None
            while needle not in self.seen:
                chunk = await self.process.stdout.read(4096)
                if not chunk:
                    raise AssertionError(f"the console ended before {needle!r}:\n{self.seen}")
                self.seen += chunk.decode()

        await asyncio.wait_for(read(), WAIT)

    def type(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write((line + "\n").encode())

    def end_input(self) -> None:
        """Ctrl-D."""
        assert self.process.stdin is not None
        self.process.stdin.close()

    async def exit_code(self) -> int:
        assert self.process.stdout is not None
        self.seen += (await asyncio.wait_for(self.process.stdout.read(), WAIT)).decode()
        return await asyncio.wait_for(self.process.wait(), WAIT)


Start = Callable[[int, str], Awaitable[Console]]


@pytest.fixture
async def start(tmp_path: Path) -> AsyncIterator[Start]:
    started: list[Console] = []
    environment = {**os.environ, "WIJKBOT_DATABASE": str(tmp_path / "wijkbot.db")}

    async def console(user_id: int, name: str) -> Console:
        process = await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "bot.cli", "console", "--user", str(user_id), "--name", name),
            cwd=tmp_path,
            env=environment,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        started.append(Console(process))
        return started[-1]

    yield console
    for console_process in started:
        if console_process.process.returncode is None:
            console_process.process.kill()
            await console_process.process.wait()


async def test_a_second_console_joins_the_first_and_hears_when_it_stops(
    start: Start, tmp_path: Path
) -> None:
    host = await start(500, "Peeters")
    await host.wait_for("Deze console draait de bot")
    await host.wait_for("> ")
    assert (tmp_path / "wijkbot.db.console" / "host.json").is_file()

    joiner = await start(600, "An")
    await joiner.wait_for("speelt mee met die van Peeters (Telegram-id 500)")
    joiner.type("/start")
    await joiner.wait_for("Welkom bij wijkbot, An")
    host.type("/start")
    await host.wait_for("Welkom bij wijkbot, Peeters")

    third = await start(600, "An")  # the same person twice
    await third.wait_for("Telegram-id 600 speelt al in een andere console")
    assert await third.exit_code() == 2

    host.end_input()
    assert await host.exit_code() == 0
    assert await joiner.exit_code() == 1
    assert "De console van Peeters, die de bot draaide, is gestopt" in joiner.seen
    assert "Welkom bij wijkbot, An" not in host.seen  # each sees only their own chat
    assert "Welkom bij wijkbot, Peeters" not in joiner.seen
    assert not (tmp_path / "wijkbot.db.console").exists()  # the host cleaned up after itself


async def test_after_a_host_is_killed_the_next_console_hosts(start: Start) -> None:
    host = await start(500, "Peeters")
    await host.wait_for("Deze console draait de bot")
    joiner = await start(600, "An")
    await joiner.wait_for("speelt mee met die van Peeters")
    await joiner.wait_for("> ")

    host.process.kill()  # no goodbye, and its host file stays behind
    await host.process.wait()
    assert await joiner.exit_code() == 1
    assert "De console van Peeters, die de bot draaide, is gestopt" in joiner.seen

    again = await start(600, "An")
    await again.wait_for("Deze console draait de bot")
    again.type("/start")
    await again.wait_for("Welkom bij wijkbot, An")
    again.end_input()
    assert await again.exit_code() == 0


async def test_lines_from_a_pipe_each_wait_for_their_answer(start: Start) -> None:
    """A script piped in at once, then the end of input: every answer is shown, and a button
    is pressed by its number on the keyboard the answer before it showed."""
    console = await start(700, "Script")
    for line in ("/help", "/proef", "1"):
        console.type(line)
    console.end_input()
    assert await console.exit_code() == 0
    assert "Proefvragenlijst starten" in console.seen  # the answer to /help
    assert "vraag 1 van 8" in console.seen  # /proef
    assert "vraag 2 van" in console.seen  # "1" pressed Nooit on the question shown
