"""`wijkbot console` played in-process: lines typed in, the printed screen read back.

Each Console runs the real run_console (host or joiner, found through the database's host
file) and talks to the host's stand-in over real HTTP. A test waits for what a person would
wait for: a text on the screen, with the prompt back after it.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from pathlib import Path

from bot.console import Player, run_console
from bot.settings import Settings

WAIT = 20.0  # generous: a busy machine is slow, not wrong
_BUTTON = re.compile(r"\[(\d+)\] (.+?)(?=   \[\d+\] |$)")


class Console:
    def __init__(self, settings: Settings, user_id: int, name: str, files: Path) -> None:
        self._lines: asyncio.Queue[str | None] = asyncio.Queue()
        self.output: list[str] = []
        self._mark = 0
        self.task = asyncio.create_task(
            run_console(settings, Player(user_id, name), files, self._typed(), self.output.append)
        )

    async def _typed(self) -> AsyncIterator[str]:
        while (line := await self._lines.get()) is not None:
            yield line

    @property
    def text(self) -> str:
        """Everything printed so far."""
        return "".join(self.output)

    @property
    def new(self) -> str:
        """What was printed since the last line typed."""
        return self.text[self._mark :]

    def type(self, line: str) -> None:
        self._mark = len(self.text)
        self._lines.put_nowait(line)

    async def wait_for(self, needle: str) -> None:
        """Until `needle` is printed after the last line typed and the prompt is back."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WAIT
        while not (needle in self.new and self.text.endswith("> ")):
            if self.task.done():
                self.task.result()
                raise AssertionError(f"the console stopped before showing {needle!r}")
            if loop.time() > deadline:
                raise AssertionError(f"no {needle!r} after {WAIT} s; screen:\n{self.new}")
            await asyncio.sleep(0.01)

    def row_under(self, heading: str) -> str:
        """The row of buttons printed last under the button `heading` (a grid's row)."""
        lines = self.text.splitlines()
        found = max(i for i, line in enumerate(lines) if line.endswith("] " + heading))
        return lines[found + 1]

    def number(self, label: str, under: str | None = None) -> str:
        """The number printed before a button, as a person reads it off the screen: the last
        one shown with this label, or the one in the row under the heading `under`."""
        lines = self.text.splitlines() if under is None else [self.row_under(under)]
        for line in reversed(lines):
            for number, shown in _BUTTON.findall(line.strip()):
                if shown == label:
                    return str(number)
        raise AssertionError(f"no button {label!r} on the screen:\n{self.new}")

    async def press(self, label: str, expect: str, under: str | None = None) -> None:
        self.type(self.number(label, under))
        await self.wait_for(expect)

    async def send(self, line: str, expect: str) -> None:
        self.type(line)
        await self.wait_for(expect)

    async def stop(self) -> int:
        """Ctrl-D; the exit code."""
        self._lines.put_nowait(None)
        return await asyncio.wait_for(self.task, WAIT)

    async def ended(self) -> int:
        """The exit code of a console that stops by itself (its host went)."""
        return await asyncio.wait_for(self.task, WAIT)
