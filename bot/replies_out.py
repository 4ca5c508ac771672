"""Engine replies turned into Bot API calls, for the person whose update is answered.

Answers go out at once, with no throttle of our own: Telegram allows short bursts in one chat.
Only a 429 for this chat holds them back, for the retry_after it names.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Awaitable, Callable
from datetime import timedelta
from functools import partial
from typing import TypeVar

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, RetryAfter
from telegram.warnings import PTBDeprecationWarning

from dialogs.engine.replies import (
    CommandMenu,
    Deferred,
    File,
    Keyboard,
    LongRead,
    Message,
    Notice,
    Picture,
    Reply,
    StoredPhoto,
    fitted,
)
from storage.db import Reader

log = logging.getLogger(__name__)

FLOOD_ATTEMPTS = 3  # a call Telegram keeps refusing with 429 fails after this many
T = TypeVar("T")


def markup(keyboard: Keyboard) -> InlineKeyboardMarkup | None:
    if not keyboard:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(c.label, callback_data=c.data) for c in row] for row in keyboard]
    )


def notice_of(replies: list[Reply]) -> str | None:
    return next((r.text for r in replies if isinstance(r, Notice)), None)


def retry_seconds(error: RetryAfter) -> float:
    """The wait Telegram asked for, in seconds, whichever type PTB gives it in."""
    with warnings.catch_warnings():
        # PTB announces a move from int to timedelta here; both are understood.
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def patiently(call: Callable[[], Awaitable[T]]) -> T:
    """The call, waiting out a 429 as long as Telegram asks, a few times at most."""
    for _ in range(FLOOD_ATTEMPTS - 1):
        try:
            return await call()
        except RetryAfter as error:
            await asyncio.sleep(retry_seconds(error))
    return await call()


async def deliver(
    bot: Bot,
    chat_id: int,
    replies: list[Reply],
    pressed_message_id: int | None = None,
    *,
    reader: Reader | None = None,
) -> None:
    """Send replies in order; the first edit replaces the message whose button was pressed.

    A LongRead is read on a connection from `reader` when its turn comes, so what comes
    before it is sent first; the replies it makes are sent in its place.
    """
    waiting = fitted(replies)  # within Telegram's limits, whoever composed them
    while waiting:
        pending = waiting.pop(0)
        if isinstance(pending, LongRead):
            if reader is None:
                raise ValueError("a LongRead reply needs a reader to be made")
            async with reader() as conn:
                waiting[:0] = fitted(await pending.make(conn))
            continue
        if isinstance(pending, Deferred):
            # Made now, after the transaction and off the event loop (see Deferred).
            made = await asyncio.to_thread(pending.make)
            waiting[:0] = fitted(made if isinstance(made, list) else [made])
            continue
        edit = pressed_message_id if isinstance(pending, Message) and pending.edit else None
        await patiently(partial(_show, bot, chat_id, pending, edit))
        if edit is not None:
            pressed_message_id = None


async def _show(bot: Bot, chat_id: int, reply: Reply, edit: int | None) -> None:
    match reply:
        case Message() if edit is not None:
            await _edit(bot, chat_id, edit, reply)
        case Message():
            await bot.send_message(
                chat_id, reply.html, parse_mode=ParseMode.HTML, reply_markup=markup(reply.keyboard)
            )
        case Picture():
            await bot.send_photo(
                chat_id,
                InputFile(reply.png, filename=reply.filename),
                caption=reply.caption_html or None,
                parse_mode=ParseMode.HTML,
            )
        case StoredPhoto():
            await bot.send_photo(
                chat_id,
                reply.file_id,
                caption=reply.caption_html or None,
                parse_mode=ParseMode.HTML,
            )
        case File():
            await bot.send_document(
                chat_id,
                InputFile(reply.content, filename=reply.filename),
                caption=reply.caption_html or None,
                parse_mode=ParseMode.HTML,
            )
        case CommandMenu():
            await set_menu(bot, reply.commands, chat_id)
        case Notice() | Deferred() | LongRead():
            pass  # the callback answer is given beside these; the others are made above


async def _edit(bot: Bot, chat_id: int, message_id: int, reply: Message) -> None:
    try:
        await bot.edit_message_text(
            reply.html,
            chat_id=chat_id,
            message_id=message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=markup(reply.keyboard),
        )
    except BadRequest as error:
        if "not modified" in error.message:
            return
        if "message to edit not found" in error.message or "can't be edited" in error.message:
            await bot.send_message(
                chat_id, reply.html, parse_mode=ParseMode.HTML, reply_markup=markup(reply.keyboard)
            )
            return
        raise


async def set_menu(
    bot: Bot,
    commands: tuple[tuple[str, str], ...],
    chat_id: int | None = None,
    language: str | None = None,
) -> None:
    """The command menu for everyone (chat_id None) or for one person's chat; with a language,
    for those whose Telegram speaks it."""
    scope = BotCommandScopeChat(chat_id) if chat_id is not None else None
    await bot.set_my_commands(
        [BotCommand(name, text) for name, text in commands], scope=scope, language_code=language
    )
