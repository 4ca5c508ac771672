"""People walking at once, each waiting for the answer to a step before taking the next, and
the time from each update posted to the message that answers it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.benchmarks.walks import REMARK_STEP, Walk
from bot.standin import ChatMessage, SimUser, StandIn

ANSWER_TIMEOUT = 60.0  # a step unanswered this long counts as lost, and its person stops


@dataclass
class Outcome:
    samples: list[tuple[float, float]] = field(default_factory=list)  # (posted, answered)
    walks: list[tuple[int, str]] = field(default_factory=list)  # (telegram id, remark) sent
    lost: int = 0

    def add(self, other: Outcome) -> None:
        self.samples += other.samples
        self.walks += other.walks
        self.lost += other.lost


class Answers:
    """Tells a waiting person when the bot's message that answers their step arrives."""

    def __init__(self, world: StandIn) -> None:
        self._waiting: dict[int, tuple[Callable[[ChatMessage], bool], asyncio.Future[float]]] = {}
        world.add_listener(self._seen)

    def expect(
        self, chat_id: int, answered: Callable[[ChatMessage], bool]
    ) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiting[chat_id] = (answered, future)
        return future

    def _seen(self, chat_id: int, message: ChatMessage, _edited: bool) -> None:
        waiting = self._waiting.get(chat_id)
        if waiting is not None and not waiting[1].done() and waiting[0](message):
            waiting[1].set_result(time.perf_counter())
            del self._waiting[chat_id]


async def walk_until(
    person: SimUser, walk: Walk, answers: Answers, stop: Callable[[], bool]
) -> Outcome:
    """One person walking again and again until `stop()`; stops only between steps."""
    outcome = Outcome()
    number = 0
    while not stop():
        number += 1
        typed = ""
        for index, step in enumerate(walk(person, number)):
            if stop():
                return outcome
            answer = answers.expect(person.user_id, step.answered)
            posted = time.perf_counter()
            if step.kind == "send":
                await person.send(step.what)
            else:
                await person.press(step.what)
            try:
                answered = await asyncio.wait_for(answer, ANSWER_TIMEOUT)
            except TimeoutError:
                outcome.lost += 1
                return outcome
            outcome.samples.append((posted, answered))
            if index == REMARK_STEP:
                typed = step.what
        outcome.walks.append((person.user_id, typed))  # the whole walk answered
    return outcome


async def crowd(
    world: StandIn,
    answers: Answers,
    walk: Walk,
    first_id: int,
    people: int,
    stop: Callable[[], bool],
) -> Outcome:
    persons = [world.user(first_id + n, f"Persoon {n + 1}") for n in range(people)]
    outcomes = await asyncio.gather(*(walk_until(p, walk, answers, stop) for p in persons))
    total = Outcome()
    for outcome in outcomes:
        total.add(outcome)
    return total
