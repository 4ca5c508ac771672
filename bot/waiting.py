"""Waiting for an event at most so long, in a way that a cancel always gets through.

Python 3.11's asyncio.wait_for returns as if nothing happened when the event it waits for is
set in the moment its task is cancelled. The poller, stopped in that moment, went on fetching
and the bot's stop never ended. asyncio.timeout passes the cancel on, and needs no task of
its own for each wait.
"""

from __future__ import annotations

import asyncio


async def until_set(event: asyncio.Event, seconds: float) -> bool:
    """Whether `event` was set within `seconds`."""
    try:
        async with asyncio.timeout(seconds):
            await event.wait()
    except TimeoutError:
        return False
    return True
