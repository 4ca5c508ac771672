"""A fresh engine on a fresh database, and a chat that talks to it without any transport.

What a turn owes other people goes to the outbox; the chat shows it among the turn's replies,
as the messages it queued (each with its `to`), so a test sees everything one event caused.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.runtime import open_runtime
from bot.settings import Settings
from dialogs.engine import events
from dialogs.engine.engine import Engine
from dialogs.engine.replies import CommandMenu, Message, Notice, Reply, StoredPhoto, read_long
from dialogs.engine.reply_codec import load_one
from storage import outbox
from storage.db import Database


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


async def last_queued(engine: Engine) -> int:
    async with engine.db.transaction() as conn:
        return await outbox.last_id(conn)


async def fed(engine: Engine) -> None:
    """What the outbox's lanes would queue of a sending to many, as they ask for it: all."""
    async with engine.db.transaction() as conn:
        for feeder in engine.feeders:
            while await feeder.waiting(conn):
                for paid in (False, True):
                    await feeder.feed(conn, engine.clock(), paid, 100)


async def queued(engine: Engine, after: int = 0) -> list[Reply]:
    """The messages queued in the outbox after row `after`, still to be sent, each addressed
    to the chat its row goes to (a sending to many stores one message for all)."""
    async with engine.db.transaction() as conn:
        rows = await outbox.since(conn, after)
    return [_to(load_one(row.payload), row.chat_id) for row in rows if row.payload is not None]


def _to(reply: Reply, chat_id: int) -> Reply:
    if isinstance(reply, Message | StoredPhoto | CommandMenu):
        return dataclasses.replace(reply, to=chat_id)
    return reply


class Chat:
    """One person talking to the engine; keeps the last keyboard to press buttons by label."""

    def __init__(self, engine: Engine, telegram_id: int = 1001, name: str = "Jan") -> None:
        self.engine = engine
        self.sender = events.Sender(telegram_id, name)
        self.keyboard: list[tuple[str, str]] = []
        self.replies: list[Reply] = []
        self.feeds = True  # after each event, what the outbox's lanes would queue of a sending

    async def event(self, event: events.Event) -> list[Reply]:
        """The replies as the person gets them: long reads read (as the bot does, on a reader
        after the transaction), the work of worker threads left Deferred; then what the turn
        queued for others."""
        before = await last_queued(self.engine)
        replies = await self.engine.handle(self.sender, event)
        if self.feeds:
            await fed(self.engine)
        self.replies = await read_long(replies, self.engine.db.reader)
        self.replies += await queued(self.engine, before)
        for reply in self.replies:
            if isinstance(reply, Message) and reply.to is None and reply.keyboard:
                self.keyboard = [(c.label, c.data) for row in reply.keyboard for c in row]
        return self.replies

    async def send(self, text: str) -> list[Reply]:
        if text.startswith("/"):
            name, _, args = text[1:].partition(" ")
            return await self.event(events.Command(name, args))
        return await self.event(events.Text(text))

    async def press(self, label: str) -> list[Reply]:
        return await self.event(events.Button(self.data_of(label)))

    async def event_button(self, index: int) -> list[Reply]:
        """Press the button at this position of the last keyboard (for repeated labels)."""
        return await self.event(events.Button(self.keyboard[index][1]))

    async def event_button_data(self, data: str) -> list[Reply]:
        return await self.event(events.Button(data))

    def data_of(self, label: str) -> str:
        for shown, data in self.keyboard:
            if plain(shown) == label:
                return data
        raise AssertionError(f"no button {label!r}; buttons: {[k for k, _ in self.keyboard]}")

    @property
    def text(self) -> str:
        """Everything the last event showed, as plain text."""
        parts = [plain(r.html) for r in self.replies if isinstance(r, Message)]
        parts += [r.text for r in self.replies if isinstance(r, Notice)]
        return "\n".join(parts)

    @property
    def labels(self) -> list[str]:
        return [plain(label) for label, _ in self.keyboard]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database=tmp_path / "wijkbot.db", _env_file=None)  # type: ignore[call-arg]


@pytest.fixture
async def engine(settings: Settings, clock: Clock) -> AsyncIterator[Engine]:
    runtime = await open_runtime(settings, clock)
    yield runtime.engine
    await runtime.close()


@pytest.fixture
def db(engine: Engine) -> Database:
    return engine.db


@pytest.fixture
def chat(engine: Engine) -> Chat:
    return Chat(engine)
