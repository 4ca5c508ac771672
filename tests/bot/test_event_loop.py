"""The tests run on the loop wijkbot runs on, and `run` runs a coroutine on it."""

from __future__ import annotations

import asyncio

from bot.event_loop import new_loop, run


def _kind() -> type[asyncio.AbstractEventLoop]:
    loop = new_loop()
    loop.close()
    return type(loop)


async def test_the_tests_run_on_wijkbots_loop() -> None:
    assert type(asyncio.get_running_loop()) is _kind()


def test_run_runs_on_wijkbots_loop() -> None:
    async def which() -> type[asyncio.AbstractEventLoop]:
        return type(asyncio.get_running_loop())

    assert run(which()) is _kind()
