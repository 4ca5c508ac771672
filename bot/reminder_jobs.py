"""The reminder job. The scheduler only wakes the process: what is due and what was sent are in
the database, so a restart, a second run or a second process never sends a reminder twice, and
a bot that was down at the hour catches up on its first run that day.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from datetime import timedelta

from telegram import Bot, Update
from telegram.constants import ChatMemberStatus, ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import ChatMemberHandler, ContextTypes

from bot.application import BotApplication
from bot.replies_out import markup
from dialogs.engine.engine import Engine
from dialogs.engine.replies import Message, fitted
from dialogs.reminders import run as reminder_run
from dialogs.reminders.digest import render
from dialogs.reminders.run import Outcome
from storage.deliveries import DeliveryStatus

log = logging.getLogger(__name__)

INTERVAL = timedelta(minutes=5)  # so reminders go out within minutes of the hour
FIRST_RUN = timedelta(seconds=30)  # after start, once the bot has settled in
NETWORK_ATTEMPTS = 3  # per message and run; RetryAfter is the rate limiter's to retry
NETWORK_PAUSE = 2.0  # seconds before the second attempt, doubled before the next


async def run_reminders(
    engine: Engine, bot: Bot, *, pause: float = NETWORK_PAUSE
) -> Counter[DeliveryStatus]:
    """Send every reminder due now that no run has sent; returns how each one ended."""
    now = engine.clock()
    default_texts = engine.texts(engine.default_language)
    planned = await reminder_run.due_now(engine.db, engine.zone, default_texts.timezone, now)
    ended: Counter[DeliveryStatus] = Counter()
    for item in planned:
        delivery = await reminder_run.claim(engine.db, item, engine.clock())
        if delivery is None:  # sent before, given up, or another run is sending it
            continue
        texts = engine.texts(item.person.language)
        message = render(item, texts, texts.local(now).date())
        outcome = await send(bot, message, pause=pause)
        ended[await reminder_run.record(engine.db, delivery, item, outcome, engine.clock())] += 1
    if ended:
        log.info("reminders: %s", ", ".join(f"{k}={v}" for k, v in sorted(ended.items())))
    return ended


async def send(bot: Bot, message: Message, *, pause: float = NETWORK_PAUSE) -> Outcome:
    """One message; temporary network trouble is tried again, a blocked chat is not."""
    assert message.to is not None
    for attempt in range(1, NETWORK_ATTEMPTS + 1):
        try:
            for part in fitted([message]):  # an overview of many officers is long
                assert isinstance(part, Message)
                await bot.send_message(
                    message.to,
                    part.html,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup(part.keyboard),
                )
            return Outcome.SENT
        except Forbidden:
            return Outcome.BLOCKED
        except BadRequest as error:  # a subclass of NetworkError, but no retry will help
            log.error("reminder refused by Telegram: %s", error.message)
            return Outcome.FAILED
        except RetryAfter:
            # The rate limiter has already waited and retried; a later run tries again.
            return Outcome.RETRY
        except NetworkError as error:
            log.warning("reminder attempt %s failed: %s", attempt, error.message)
        except TelegramError as error:
            log.error("reminder refused by Telegram: %s", error.message)
            return Outcome.FAILED
        if attempt < NETWORK_ATTEMPTS:
            await asyncio.sleep(pause * 2 ** (attempt - 1))
    return Outcome.RETRY


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
        await run_reminders(engine, context.bot)

    # Waking often, rather than once at the hour, catches up after a start and retries what
    # failed, and keeps no wall-clock moment that a process down at that moment would miss.
    application.job_queue.run_repeating(wake, interval=INTERVAL, first=FIRST_RUN, name="reminders")
