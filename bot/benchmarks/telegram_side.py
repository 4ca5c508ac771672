"""The Telegram side of the benchmark, as its own process: two local Bot API stand-ins on
127.0.0.1 (one per bot, so neither takes the other's updates) and the simulated people.

It prints the two base URLs as a JSON line, then takes one JSON command a line on standard
input and answers each with one JSON line: `walk` (a crowd for some seconds), `export` (a
crowd while an admin exports the whole zone), `bulk_watch` and `bulk_wait` (the arrival times
of messages to some chats), `quit`. Run by `conversation`: `python -m bot.benchmarks.telegram_side`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sys
import time
from typing import Any

from bot.benchmarks.crowd import Answers, Outcome, crowd
from bot.benchmarks.walks import Walk, echo_walk, form_walk
from bot.standin import ChatMessage, StandIn

EXPORT_TIMEOUT = 300.0
EXPORT_BUTTON = "m:export_go:all_all"  # the whole zone, every period


class TelegramSide:
    def __init__(self) -> None:
        self.worlds = {
            "echo": StandIn("echo_benchmark_bot", bot_id=7_000_000_002),
            # Open chats: wijkbot sets the menu of staff and sends bulk to people who never
            # wrote in this process.
            "wijk": StandIn("wijkbot_benchmark_bot", open_chats=True),
        }
        self.answers = {name: Answers(world) for name, world in self.worlds.items()}
        self.walks: dict[str, Walk] = {"echo": echo_walk, "wijk": form_walk}
        self.bulk: list[float] = []
        self._bulk_chats: set[int] = set()
        self._bulk_count = 0
        self._bulk_complete = asyncio.Event()

    async def walk(self, bot: str, first: int, people: int, seconds: float) -> dict[str, Any]:
        start = time.perf_counter()
        deadline = start + seconds
        outcome = await crowd(
            self.worlds[bot],
            self.answers[bot],
            self.walks[bot],
            first,
            people,
            lambda: time.perf_counter() >= deadline,
        )
        return _result(outcome, start, deadline)

    async def export(self, admin_id: int, first: int, people: int) -> dict[str, Any]:
        """A crowd walking wijkbot's form while the admin exports the whole zone."""
        world, answers = self.worlds["wijk"], self.answers["wijk"]
        admin = world.user(admin_id, "Teamchef")
        menu = answers.expect(admin_id, lambda message: bool(message.buttons))
        await admin.send("/export")
        await asyncio.wait_for(menu, EXPORT_TIMEOUT)
        done = asyncio.Event()
        walking = asyncio.create_task(
            crowd(world, answers, self.walks["wijk"], first, people, done.is_set)
        )
        await asyncio.sleep(1.0)  # the crowd at its pace before the export starts
        document = answers.expect(admin_id, lambda message: message.document is not None)
        start = time.perf_counter()
        await admin.press_data(EXPORT_BUTTON)
        end = await asyncio.wait_for(document, EXPORT_TIMEOUT)
        done.set()
        return _result(await walking, start, end)

    def bulk_watch(self, chats: list[int]) -> dict[str, Any]:
        world = self.worlds["wijk"]
        for chat in chats:
            world.user(chat, f"Ontvanger {chat}")
        self.bulk, self._bulk_chats = [], set(chats)
        world.add_listener(self._bulk_seen)
        return {"watching": len(chats)}

    def _bulk_seen(self, chat_id: int, _message: ChatMessage, edited: bool) -> None:
        if chat_id in self._bulk_chats and not edited:
            self.bulk.append(time.perf_counter())
            if len(self.bulk) >= self._bulk_count:
                self._bulk_complete.set()

    async def bulk_wait(self, count: int, within: float) -> dict[str, Any]:
        """The arrival times once `count` messages came, or all that came `within` seconds."""
        self._bulk_count = count
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._bulk_complete.wait(), within)
        return {"times": list(self.bulk)}

    async def serve(self) -> None:
        for world in self.worlds.values():
            await world.start()
        _say({name: world.base_url for name, world in self.worlds.items()})
        try:
            while line := await asyncio.to_thread(sys.stdin.readline):
                command = json.loads(line)
                name = command.pop("cmd")
                if name == "quit":
                    break
                if name == "walk":
                    _say(await self.walk(**command))
                elif name == "export":
                    _say(await self.export(**command))
                elif name == "bulk_watch":
                    _say(self.bulk_watch(**command))
                elif name == "bulk_wait":
                    _say(await self.bulk_wait(**command))
        finally:
            for world in self.worlds.values():
                await world.stop()


def _result(outcome: Outcome, start: float, end: float) -> dict[str, Any]:
    return {
        "start": start,
        "end": end,
        "samples": outcome.samples,
        "walks": outcome.walks,
        "lost": outcome.lost,
    }


def _say(answer: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(TelegramSide().serve())
