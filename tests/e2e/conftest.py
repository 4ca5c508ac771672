"""End-to-end: the real Application over real HTTP against the local Bot API stand-in.

`settle()` waits until the bot has handled every update the simulated people posted and its
outbox is empty, so a test reads the chats only after the bot is done with them; no sleeps,
no timing guesses.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from pathlib import Path

import pytest

from bot.app import build_application
from bot.application import BotApplication
from bot.delivery.service import Delivery
from bot.polling import Backoff, Poller, polling
from bot.runtime import Runtime, open_runtime
from bot.settings import Settings
from bot.standin import ChatMessage, SimUser, StandIn
from bot.update_order import PerPersonOrder
from bot.webhook import WebhookReceiver
from tests.dialogs.conftest import Clock

SETTLE_TIMEOUT = 20.0  # generous: a busy machine is slow, not wrong
INTERVENTIE = -100123  # the group configured as the interventiedienst's


class Person:
    """A simulated Telegram user whose every action waits for the bot to finish."""

    def __init__(self, bot: RunningBot, sim: SimUser) -> None:
        self.bot = bot
        self.sim = sim

    async def send(self, text: str) -> None:
        await self.sim.send(text)
        await self.bot.settle()

    async def press(self, label: str) -> None:
        await self.sim.press(label)
        await self.bot.settle()

    async def press_data(self, data: str, message_id: int | None = None) -> None:
        await self.sim.press_data(data, message_id)
        await self.bot.settle()

    @property
    def last(self) -> ChatMessage:
        message = self.sim.last
        assert message is not None, "the bot has not written in this chat"
        return message

    @property
    def text(self) -> str:
        return self.last.text

    @property
    def seen(self) -> str:
        """Every bot message in the chat, as the person reads them now."""
        return "\n".join(m.text for m in self.sim.bot_messages)

    @property
    def labels(self) -> list[str]:
        return self.last.button_labels()


class RunningBot:
    def __init__(self, settings: Settings, standin: StandIn, clock: Clock) -> None:
        self.settings = settings
        self.standin = standin
        self.clock = clock
        self.runtime: Runtime | None = None
        self.application: BotApplication | None = None
        self._polling: AbstractAsyncContextManager[Poller | WebhookReceiver] | None = None
        self.poller: Poller | WebhookReceiver | None = None  # what takes the updates in

    async def start(self) -> None:
        self.runtime = await open_runtime(self.settings, self.clock)
        self.application = build_application(
            self.runtime, token="123:e2e", base_url=self.standin.base_url
        )
        # Short pauses after a failed getUpdates, so tests of failures take no long waits.
        self._polling = polling(self.application, backoff=Backoff(first=0.05, most=0.4))
        self.poller = await self._polling.__aenter__()
        self._done_before = 0

    async def stop(self) -> None:
        if self._polling is not None:
            await self._polling.__aexit__(None, None, None)
            self._polling = None
        if self.runtime is not None:
            await self.runtime.close()
            self.runtime = None

    async def restart(self, *, given_again: tuple[int, ...] = ()) -> None:
        """A new process on the same database: nothing in memory survives.

        `given_again`: update ids Telegram delivers once more to the new process, as it does
        with updates not confirmed before a crash.
        """
        await self.settle()
        handled = self.standin.updates_posted
        await self.stop()
        for update_id in given_again:
            self.standin.queue.redeliver(update_id)
        await self.start()
        self._done_before = handled - len(given_again)

    async def settle(self) -> None:
        """Every update handled, and everything it queued for others sent."""
        assert self.application is not None and self.poller is not None
        order, poller = self.application.update_processor, self.poller
        assert isinstance(order, PerPersonOrder)

        def settled() -> bool:
            # An update the bot could not read is skipped and never reaches the Application.
            handled = order.done + poller.skipped
            return handled >= self.standin.updates_posted - self._done_before

        await self.standin.wait_until(settled, SETTLE_TIMEOUT, "the bot to handle every update")
        await self.delivery.dispatcher.drained(SETTLE_TIMEOUT)

    @property
    def delivery(self) -> Delivery:
        assert self.application is not None and self.application.delivery is not None
        return self.application.delivery

    def person(self, user_id: int, name: str) -> Person:
        return Person(self, self.standin.user(user_id, name))


@pytest.fixture
async def standin() -> AsyncIterator[StandIn]:
    async with StandIn(bot_username="wijkbot_test_bot") as server:
        yield server
        assert server.rejected == [], server.rejected


@pytest.fixture
async def bot(tmp_path: Path, standin: StandIn) -> AsyncIterator[RunningBot]:
    settings = Settings(  # type: ignore[call-arg]
        database=tmp_path / "wijkbot.db", group_interventie=INTERVENTIE, _env_file=None
    )
    running = RunningBot(settings, standin, Clock())
    await running.start()
    yield running
    await running.stop()
