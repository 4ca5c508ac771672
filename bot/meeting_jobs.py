"""Waking the day-before meeting reminders: the job queue only wakes the process.

What is due and what was sent lives in the database (dialogs/reminders/meeting_reminders.py); a run
every few minutes, and one shortly after start, queues what is due in the outbox, whose
dispatcher sends it. A bot that was down the day before reminds when it is back, as long as the
meeting has not started.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram.ext import ContextTypes

from bot.application import BotApplication
from dialogs.engine.engine import Engine
from dialogs.reminders.meeting_reminders import queue_due

log = logging.getLogger(__name__)

INTERVAL = timedelta(minutes=10)
FIRST = timedelta(seconds=60)  # after start, once the bot is surely polling


async def run(engine: Engine) -> int:
    """Queue every reminder that is due; returns how many were queued."""
    default = engine.texts(engine.default_language)
    queued = await queue_due(engine.db, engine.texts, default, engine.clock())
    if queued:
        log.info("meeting reminders: %s queued", queued)
        if engine.on_queued is not None:
            engine.on_queued()
    return queued


def install(application: BotApplication, engine: Engine) -> None:
    if application.job_queue is None:
        return

    async def wake(_context: ContextTypes.DEFAULT_TYPE) -> None:
        await run(engine)

    application.job_queue.run_repeating(
        wake, interval=INTERVAL, first=FIRST, name="meeting-reminders"
    )
