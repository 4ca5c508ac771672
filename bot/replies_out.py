"""Engine replies turned into Bot API calls."""

from __future__ import annotations

import asyncio
import logging
from collections import deque

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

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
)
from storage.db import Reader

log = logging.getLogger(__name__)


def markup(keyboard: Keyboard) -> InlineKeyboardMarkup | None:
    if not keyboard:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(c.label, callback_data=c.data) for c in row] for row in keyboard]
    )


def notice_of(replies: list[Reply]) -> str | None:
    return next((r.text for r in replies if isinstance(r, Notice)), None)


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
    queue: deque[Reply] = deque(replies)
    while queue:
        pending = queue.popleft()
        if isinstance(pending, LongRead):
            if reader is None:
                raise ValueError("a LongRead reply needs a reader to be made")
            async with reader() as conn:
                queue.extendleft(reversed(await pending.make(conn)))
            continue
        # Made now, after the transaction and off the event loop (see Deferred).
        reply = await asyncio.to_thread(pending.make) if isinstance(pending, Deferred) else pending
        if isinstance(reply, list):
            queue.extendleft(reversed(reply))
            continue
        to = getattr(reply, "to", None) or chat_id
        try:
            match reply:
                case Message(edit=True) if pressed_message_id and to == chat_id:
                    await _edit(bot, chat_id, pressed_message_id, reply)
                    pressed_message_id = None
                case Message():
                    await bot.send_message(
                        to,
                        reply.html,
                        parse_mode=ParseMode.HTML,
                        reply_markup=markup(reply.keyboard),
                    )
                case Picture():
                    await bot.send_photo(
                        to,
                        InputFile(reply.png, filename="wijkbot.png"),
                        caption=reply.caption_html or None,
                        parse_mode=ParseMode.HTML,
                    )
                case StoredPhoto():
                    await bot.send_photo(
                        to,
                        reply.file_id,
                        caption=reply.caption_html or None,
                        parse_mode=ParseMode.HTML,
                    )
                case File():
                    await bot.send_document(
                        to,
                        InputFile(reply.content, filename=reply.filename),
                        caption=reply.caption_html or None,
                        parse_mode=ParseMode.HTML,
                    )
                case CommandMenu():
                    await set_menu(bot, reply.commands, reply.to)
        except (Forbidden, BadRequest) as error:
            # Telling someone else (an officer, a resident) must not fail the person's turn.
            if to == chat_id:
                raise
            log.warning("reply to chat %s not delivered: %s", to, error.message)


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
    bot: Bot, commands: tuple[tuple[str, str], ...], chat_id: int | None = None
) -> None:
    """The command menu for everyone (chat_id None) or for one person's chat."""
    scope = BotCommandScopeChat(chat_id) if chat_id is not None else None
    await bot.set_my_commands([BotCommand(name, text) for name, text in commands], scope=scope)
