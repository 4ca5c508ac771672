"""Sending the day-before meeting reminders: the job queue only wakes the process.

What is due and what was sent lives in the database (dialogs/reminders/meeting_reminders.py); a run
every few minutes, and one shortly after start, sends what is due. A bot that was down the
day before sends the reminders when it is back, as long as the meeting has not started.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from telegram import Bot
from telegram.error import Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.application import BotApplication
from bot.replies_out import deliver
from dialogs.engine.engine import Engine
from dialogs.reminders.meeting_reminders import claim_due, release

log = logging.getLogger(__name__)

INTERVAL = timedelta(minutes=10)
FIRST = timedelta(seconds=60)  # after start, once the bot is surely polling
_KEY = "meeting_reminders"


class MeetingReminders:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # One run at a time in this process; the database keeps other processes honest.
        self._lock = asyncio.Lock()

    async def run(self, bot: Bot) -> int:
        """Send every reminder that is due; returns how many were delivered."""
        engine = self.engine
        async with self._lock:
            default = engine.texts(engine.default_language)
            due = await claim_due(engine.db, engine.texts, default, engine.clock())
            delivered = 0
            for reminder in due:
                chat = reminder.message.to
                assert chat is not None
                try:
                    await deliver(bot, chat, [reminder.message])
                    delivered += 1
                except Forbidden:
                    # The person blocked the bot: recorded as sent, never retried.
                    log.warning("meeting reminder not delivered: chat %s blocked the bot", chat)
                except TelegramError as error:
                    log.warning(
                        "meeting reminder to chat %s failed (%s); retried later", chat, error
                    )
                    await release(engine.db, reminder)
            if due:
                log.info("meeting reminders: %s due, %s delivered", len(due), delivered)
            return delivered


def install(application: BotApplication, engine: Engine) -> MeetingReminders:
    reminders = MeetingReminders(engine)
    application.bot_data[_KEY] = reminders
    if application.job_queue is not None:

        async def wake(context: ContextTypes.DEFAULT_TYPE) -> None:
            await reminders.run(context.bot)

        application.job_queue.run_repeating(
            wake, interval=INTERVAL, first=FIRST, name="meeting-reminders"
        )
    return reminders


def reminders_of(application: BotApplication) -> MeetingReminders:
    found = application.bot_data[_KEY]
    assert isinstance(found, MeetingReminders)
    return found
