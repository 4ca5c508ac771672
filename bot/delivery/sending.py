"""One outbox message as one Bot API call, and how Telegram's answer is taken.

Telegram's answer decides what happens next: sent; wait (429, for its retry_after); again
later (5xx, network trouble, a timeout); blocked (403: the person blocked the bot, or the bot
left the group); refused (400: this message will never go, retrying cannot help).
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from bot.replies_out import markup, retry_seconds, set_menu
from dialogs.engine.replies import CommandMenu, Message, Notice, StoredPhoto
from dialogs.engine.reply_codec import Storable


@dataclass(frozen=True, slots=True)
class Sent:
    pass


@dataclass(frozen=True, slots=True)
class Wait:
    seconds: float


@dataclass(frozen=True, slots=True)
class Again:
    reason: str


@dataclass(frozen=True, slots=True)
class Blocked:
    reason: str


@dataclass(frozen=True, slots=True)
class Refused:
    reason: str


Outcome = Sent | Wait | Again | Blocked | Refused


async def send(bot: Bot, chat_id: int, reply: Storable) -> Outcome:
    try:
        await _call(bot, chat_id, reply)
    except RetryAfter as error:
        return Wait(retry_seconds(error))
    except Forbidden as error:
        return Blocked(error.message)
    except BadRequest as error:  # a NetworkError to PTB, but no retry will help
        return Refused(error.message)
    except ChatMigrated as error:
        return Refused(f"group moved to chat {error.new_chat_id}")
    except NetworkError as error:  # 5xx, timeouts, connections lost
        return Again(error.message)
    except TelegramError as error:
        return Again(error.message)
    return Sent()


async def _call(bot: Bot, chat_id: int, reply: Storable) -> None:
    match reply:
        case Message():
            await bot.send_message(
                chat_id,
                reply.html,
                parse_mode=ParseMode.HTML,
                reply_markup=markup(reply.keyboard),
                # Only where the zone allows it: Telegram charges Stars for each.
                allow_paid_broadcast=reply.paid_broadcast or None,
            )
        case StoredPhoto():
            await bot.send_photo(
                chat_id,
                reply.file_id,
                caption=reply.caption_html or None,
                parse_mode=ParseMode.HTML,
                allow_paid_broadcast=reply.paid_broadcast or None,
            )
        case CommandMenu():
            await set_menu(bot, reply.commands, chat_id)
        case Notice():
            raise ValueError("a callback answer is not something to send to a chat")
