"""Bot API methods that put a new message into a chat."""

from __future__ import annotations

import copy
import re
from typing import Any

from .chats import Chat, ChatMessage, text_content
from .errors import ApiError
from .files import StoredFile
from .validate import Upload, rendered
from .world import AsyncHandler, World

# The keys of a Message that make up its content, copied by copyMessage/forwardMessage.
_CONTENT_KEYS = (
    "text",
    "entities",
    "photo",
    "document",
    "location",
    "sticker",
    "voice",
    "contact",
    "caption",
    "caption_entities",
)
_MESSAGE_FIELDS = ("html", "text", "photo", "document", "filename", "kind", "location")


def _reply(chat: Chat, params: dict[str, Any]) -> dict[str, Any]:
    reply = params.get("reply_parameters")
    if not reply:
        return {}
    target = chat.find(reply["message_id"])
    if target is None:
        if reply.get("allow_sending_without_reply"):
            return {}
        raise ApiError.bad_request("message to be replied not found")
    replied = copy.deepcopy(target.raw)
    replied.pop("reply_to_message", None)
    return {"reply_to_message": replied}


def _caption(params: dict[str, Any]) -> tuple[dict[str, Any], str, str]:
    """Caption content, the caption as sent and as read; empty when there is none."""
    if not params.get("caption"):
        return {}, "", ""
    parsed = rendered(params, "caption")
    content = text_content("caption", parsed, params.get("caption_entities"))
    return content, params["caption"], parsed.text


def _stored_file(world: World, value: Upload | str, kind: str) -> StoredFile:
    if isinstance(value, Upload):
        if not value.data:
            raise ApiError.bad_request("file must be non-empty")
        return world.files.add(kind, value.data, value.filename, value.content_type)
    if value.startswith(("http://", "https://")):
        raise ApiError.bad_request("failed to get HTTP URL content")  # no network here
    stored = world.files.get(value)
    if stored is None:
        raise ApiError.bad_request("wrong file identifier/HTTP URL specified")
    if (kind == "photo") != (stored.kind == "photo"):
        raise ApiError.bad_request("type of file mismatch")
    return stored


async def send_message(world: World, params: dict[str, Any]) -> dict[str, Any]:
    chat = world.chat_for(params["chat_id"])
    parsed = rendered(params, "text")
    content = text_content("text", parsed, params.get("entities")) | _reply(chat, params)
    return world.deliver(
        chat, content, html=params["text"], text=parsed.text, markup=params.get("reply_markup")
    )


async def send_photo(world: World, params: dict[str, Any]) -> dict[str, Any]:
    chat = world.chat_for(params["chat_id"])
    stored = _stored_file(world, params["photo"], "photo")
    caption, html, text = _caption(params)
    content = {"photo": stored.photo_sizes(), **caption} | _reply(chat, params)
    return world.deliver(
        chat,
        content,
        html=html,
        text=text,
        markup=params.get("reply_markup"),
        kind="photo",
        photo=stored.data,
        filename=stored.filename,  # not in Telegram's message; what the bot uploaded it as
    )


async def send_document(world: World, params: dict[str, Any]) -> dict[str, Any]:
    chat = world.chat_for(params["chat_id"])
    stored = _stored_file(world, params["document"], "document")
    caption, html, text = _caption(params)
    content = {"document": stored.document_api(), **caption} | _reply(chat, params)
    return world.deliver(
        chat,
        content,
        html=html,
        text=text,
        markup=params.get("reply_markup"),
        kind="document",
        document=stored.data,
        filename=stored.filename,
    )


async def send_location(world: World, params: dict[str, Any]) -> dict[str, Any]:
    chat = world.chat_for(params["chat_id"])
    latitude, longitude = params["latitude"], params["longitude"]
    if not -90 <= latitude <= 90 or not -180 <= longitude <= 180:
        raise ApiError.bad_request("wrong location specified")
    location = {"latitude": latitude, "longitude": longitude}
    for key in ("horizontal_accuracy", "live_period", "heading", "proximity_alert_radius"):
        if params.get(key) is not None:
            location[key] = params[key]
    return world.deliver(
        chat,
        {"location": location} | _reply(chat, params),
        markup=params.get("reply_markup"),
        kind="location",
        location=(latitude, longitude),
    )


def _source(world: World, params: dict[str, Any], verb: str) -> ChatMessage:
    source_chat = world.chat_for(params["from_chat_id"], write=False)
    source = source_chat.find(params["message_id"])
    if source is None:
        raise ApiError.bad_request(f"message to {verb} not found")
    return source


def _copied(source: ChatMessage) -> tuple[dict[str, Any], dict[str, Any]]:
    content = {key: copy.deepcopy(source.raw[key]) for key in _CONTENT_KEYS if key in source.raw}
    fields = {name: getattr(source, name) for name in _MESSAGE_FIELDS}
    return content, fields


async def copy_message(world: World, params: dict[str, Any]) -> dict[str, Any]:
    chat = world.chat_for(params["chat_id"])
    source = _source(world, params, "copy")
    content, fields = _copied(source)
    if "caption" in params and "text" not in content:
        content.pop("caption", None)
        content.pop("caption_entities", None)
        caption, fields["html"], fields["text"] = _caption(params)
        content.update(caption)
    raw = world.deliver(
        chat, content | _reply(chat, params), markup=params.get("reply_markup"), **fields
    )
    return {"message_id": raw["message_id"]}


async def forward_message(world: World, params: dict[str, Any]) -> dict[str, Any]:
    chat = world.chat_for(params["chat_id"])
    source = _source(world, params, "forward")
    content, fields = _copied(source)
    origin_chat = source.raw["chat"]
    if origin_chat["type"] == "private" or source.from_bot:
        origin = {"type": "user", "sender_user": source.raw["from"]}
    else:
        origin = {"type": "chat", "sender_chat": origin_chat}
    content["forward_origin"] = origin | {"date": source.raw["date"]}
    return world.deliver(chat, content, **fields)


async def send_chat_action(world: World, params: dict[str, Any]) -> bool:
    chat = world.chat_for(params["chat_id"])
    description = world.spec.methods["sendChatAction"].fields["action"].description
    # The allowed actions are only listed in prose: "typing for text messages, ..."
    allowed = set(re.findall(r"(\w+) (?:for|or) ", description.split(":", 1)[-1]))
    if params["action"] not in allowed:
        raise ApiError.bad_request("wrong parameter action in request")
    world.state.chat_actions.append((chat.id, params["action"]))
    return True


HANDLERS: dict[str, AsyncHandler] = {
    "sendMessage": send_message,
    "sendPhoto": send_photo,
    "sendDocument": send_document,
    "sendLocation": send_location,
    "copyMessage": copy_message,
    "forwardMessage": forward_message,
    "sendChatAction": send_chat_action,
}
