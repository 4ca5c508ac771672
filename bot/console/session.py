"""One console from start to Ctrl-D: join the database's running world, or host it."""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from bot.app import build_application
from bot.console.hostfile import HostFile, HostInfo, console_folder
from bot.console.saved_files import SavedFiles
from bot.console.screen import Screen, Write
from bot.console.terminal import ActionRefused, HostGone, Taken, Terminal
from bot.console.typed import Typo, action_for
from bot.polling import polling
from bot.runtime import open_runtime, texts_factory
from bot.settings import Settings
from bot.standin import StandIn
from bot.waiting import until_set

CONSOLE_BOT = "wijkbot_console_bot"
_ATTEMPTS = 3  # a host that vanishes while we join is taken over; this many times at most
QUIET = 0.5  # seconds without anything new that count as the bot having answered
MOST = 10.0  # seconds a line from a pipe waits for the answer to the one before, at most


@dataclass(frozen=True)
class Player:
    user_id: int
    name: str


async def run_console(
    settings: Settings,
    player: Player,
    files: Path,
    lines: AsyncIterator[str] | None = None,
    write: Write | None = None,
) -> int:
    """Plays `player` until the lines end (stdin by default); the exit code. Lines from a
    file or a pipe rather than a keyboard each wait for the answer to the one before."""
    texts = texts_factory(settings)(settings.language)
    paced = lines is None and not sys.stdin.isatty()
    screen = Screen(texts, write or _to_stdout, SavedFiles(files))
    typed = lines if lines is not None else stdin_lines()
    hostfile = HostFile(settings.database)
    for _attempt in range(_ATTEMPTS):
        host = hostfile.read()
        if host is None:
            code = await _host(settings, player, hostfile, screen, typed, files, paced)
            if code is not None:
                return code
            continue  # another console became the host first: join it
        try:
            terminal = await Terminal.join(host.url, player.user_id, player.name)
        except HostGone:
            hostfile.forget(host)
            continue
        except Taken:
            screen.say(texts.plain("console.taken", user=player.user_id))
            return 2
        _intro(screen, player, files)
        screen.say(texts.plain("console.joined", host=host.name, host_user=host.user))
        return await _play(terminal, screen, typed, host, paced)
    raise RuntimeError("no console could host or join this database")


async def _host(
    settings: Settings,
    player: Player,
    hostfile: HostFile,
    screen: Screen,
    typed: AsyncIterator[str],
    files: Path,
    paced: bool,
) -> int | None:
    """Runs the stand-in and the bot for every console of this database; None if beaten to it."""
    kept = console_folder(settings.database) / "files"
    async with StandIn(
        bot_username=CONSOLE_BOT,
        open_chats=True,
        file_folder=kept,
        terminals=True,
        # Above every id an earlier console of this database gave: the bot keeps what an
        # update id produced for a day, and would take a new update for one it handled.
        first_update_id=int(time.time() * 1000),
    ) as standin:
        if not hostfile.claim(standin.url, player.user_id, player.name):
            return None
        try:
            runtime = await open_runtime(settings)
            try:
                application = build_application(runtime, token="console", base_url=standin.base_url)
                async with polling(application):
                    terminal = await Terminal.join(standin.url, player.user_id, player.name)
                    _intro(screen, player, files)
                    screen.say(screen.texts.plain("console.host"))
                    return await _play(terminal, screen, typed, None, paced)
            finally:
                await runtime.close()
        finally:
            hostfile.release(standin.url)


def _intro(screen: Screen, player: Player, files: Path) -> None:
    intro = screen.texts.plain("console.intro", name=player.name, user=player.user_id, files=files)
    screen.say(intro)


async def _play(
    terminal: Terminal,
    screen: Screen,
    typed: AsyncIterator[str],
    host: HostInfo | None,
    paced: bool,
) -> int:
    """Shows the person's chat while their lines are acted on; stops at the end of the lines,
    or when the host goes (only a joined console can see that happen)."""
    if terminal.waiting:  # the first batch shows them, the prompt after them
        screen.say(screen.texts.plain_n("console.waiting", terminal.waiting))
    else:
        screen.prompt()
    shown = Shown()
    showing = asyncio.create_task(_show(terminal, screen, shown))
    typing = asyncio.create_task(_type(terminal, screen, typed, shown, paced))
    try:
        done, _pending = await asyncio.wait({showing, typing}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (showing, typing):
            task.cancel()
        await asyncio.gather(showing, typing, return_exceptions=True)
        await terminal.leave()
    for task in done:
        if task.cancelled() or task.exception() is None:
            continue
        if isinstance(task.exception(), HostGone) and host is not None:
            screen.say("")
            screen.say(screen.texts.plain("console.host_gone", host=host.name))
            return 1
        task.result()  # anything else is a bug: let it show
    return 0


class Shown:
    """When the bot last showed this person something: lines read from a file or a pipe wait
    for the answer to the one before, as a person at the keyboard does."""

    def __init__(self) -> None:
        self.at = time.monotonic()
        self._more = asyncio.Event()

    def now(self) -> None:
        self.at = time.monotonic()
        self._more.set()

    async def settled(self, since: float) -> None:
        """Until nothing new was shown for `QUIET` seconds after `since`, or `MOST` seconds."""
        deadline = since + MOST
        while (until := min(max(self.at, since) + QUIET, deadline)) > time.monotonic():
            self._more.clear()
            await until_set(self._more, until - time.monotonic())


async def _show(terminal: Terminal, screen: Screen, shown: Shown) -> None:
    async for items in terminal.feed():
        await screen.show(items, terminal.download)
        shown.now()


async def _type(
    terminal: Terminal, screen: Screen, typed: AsyncIterator[str], shown: Shown, paced: bool
) -> None:
    """Acts on each line; `paced`: after each, waits for the answer before reading the next,
    and at the end of the lines for the last answers (lines from a file or a pipe)."""
    acted = time.monotonic()
    async for line in typed:
        if paced:
            await shown.settled(acted)
        try:
            action = action_for(line, screen.buttons, screen.texts)
        except Typo as typo:
            screen.say(str(typo))
            screen.prompt()
            continue
        if action is None:
            continue
        try:
            acted = time.monotonic()
            await terminal.act(action)
        except ActionRefused:
            if action["type"] != "press":
                raise
            screen.say(screen.texts.plain("console.button_gone"))
            screen.prompt()
    if paced:
        await shown.settled(acted)
    screen.say("")  # Ctrl-D leaves the cursor after the prompt


def _to_stdout(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


async def stdin_lines() -> AsyncIterator[str]:
    """Lines typed on stdin, read by a daemon thread so a console can stop while one waits."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def put(line: str | None) -> None:
        with contextlib.suppress(RuntimeError):  # the loop closed while a line was typed
            loop.call_soon_threadsafe(queue.put_nowait, line)

    def read() -> None:
        while line := sys.stdin.readline():
            put(line)
        put(None)

    threading.Thread(target=read, name="console-stdin", daemon=True).start()
    while (line := await queue.get()) is not None:
        yield line
