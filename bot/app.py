"""The python-telegram-bot Application: one generic handler from update to engine to replies."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import AIORateLimiter, ApplicationBuilder, ContextTypes, TypeHandler

from bot import meeting_jobs, reminder_jobs, retention_job
from bot.application import BotApplication
from bot.events_in import answer_unhandled, event_of, sender_of
from bot.logs import reason_of
from bot.replies_out import deliver, notice_of, set_menu
from bot.runtime import Runtime
from bot.update_attempts import UpdateSkipped, attempted
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
        .updater(None)  # bot.polling fetches the updates
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
            await answer_unhandled(update, engine)
            return
        replies = await attempted(update.update_id, lambda: engine.handle(sender, event))
        query = update.callback_query
        if query is not None:
            await query.answer(notice_of(replies))
        pressed = query.message.message_id if query and query.message else None
        await deliver(context.bot, update.effective_chat.id, replies, pressed)

    return handle


def _error_handler(engine: Engine) -> ErrorHandler:
    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not isinstance(context.error, UpdateSkipped):  # that one was logged already
            # One line without the error's message, which may quote what the person wrote.
            number = update.update_id if isinstance(update, Update) else "-"
            reason = reason_of(context.error) if context.error is not None else "unknown"
            log.error("update %s failed: %s", number, reason)
            log.debug("the traceback", exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat is not None:
            try:
                user = update.effective_user
                language = engine.zone.language_of(user.language_code if user else None)
                texts = engine.texts(language)
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
        # Everyone's menu in the default language, and in each language offered for those
        # whose Telegram speaks it; staff get their own, in the language they chose.
        default = engine.texts(engine.default_language)
        await set_menu(application.bot, menu(Role.RESIDENT, default))
        for language in engine.zone.languages:
            commands = menu(Role.RESIDENT, engine.texts(language))
            await set_menu(application.bot, commands, language=language)
        for telegram_id, commands in await staff_menus(engine.db, engine.texts):
            await set_menu(application.bot, commands, telegram_id)

    return register
