"""The python-telegram-bot Application: one generic handler from update to engine to replies.

Answers to a person's own update go out at once, without a throttle of ours; a button's
callback answer and the edit of its message go out together. Everything else the bot owes
goes through the outbox (bot.delivery).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any, cast

from telegram import CallbackQuery, Update
from telegram.error import BadRequest
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler

from bot import backup_job, bin_progress, meeting_jobs, reminder_jobs, retention_job
from bot.application import BotApplication
from bot.delivery.dispatcher import LEASE
from bot.delivery.service import Delivery
from bot.events_in import answer_unhandled, event_of, sender_of
from bot.logs import reason_of
from bot.metrics import Metrics
from bot.replies_out import deliver, notice_of, set_menu
from bot.runtime import Runtime
from bot.update_attempts import UpdateSkipped, attempted
from bot.update_confirm import ApiCall, InHand, PooledBot
from bot.update_order import PerPersonOrder
from dialogs.engine import log_context
from dialogs.engine.engine import Engine
from dialogs.engine.menu import menu, staff_menus
from dialogs.forms.model import identifying_questions
from storage.people import Role

log = logging.getLogger(__name__)

# PTB runs handlers as coroutines; the error handler's update may be anything, even None.
Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]
ErrorHandler = Callable[[object, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]
AnyApplication = Application[Any, Any, Any, Any, Any, Any]  # as PTB's post_init is typed


def build_application(
    runtime: Runtime,
    *,
    token: str,
    base_url: str,
    metrics: Metrics | None = None,
    lease: timedelta = LEASE,
) -> BotApplication:
    """The bot, talking to the Bot API at `base_url` (the token is appended, as PTB does).

    `metrics` receives what it counts; without one, the counts go nowhere anyone reads.
    `lease`: how long a message being sent by a process that died waits before it is sent
    again (tests shorten it).
    """
    metrics = metrics or Metrics()
    file_url = base_url.removesuffix("/bot") + "/file/bot"
    in_hand = InHand()
    bot = PooledBot(token, base_url=base_url, base_file_url=file_url)
    application = cast(
        BotApplication,
        ApplicationBuilder()
        .application_class(BotApplication)
        .bot(bot)
        .concurrent_updates(PerPersonOrder(in_hand=in_hand))
        .updater(None)  # bot.polling fetches the updates
        .post_init(_on_start(runtime))
        .build(),
    )
    delivery = Delivery(runtime.engine, bot, in_hand=in_hand, lease=lease)
    application.delivery = delivery
    application.in_hand = in_hand
    handler = _handler(runtime.engine, in_hand, delivery)
    application.add_handler(TypeHandler(Update, _measured(handler, metrics, delivery)))
    application.add_error_handler(_error_handler(runtime.engine, metrics))
    return application


def _handler(engine: Engine, in_hand: InHand, delivery: Delivery) -> Handler:
    async def handle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        sender, event = sender_of(update), event_of(update)
        if sender is None or event is None or update.effective_chat is None:
            in_hand.done(update.update_id)
            await answer_unhandled(update, engine)
            return
        query = update.callback_query
        # A webhook waiting on this update answers the button press in its response to
        # Telegram: one request less, and no later than the call would have gone.
        in_response = query is not None and in_hand.awaited(update.update_id)
        answer: ApiCall | None = None
        try:
            replies = await attempted(
                update.update_id,
                lambda: engine.handle(sender, event, update_id=update.update_id),
            )
            if query is not None and in_response:
                answer = callback_answer(query, notice_of(replies))
        finally:
            # Stored with its replies, or failed for good: Telegram may forget it now.
            in_hand.done(update.update_id, answer)
        pressed = query.message.message_id if query and query.message else None
        chat_id = update.effective_chat.id
        sending = [deliver(context.bot, chat_id, replies, pressed, reader=engine.db.reader)]
        if query is not None and not in_response:
            sending.append(_answer(query, notice_of(replies)))
        try:
            # The callback answer and the edit do not wait for each other.
            results = await asyncio.gather(*sending, return_exceptions=True)
        finally:
            delivery.answers.given(update.update_id)
        for result in results:
            if isinstance(result, BaseException):
                raise result

    return handle


def _measured(handler: Handler, metrics: Metrics, delivery: Delivery) -> Handler:
    """`handler`, counted and timed, with its log lines naming the update."""

    async def handle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        log_context.update_id.set(update.update_id)
        with metrics.handling(), delivery.people_first.answering():
            await handler(update, context)

    return handle


def callback_answer(query: CallbackQuery, text: str | None) -> ApiCall:
    """answerCallbackQuery as a webhook's response carries it."""
    call: ApiCall = {"method": "answerCallbackQuery", "callback_query_id": query.id}
    if text is not None:
        call["text"] = text
    return call


async def _answer(query: CallbackQuery, text: str | None) -> None:
    try:
        await query.answer(text)
    except BadRequest as error:
        # A query given again after a crash may be answered already, or too old by now.
        log.info("callback query not answered: %s", error.message)


def _error_handler(engine: Engine, metrics: Metrics) -> ErrorHandler:
    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        metrics.errors.inc()
        if isinstance(update, Update):
            log_context.update_id.set(update.update_id)
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


def _on_start(runtime: Runtime) -> Callable[[AnyApplication], Coroutine[Any, Any, None]]:
    engine = runtime.engine

    async def register(built: AnyApplication) -> None:
        application = cast(BotApplication, built)
        # Links in invites name the bot as Telegram knows it.
        engine.zone.bot_username = application.bot.username
        retention_job.schedule(application, engine, identifying_questions(runtime.forms))
        backup_job.schedule(application, engine, runtime.settings)
        reminder_jobs.install(application, engine)
        meeting_jobs.install(application, engine)
        bin_progress.install(application, engine)
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
