"""Fetching updates: unreadable ones skipped once, failures waited out, one line per trouble."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import AsyncIterator, Iterable

import pytest
import telegram
from telegram import Update

from bot.polling import REPOLL, Backoff, Poller
from bot.standin import StandIn

NAME = "Mariekeprobe"  # a first name that must never reach the log
CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
    "is running"
)


@pytest.fixture
async def standin() -> AsyncIterator[StandIn]:
    async with StandIn() as server:
        yield server


@pytest.fixture
async def bot(standin: StandIn) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(token="123:abc", base_url=standin.base_url) as client:
        yield client


class Pauses(list[float]):
    """Records each pause the poller takes, and takes it only briefly."""

    async def __call__(self, seconds: float) -> None:
        self.append(seconds)
        await asyncio.sleep(0.001)


@pytest.fixture
def pauses() -> Pauses:
    return Pauses()


@pytest.fixture
async def poller(
    bot: telegram.Bot, pauses: Pauses
) -> AsyncIterator[tuple[Poller, asyncio.Queue[object]]]:
    queue: asyncio.Queue[object] = asyncio.Queue()
    found = Poller(bot, queue, timeout=1, backoff=Backoff(first=0.5, most=4.0), pause=pauses)
    task = asyncio.create_task(found.run())
    yield found, queue
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def next_update(queue: asyncio.Queue[object]) -> Update:
    update = await asyncio.wait_for(queue.get(), 5)
    assert isinstance(update, Update)
    return update


@pytest.fixture(autouse=True)
def info(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)


def lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "bot.polling"]


def test_the_backoff_doubles_up_to_its_most() -> None:
    backoff = Backoff(first=1.0, most=60.0)
    assert [backoff.after(n) for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]
    assert backoff.after(10_000) == 60


async def test_an_unreadable_update_is_logged_once_confirmed_and_skipped(
    standin: StandIn,
    poller: tuple[Poller, asyncio.Queue[object]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    found, queue = poller
    user = standin.user(42, NAME)
    poisoned = await user.send_unreadable(f"hallo, ik ben {NAME}")
    assert poisoned is not None
    await user.send("/help")
    update = await next_update(queue)
    assert update.message is not None and update.message.text == "/help"
    await standin.wait_until(lambda: not standin.queue.pending, what="both confirmed")
    assert found.skipped == 1 and queue.empty()
    (line,) = lines(caplog)
    assert re.fullmatch(
        rf"update {poisoned['update_id']} skipped: unreadable \(TypeError in \w+ \(\w+\.py:\d+\)\)",
        line,
    )
    assert NAME not in caplog.text
    assert len(standin.calls("getUpdates")) <= 4  # fetched once, not again and again


@pytest.mark.parametrize(
    ("code", "description", "said"),
    [
        (409, CONFLICT, "another process is polling Telegram with this bot token"),
        (502, "Bad Gateway", "getUpdates failed, trying again with growing pauses: Bad Gateway"),
        (401, "Unauthorized", "getUpdates failed, trying again with growing pauses: Telegram does"),
    ],
)
async def test_failures_are_waited_out_with_growing_pauses_and_said_once(
    standin: StandIn,
    poller: tuple[Poller, asyncio.Queue[object]],
    pauses: Pauses,
    caplog: pytest.LogCaptureFixture,
    code: int,
    description: str,
    said: str,
) -> None:
    _found, queue = poller
    user = standin.user(42, NAME)
    await user.send("/start")
    await next_update(queue)  # the poller is past its first call
    standin.fail_next("getUpdates", error_code=code, description=description, times=7)
    await user.send("/help")  # answered by the poll already waiting
    await next_update(queue)
    await user.send("/stop")  # waits out the seven failures
    update = await next_update(queue)
    assert update.message is not None and update.message.text == "/stop"
    assert pauses == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0, 4.0]
    logged = lines(caplog)
    assert len(logged) == 2 and logged[0].startswith(said)
    assert logged[1] == "getUpdates works again after 7 failed calls"
    assert not any(record.exc_info for record in caplog.records)  # no traceback at all


async def test_retry_after_is_waited_as_telegram_says(
    standin: StandIn,
    poller: tuple[Poller, asyncio.Queue[object]],
    pauses: Pauses,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _found, queue = poller
    user = standin.user(42, NAME)
    await user.send("/start")
    await next_update(queue)
    standin.fail_next("getUpdates", retry_after=3, times=2)
    await user.send("/help")
    await next_update(queue)
    await user.send("/stop")
    await next_update(queue)
    assert pauses == [3.0, 3.0]
    assert lines(caplog) == []  # Telegram's pacing is no trouble of ours


class Handling:
    """Updates in hand, as the handler of updates keeps them (see bot.polling.InHand)."""

    def __init__(self) -> None:
        self.ids: set[int] = set()
        self.changed = asyncio.Event()

    def add(self, ids: Iterable[int]) -> None:
        self.ids.update(ids)

    def oldest(self) -> int | None:
        return min(self.ids, default=None)

    def done(self, update_id: int) -> None:
        self.ids.discard(update_id)
        self.changed.set()

    async def settle(self, within: float) -> None:
        self.changed.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.changed.wait(), within)


async def test_with_updates_in_hand_only_handled_ones_are_confirmed(
    standin: StandIn, bot: telegram.Bot
) -> None:
    queue: asyncio.Queue[object] = asyncio.Queue()
    in_hand = Handling()
    poller = Poller(bot, queue, timeout=1, in_hand=in_hand)
    task = asyncio.create_task(poller.run())
    try:
        user = standin.user(42, NAME)
        await user.send("/start")
        first = await next_update(queue)
        assert in_hand.ids == {first.update_id}
        calls = len(standin.calls("getUpdates"))
        await asyncio.sleep(0.2)
        # Not confirmed while in hand, asked again without a tight loop.
        assert [u["update_id"] for u in standin.queue.pending] == [first.update_id]
        assert len(standin.calls("getUpdates")) - calls <= 0.2 / REPOLL + 2
        await user.send("/help")
        second = await next_update(queue)
        assert second.message is not None and second.message.text == "/help"
        in_hand.done(first.update_id)
        await standin.wait_until(
            lambda: [u["update_id"] for u in standin.queue.pending] == [second.update_id]
        )
        in_hand.done(second.update_id)
        await standin.wait_until(lambda: not standin.queue.pending)
        assert queue.empty()  # each update was queued once
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def test_a_server_that_does_not_wait_is_not_asked_in_a_tight_loop(
    standin: StandIn, bot: telegram.Bot, pauses: Pauses
) -> None:
    standin.queue.close()  # every getUpdates now comes back empty at once
    queue: asyncio.Queue[object] = asyncio.Queue()
    poller = Poller(bot, queue, timeout=5, backoff=Backoff(first=0.5), pause=pauses)
    task = asyncio.create_task(poller.run())
    await standin.wait_until(lambda: len(pauses) >= 3)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    assert set(pauses) == {0.5}  # a pause after each empty answer
    assert len(standin.calls("getUpdates")) <= len(pauses) + 1
