"""A lane's calls start one by one over the second, on a clock that moves only when slept on."""

from __future__ import annotations

import asyncio
import itertools

from bot.delivery.spread import Spread


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


async def test_calls_start_one_gap_apart_not_in_a_burst() -> None:
    clock = Clock()
    spread = Spread(10, clock, clock.sleep)  # a tenth of a second apart
    starts = []
    for _ in range(6):
        await spread.start()
        starts.append(clock.now)
    # After a quiet spell the first two may go at once; then one every tenth of a second.
    assert starts[:2] == [100.0, 100.0]
    gaps = [round(b - a, 6) for a, b in itertools.pairwise(starts[1:])]
    assert gaps == [0.1, 0.1, 0.1, 0.1]


async def test_a_late_start_keeps_the_line_on_time_and_a_pause_starts_it_anew() -> None:
    clock = Clock()
    spread = Spread(10, clock, clock.sleep)
    for _ in range(3):
        await spread.start()  # slots 100.0, 100.0, 100.1
    clock.now += 0.13  # the next call comes late (100.23), just past its slot of 100.2
    await spread.start()
    assert round(clock.now, 6) == 100.23  # no wait
    await spread.start()
    assert round(clock.now, 6) == 100.3  # back on the line's time: no drift
    clock.now += 5.0  # a pause: the line starts again from now, no burst to catch up
    await spread.start()
    await spread.start()
    await spread.start()
    assert round(clock.now, 6) == 105.4


async def test_workers_take_their_places_in_turn() -> None:
    clock = Clock()
    spread = Spread(100, clock, clock.sleep)
    order: list[int] = []

    async def worker(n: int) -> None:
        await spread.start()
        order.append(n)

    await asyncio.gather(*(worker(n) for n in range(5)))
    assert order == [0, 1, 2, 3, 4]
    assert round(clock.now, 6) == 100.03  # five starts: two at once, then three gaps
