"""The python-telegram-bot Application that `bot.app` builds, with delivery beside it.

The job modules receive the Application to schedule on its job queue; naming the type once
lets the type checker follow handlers and jobs without each module spelling PTB's generics.
Delivery (answers marked, the outbox dispatched) starts before the first update is fetched
and stops after the last one was handled.
"""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, ContextTypes, ExtBot, JobQueue

from bot.delivery.service import Delivery
from bot.update_confirm import InHand


class BotApplication(
    Application[
        ExtBot[None],
        ContextTypes.DEFAULT_TYPE,
        dict[Any, Any],
        dict[Any, Any],
        dict[Any, Any],
        JobQueue[ContextTypes.DEFAULT_TYPE],
    ]
):
    delivery: Delivery | None = None  # set by bot.app once the bot exists
    in_hand: InHand | None = None  # updates fetched and not yet committed, set by bot.app

    async def start(self) -> None:
        if self.delivery is not None:
            await self.delivery.start()
        await super().start()

    async def stop(self) -> None:
        await super().stop()
        if self.delivery is not None:
            await self.delivery.stop()
