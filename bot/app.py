"""The python-telegram-bot Application: one generic handler from update to engine to replies."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import AIORateLimiter, ApplicationBuilder, ContextTypes, TypeHandler

from bot import meeting_jobs, reminder_jobs, retention_job
from bot.application import BotApplication
from bot.events_in import event_of, sender_of
from bot.replies_out import deliver, notice_of, set_menu
from bot.runtime import Runtime
from bot.update_order import PerPersonOrder
from dialogs.engine.engine import Engine
from dialogs.engine.menu import menu, staff_menus
from dialogs.forms.model import identifying_questions
from storage.people import Role

log = logging.getLogger(__name__)

# PTB runs handlers as coroutines; the error handler's update may be anything, even None.
Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]
ErrorHandler = Callable[[object, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


def build_application(runtime: Runtime, *, token: str, base_url: str) -> BotApplication:
    """The bot, talking to the Bot API at `base_url` (the token is appended, as PTB does)."""
    file_url = base_url.removesuffix("/bot") + "/file/bot"
    application = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .base_file_url(file_url)
        .concurrent_updates(PerPersonOrder())
        .rate_limiter(AIORateLimiter(max_retries=3))
        .post_init(_on_start(runtime))
        .build()
    )
    application.add_handler(TypeHandler(Update, _handler(runtime.engine)))
    application.add_error_handler(_error_handler(runtime.engine))
    return application


def _handler(engine: Engine) -> Handler:
    async def handle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        sender, event = sender_of(update), event_of(update)
        if sender is None or event is None or update.effective_chat is None:
            return
        replies = await engine.handle(sender, event)
        query = update.callback_query
        if query is not None:
            await query.answer(notice_of(replies))
        pressed = query.message.message_id if query and query.message else None
        chat_id = update.effective_chat.id
        await deliver(context.bot, chat_id, replies, pressed, reader=engine.db.reader)

    return handle


def _error_handler(engine: Engine) -> ErrorHandler:
    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("update failed", exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat is not None:
            try:
                texts = engine.texts(engine.default_language)
                await context.bot.send_message(update.effective_chat.id, texts.t("error.general"))
            except Exception:  # the error reply itself failing must not hide the first error
                log.exception("could not tell the person about the error")

    return on_error


def _on_start(runtime: Runtime) -> Callable[[BotApplication], Coroutine[Any, Any, None]]:
    engine = runtime.engine

    async def register(application: BotApplication) -> None:
        # Links in invites name the bot as Telegram knows it.
        engine.zone.bot_username = application.bot.username
        retention_job.schedule(application, engine, identifying_questions(runtime.forms))
        reminder_jobs.install(application, engine)
        meeting_jobs.install(application, engine)
        texts = engine.texts(engine.default_language)
        await set_menu(application.bot, menu(Role.RESIDENT, texts))
        for telegram_id, commands in await staff_menus(engine.db, texts):
            await set_menu(application.bot, commands, telegram_id)

    return register
