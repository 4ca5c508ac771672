"""The daily retention run: the scheduler only wakes the process; the rules are idempotent."""

from __future__ import annotations

from datetime import time

from telegram.ext import ContextTypes

from bot.application import BotApplication
from dialogs.engine.engine import Engine
from dialogs.people.retention import apply_retention

RUN_AT = time(3, 15)  # a quiet hour, local time


def schedule(application: BotApplication, engine: Engine, identifying: set[str]) -> None:
    if application.job_queue is None:
        return

    async def run(_context: ContextTypes.DEFAULT_TYPE) -> None:
        now = engine.clock()
        texts = engine.texts(engine.default_language)
        await apply_retention(
            engine.db,
            now,
            texts.local(now).date(),
            engine.zone,
            identifying,
        )

    tz = engine.texts(engine.default_language).timezone
    application.job_queue.run_daily(run, RUN_AT.replace(tzinfo=tz), name="retention")
    # Once at start too, so a bot that was down at the hour still applies the rules today.
    application.job_queue.run_once(run, 60, name="retention-at-start")
