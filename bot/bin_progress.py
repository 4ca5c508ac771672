"""The sender's progress message while a BIN alert goes out, driven by a job every few seconds.

The job reads each unreported alert's batch counts (dialogs/bin/progress.py), sends the sender
one message the first time and edits it after, and stops at the report. It goes out at once,
beside the outbox's pace: a few edits of one message are no broadcast. A bot that restarts
mid-sending picks up the same message, since its id is stored with the alert.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden
from telegram.ext import ContextTypes

from bot.application import BotApplication
from dialogs.bin import progress
from dialogs.engine.engine import Engine

log = logging.getLogger(__name__)

INTERVAL = timedelta(seconds=3)  # well within Telegram's pace for edits of one message


class ProgressShower:
    def __init__(self, engine: Engine, bot: Bot) -> None:
        self.engine = engine
        self.bot = bot
        self._shown: dict[int, str] = {}  # what each alert's message says now, to skip no-ops

    async def run_once(self) -> int:
        """Bring every progress message up to date; returns how many were sent or edited."""
        changed = 0
        for item in await progress.due(self.engine.db, self.engine.texts, self.engine.clock()):
            if item.message_id is not None and self._shown.get(item.alert_id) == item.html:
                continue
            try:
                message_id = await self._show(item)
            except Forbidden:  # the sender blocked the bot: the figures are kept anyway
                message_id = item.message_id or 0
            changed += 1
            self._shown[item.alert_id] = item.html
            await progress.shown(self.engine.db, item, message_id, self.engine.clock())
            if item.final:
                self._shown.pop(item.alert_id, None)
        return changed

    async def _show(self, item: progress.Progress) -> int:
        if item.message_id:
            try:
                await self.bot.edit_message_text(
                    item.html, item.chat_id, item.message_id, parse_mode=ParseMode.HTML
                )
                return item.message_id
            except BadRequest as error:
                if "not modified" in error.message:
                    return item.message_id
                log.info("progress of alert %s sent anew: %s", item.alert_id, error.message)
        sent = await self.bot.send_message(item.chat_id, item.html, parse_mode=ParseMode.HTML)
        return sent.message_id


def install(application: BotApplication, engine: Engine) -> ProgressShower:
    shower = ProgressShower(engine, application.bot)
    if application.job_queue is not None:

        async def wake(_context: ContextTypes.DEFAULT_TYPE) -> None:
            await shower.run_once()

        application.job_queue.run_repeating(
            wake, interval=INTERVAL, first=INTERVAL, name="bin-progress"
        )
    return shower
