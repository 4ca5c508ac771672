"""The daily backup into WIJKBOT_BACKUP_DIR, keeping the newest WIJKBOT_BACKUP_KEEP.

The copy is made from a connection of its own in a worker thread, so the bot goes on
answering while it is written.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import time

from telegram.ext import ContextTypes

from bot.application import BotApplication
from bot.settings import Settings
from dialogs.engine.engine import Engine
from storage import backups

log = logging.getLogger(__name__)

RUN_AT = time(2, 45)  # a quiet hour, local time, before the retention run at 03:15
START_DELAY = 90  # seconds: at start, after the retention run's own first pass


def schedule(application: BotApplication, engine: Engine, settings: Settings) -> None:
    folder = settings.backup_dir
    if folder is None or application.job_queue is None:
        return

    async def take() -> None:
        try:
            made = await asyncio.to_thread(
                backups.take_daily, settings.database, folder, settings.backup_keep, engine.clock()
            )
        except backups.BackupError:
            log.exception("the daily backup failed")
            return
        log.info("backup written to %s", made)

    async def daily(_context: ContextTypes.DEFAULT_TYPE) -> None:
        await take()

    async def at_start(_context: ContextTypes.DEFAULT_TYPE) -> None:
        # A bot that was down at the hour still gets its backup today, but one that keeps
        # restarting does not rotate the older backups away.
        newest = await asyncio.to_thread(backups.newest_daily, folder)
        if newest is None or engine.clock() - newest > backups.DAILY_EVERY:
            await take()

    tz = engine.texts(engine.default_language).timezone
    application.job_queue.run_daily(daily, RUN_AT.replace(tzinfo=tz), name="backup")
    application.job_queue.run_once(at_start, START_DELAY, name="backup-at-start")
