"""The outbox's pace on a clock that stands still unless told: 30 in any second counted from
when calls end, 20 a minute per group, nothing while Telegram asked to wait."""

from __future__ import annotations

from bot.delivery.pacer import Pacer


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def test_thirty_go_then_none_until_the_first_ended_a_second_ago() -> None:
    clock = Clock()
    pacer = Pacer(clock=clock)
    for _ in range(30):
        async with pacer.sending(1):
            clock.now += 0.01  # each call takes 10 ms; all end within 0.3 s
    assert pacer.capacity() == 0
    clock.now = 100.01 + 0.999  # the first ended at 100.01: not yet a second ago
    assert pacer.capacity() == 0
    clock.now = 100.01 + 1.0
    assert pacer.capacity() == 1


async def test_paid_broadcasts_have_a_thousand_a_second_of_their_own() -> None:
    clock = Clock()
    pacer = Pacer(clock=clock)
    for _ in range(1000):
        async with pacer.sending(1, paid=True):
            clock.now += 0.0005  # all 1,000 end within half a second
    assert pacer.capacity(paid=True) == 0
    assert pacer.capacity() == 30  # the others' thirty are untouched
    for _ in range(30):
        async with pacer.sending(2):
            pass
    assert pacer.capacity() == 0 and pacer.capacity(paid=True) == 0
    clock.now = 100.0005 + 1.0  # the first paid one ended a second ago
    assert pacer.capacity(paid=True) == 1
    pacer.hold(2)  # Telegram's "wait" holds both
    assert pacer.capacity(paid=True) == 0


async def test_calls_still_running_count_too() -> None:
    clock = Clock()
    pacer = Pacer(per_second=3, clock=clock)
    async with pacer.sending(1), pacer.sending(2):
        assert pacer.capacity() == 1
        clock.now += 5  # however long they take, they count while they run
        assert pacer.capacity() == 1
    assert pacer.capacity() == 1  # and for a second after they ended
    clock.now += 1
    assert pacer.capacity() == 3


async def test_a_429_holds_everything_for_its_retry_after() -> None:
    clock = Clock()
    pacer = Pacer(clock=clock)
    pacer.hold(3)
    pacer.hold(1)  # a shorter wait does not cut a longer one short
    assert pacer.capacity() == 0
    clock.now += 3
    assert pacer.capacity() == 30


async def test_a_group_gets_twenty_a_minute() -> None:
    clock = Clock()
    pacer = Pacer(clock=clock)
    for _ in range(20):
        assert pacer.reserve_group(-100123) is None
    assert pacer.reserve_group(-100123) == 160.0  # all running: a minute after now at least
    assert pacer.reserve_group(-100456) is None  # another group has its own minute
    for _ in range(20):
        async with pacer.sending(-100123):
            clock.now += 0.5
    assert pacer.reserve_group(-100123) == 100.5 + 60  # when the first one ended
    clock.now = 160.5
    assert pacer.reserve_group(-100123) is None
