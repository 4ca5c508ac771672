"""A stop is a stop: a cancel that comes in the same moment as what was waited for gets through.

Python 3.11's asyncio.wait_for returned as if nothing happened when the event it waited for
was set in the moment its task was cancelled. The poller waits that way between two calls
while updates are in hand; stopped in that moment, it went on fetching, answering people,
and the bot's stop never ended.
"""

from __future__ import annotations

import asyncio

import pytest

from bot.update_confirm import InHand
from bot.waiting import until_set


async def _started(waiting: asyncio.Task[object]) -> None:
    for _ in range(3):  # into the wait, whichever way it waits
        await asyncio.sleep(0)
    assert not waiting.done()


async def test_a_cancel_in_the_moment_the_event_is_set_gets_through() -> None:
    event = asyncio.Event()
    waiting: asyncio.Task[object] = asyncio.create_task(until_set(event, 10.0))
    await _started(waiting)
    event.set()
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting


async def test_a_poller_settling_is_stopped_in_the_moment_an_update_is_done() -> None:
    in_hand = InHand()
    in_hand.add([7])
    settling: asyncio.Task[object] = asyncio.create_task(in_hand.settle(10.0))
    await _started(settling)
    in_hand.done(7)
    settling.cancel()
    with pytest.raises(asyncio.CancelledError):
        await settling


async def test_it_says_whether_the_event_came_in_time() -> None:
    event = asyncio.Event()
    assert not await until_set(event, 0.01)
    asyncio.get_running_loop().call_later(0.01, event.set)
    assert await until_set(event, 5.0)
    assert await until_set(event, 0.0)  # set already: no wait at all
