"""The outbox holds back while someone is being answered, for a moment at most."""

from __future__ import annotations

import asyncio

from bot.delivery.people_first import PeopleFirst
from bot.update_confirm import InHand


async def test_nobody_being_answered_holds_nothing() -> None:
    first = PeopleFirst(most=60.0)
    await asyncio.wait_for(first.wait(), 1.0)


async def test_the_outbox_goes_on_once_the_answer_is_given() -> None:
    first = PeopleFirst(most=60.0)
    with first.answering():
        waiting = asyncio.create_task(first.wait())
        await asyncio.sleep(0.01)
        assert not waiting.done()  # held while the answer is under way
    await asyncio.wait_for(waiting, 1.0)


async def test_a_steady_crowd_holds_the_outbox_no_longer_than_most() -> None:
    first = PeopleFirst(most=0.05)
    with first.answering():
        await asyncio.wait_for(first.wait(), 5.0)  # gave up waiting, well before 5 s


async def test_two_answers_at_once_hold_until_both_are_given() -> None:
    first = PeopleFirst(most=60.0)
    with first.answering():
        with first.answering():
            waiting = asyncio.create_task(first.wait())
        await asyncio.sleep(0.01)
        assert not waiting.done()
    await asyncio.wait_for(waiting, 1.0)


async def test_an_update_fetched_and_not_yet_handled_holds_the_outbox_too() -> None:
    in_hand = InHand()
    first = PeopleFirst(in_hand, most=60.0)
    in_hand.add([41])
    waiting = asyncio.create_task(first.wait())
    await asyncio.sleep(0.01)
    assert not waiting.done()  # fetched, its turn not begun: held already
    in_hand.done(41)
    await asyncio.wait_for(waiting, 1.0)
