"""Telegram forgets an update only once the bot has stored what it did with it."""

from __future__ import annotations

from tests.e2e.conftest import RunningBot


async def test_an_update_stays_unconfirmed_until_its_turn_is_stored(bot: RunningBot) -> None:
    assert bot.runtime is not None
    jan = bot.person(1001, "Jan")
    standin = bot.standin
    async with bot.runtime.db.transaction():  # the database is busy: the turn cannot commit
        polls = len(standin.arrivals)
        await jan.sim.send("/help")
        update_id = standin.updates_posted
        await standin.wait_until(
            lambda: sum(a.method == "getUpdates" for a in standin.arrivals[polls:]) >= 5,
            5.0,
            "the bot to ask for updates a few times",
        )
        # Fetched, being handled, and still Telegram's to give again after a crash.
        assert [u["update_id"] for u in standin.queue.pending] == [update_id]
    await bot.settle()
    await standin.wait_until(lambda: not standin.queue.pending, 5.0, "the confirmation")
    assert len(jan.sim.bot_messages) == 1 and "/privacy" in jan.text  # handled once
