"""Bot API methods that change or remove a message that is already in a chat."""

from __future__ import annotations

import time
from typing import Any

from .chats import Chat, ChatMessage, buttons_of, inline_markup, text_content
from .errors import NOT_MODIFIED, ApiError
from .validate import rendered
from .world import AsyncHandler, World


def _target(world: World, params: dict[str, Any]) -> tuple[Chat, ChatMessage]:
    if params.get("inline_message_id") is not None:
        # Inline mode is not simulated, so no inline message can exist.
        raise ApiError.bad_request("MESSAGE_ID_INVALID")
    chat = world.chat_for(params["chat_id"])
    message = chat.find(params["message_id"])
    if message is None:
        raise ApiError.bad_request("message to edit not found")
    if not message.from_bot:
        raise ApiError.bad_request("message can't be edited")
    return chat, message


def _apply(
    world: World,
    chat: Chat,
    message: ChatMessage,
    content: dict[str, Any],
    replaced: tuple[str, ...],
    markup: dict[str, Any] | None,
    shown: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """Replaces the `replaced` keys and the inline keyboard, unless nothing would change.

    `shown` is the new (html, text) of the message when its text or caption changes.
    """
    raw = message.raw
    new_markup = inline_markup(markup)
    before = {key: raw.get(key) for key in replaced}
    after = {key: content.get(key) for key in replaced}
    if before == after and raw.get("reply_markup") == new_markup:
        raise ApiError.bad_request(NOT_MODIFIED)
    for key in replaced:
        raw.pop(key, None)
    raw.update(content)
    # Leaving reply_markup out of an edit removes the keyboard, as on Telegram.
    raw.pop("reply_markup", None)
    if new_markup is not None:
        raw["reply_markup"] = new_markup
    raw["edit_date"] = int(time.time())
    message.buttons = buttons_of(new_markup)
    if shown is not None:
        message.html, message.text = shown
    message.edited = True
    world.notify(chat.id, message, edited=True)
    return raw


async def edit_message_text(world: World, params: dict[str, Any]) -> dict[str, Any]:
    chat, message = _target(world, params)
    if "text" not in message.raw:
        raise ApiError.bad_request("there is no text in the message to edit")
    parsed = rendered(params, "text")
    content = text_content("text", parsed, params.get("entities"))
    markup = params.get("reply_markup")
    shown = (params["text"], parsed.text)
    return _apply(world, chat, message, content, ("text", "entities"), markup, shown)


async def edit_message_caption(world: World, params: dict[str, Any]) -> dict[str, Any]:
    chat, message = _target(world, params)
    if message.kind not in ("photo", "document"):
        raise ApiError.bad_request("there is no caption in the message to edit")
    html, text, content = params.get("caption") or "", "", {}
    if html:
        parsed = rendered(params, "caption")
        content = text_content("caption", parsed, params.get("caption_entities"))
        text = parsed.text
    keys = ("caption", "caption_entities")
    return _apply(world, chat, message, content, keys, params.get("reply_markup"), (html, text))


async def edit_message_reply_markup(world: World, params: dict[str, Any]) -> dict[str, Any]:
    chat, message = _target(world, params)
    return _apply(world, chat, message, {}, (), params.get("reply_markup"))


async def delete_message(world: World, params: dict[str, Any]) -> bool:
    # Deleting works even when the user blocked the bot.
    chat = world.chat_for(params["chat_id"], write=False)
    if chat.remove(params["message_id"]) is None:
        raise ApiError.bad_request("message to delete not found")
    return True


HANDLERS: dict[str, AsyncHandler] = {
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
}
