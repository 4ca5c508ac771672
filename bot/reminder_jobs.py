"""The reminder job. The scheduler only wakes the process: what is due and what was sent are in
the database, so a restart, a second run or a second process never queues a reminder twice, and
a bot that was down at the hour catches up on its first run that day. The outbox's dispatcher
sends what a run queued, at the pace bulk messages may go.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import ChatMemberHandler, ContextTypes

from bot.application import BotApplication
from dialogs.engine.engine import Engine
from dialogs.reminders import run as reminder_run
from dialogs.reminders.due import ReminderKind

INTERVAL = timedelta(minutes=5)  # so reminders go out within minutes of the hour
FIRST_RUN = timedelta(seconds=30)  # after start, once the bot has settled in


async def run_reminders(engine: Engine) -> Counter[ReminderKind]:
    """Queue every reminder due now that no run queued before; returns how many of each."""
    default_texts = engine.texts(engine.default_language)
    queued = await reminder_run.queue_due(
        engine.db, engine.zone, engine.texts, default_texts.timezone, engine.clock()
    )
    if queued and engine.on_queued is not None:
        engine.on_queued()
    return queued


def install(application: BotApplication, engine: Engine) -> None:
    """Wake the reminder run regularly, and learn when someone who blocked the bot is back."""

    async def member_changed(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        change = update.my_chat_member
        if change is None or change.chat.type != ChatType.PRIVATE:
            return
        if change.new_chat_member.status == ChatMemberStatus.MEMBER:
            await reminder_run.came_back(engine.db, change.from_user.id)

    # Group 1, beside the one handler that turns updates into engine events.
    application.add_handler(
        ChatMemberHandler(member_changed, ChatMemberHandler.MY_CHAT_MEMBER), group=1
    )
    if application.job_queue is None:
        return

    async def wake(context: ContextTypes.DEFAULT_TYPE) -> None:
        await run_reminders(engine)

    # Waking often, rather than once at the hour, catches up after a start and keeps no
    # wall-clock moment that a process down at that moment would miss.
    application.job_queue.run_repeating(wake, interval=INTERVAL, first=FIRST_RUN, name="reminders")
