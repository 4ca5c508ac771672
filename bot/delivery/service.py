"""Delivery as one piece: answers marked as given, the outbox dispatched, both after a commit.

The Application starts it before it fetches updates (so the replies a crash kept back go
first) and stops it after the last update was handled. The outbox calls the Bot API over
connections of its own (bot.delivery.sending), so a sending to thousands costs little and
never queues behind people's answers.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import Bot

from bot.delivery.answers import AnswerLog, answer_unanswered
from bot.delivery.dispatcher import LEASE, Dispatcher, wall_clock
from bot.delivery.pacer import Pacer
from bot.delivery.people_first import InHand, PeopleFirst
from bot.delivery.sending import BotApi
from dialogs.engine.engine import Engine


class Delivery:
    def __init__(
        self,
        engine: Engine,
        bot: Bot,
        *,
        in_hand: InHand | None = None,
        lease: timedelta = LEASE,
        pacer: Pacer | None = None,
    ) -> None:
        self.engine = engine
        self.bot = bot
        self.api = BotApi(bot.base_url)
        self.people_first = PeopleFirst(in_hand)
        self.dispatcher = Dispatcher(
            engine.db,
            self.api,
            pacer=pacer,
            feeders=engine.feeders,
            people_first=self.people_first,
            lease=lease,
        )
        self.answers = AnswerLog(engine.db, wall_clock, self.dispatcher.answers_given)

    async def start(self) -> None:
        await self.api.open()
        await answer_unanswered(self.engine.db, self.bot, wall_clock)
        self.engine.on_queued = self.dispatcher.wake
        self.answers.start()
        self.dispatcher.start()

    async def stop(self) -> None:
        self.engine.on_queued = None
        await self.dispatcher.stop()
        await self.answers.stop()
        await self.api.close()

    def wake(self) -> None:
        """Something was queued outside a turn (a reminder run): send it now."""
        self.dispatcher.wake()
