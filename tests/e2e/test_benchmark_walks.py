"""The benchmark's people against the real bot: each step of the form walk is answered by the
message the walk expects, and what the walk sent is stored as the benchmark checks it."""

from __future__ import annotations

import asyncio

from bot.benchmarks.crowd import Answers, crowd
from bot.benchmarks.walks import FORM_STEPS, form_walk, remark, stored_answers
from storage import form_responses, people
from tests.e2e.conftest import RunningBot


async def test_two_people_walk_the_form_and_every_answer_is_stored(bot: RunningBot) -> None:
    persons = [bot.standin.user(telegram_id, "Proef") for telegram_id in (7001, 7002)]

    def everyone_sent_one() -> bool:
        return all(any(m.text.startswith("Verstuurd") for m in p.bot_messages) for p in persons)

    outcome = await asyncio.wait_for(
        crowd(bot.standin, Answers(bot.standin), form_walk, 7001, 2, everyone_sent_one), 60
    )
    assert outcome.lost == 0
    assert len(outcome.samples) >= 2 * len(FORM_STEPS)  # each step answered as expected
    assert all(answered >= posted for posted, answered in outcome.samples)
    assert {(7001, remark(7001, 1)), (7002, remark(7002, 1))} <= set(outcome.walks)
    assert bot.runtime is not None
    async with bot.runtime.db.reader() as conn:
        for telegram_id, text in outcome.walks:
            person = await people.by_telegram_id(conn, telegram_id)
            assert person is not None
            stored = [r.answers for r in await form_responses.list_for_person(conn, person.id)]
            assert stored_answers(text) in stored
