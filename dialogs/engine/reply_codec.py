"""Replies as JSON, for the inbox (an update's replies, to give again) and the outbox.

Only what can be shown again from text is kept: messages, callback answers, command menus
and photos Telegram already holds. Pictures and files made for one moment, and messages that
carry a one-time secret, are not stored; `storable` puts a short note in their place.
"""

from __future__ import annotations

from typing import Any

from dialogs.engine.replies import (
    Choice,
    CommandMenu,
    Message,
    Notice,
    Reply,
    StoredPhoto,
)
from dialogs.engine.texts import Texts
from storage.codecs import from_json, to_json

Storable = Message | Notice | CommandMenu | StoredPhoto


def is_storable(reply: Reply) -> bool:
    if isinstance(reply, Message):
        return not reply.secret
    return isinstance(reply, Notice | CommandMenu | StoredPhoto)


def storable(replies: list[Reply], texts: Texts) -> list[Storable]:
    """The replies as they can be given again: one note stands for those that cannot."""
    kept: list[Storable] = []
    noted = False
    for reply in replies:
        if is_storable(reply):
            assert isinstance(reply, Message | Notice | CommandMenu | StoredPhoto)
            kept.append(reply)
        elif not noted:
            kept.append(Message(texts.t("reply.not_kept")))
            noted = True
    return kept


def encode(reply: Storable) -> dict[str, Any]:
    match reply:
        case Message():
            encoded: dict[str, Any] = {
                "kind": "message",
                "html": reply.html,
                "keyboard": [[[c.label, c.data] for c in row] for row in reply.keyboard],
                "edit": reply.edit,
                "to": reply.to,
            }
            if reply.paid_broadcast:
                encoded["paid"] = True
            return encoded
        case Notice():
            return {"kind": "notice", "text": reply.text}
        case CommandMenu():
            return {"kind": "menu", "commands": [list(c) for c in reply.commands], "to": reply.to}
        case StoredPhoto():
            photo: dict[str, Any] = {
                "kind": "photo",
                "file_id": reply.file_id,
                "caption": reply.caption_html,
                "to": reply.to,
            }
            if reply.paid_broadcast:
                photo["paid"] = True
            return photo


def decode(data: dict[str, Any]) -> Storable:
    match data["kind"]:
        case "message":
            keyboard = tuple(
                tuple(Choice(label, d) for label, d in row) for row in data["keyboard"]
            )
            return Message(
                data["html"],
                keyboard,
                edit=data["edit"],
                to=data["to"],
                paid_broadcast=data.get("paid", False),
            )
        case "notice":
            return Notice(data["text"])
        case "menu":
            return CommandMenu(tuple((name, text) for name, text in data["commands"]), data["to"])
        case "photo":
            return StoredPhoto(
                data["file_id"], data["caption"], data["to"], data.get("paid", False)
            )
    raise ValueError(f"unknown stored reply {data['kind']!r}")


def dump_one(reply: Storable) -> str:
    return to_json(encode(reply))


def load_one(text: str) -> Storable:
    return decode(from_json(text))


def dump(replies: list[Storable]) -> str:
    return to_json([encode(reply) for reply in replies])


def load(text: str) -> list[Storable]:
    return [decode(item) for item in from_json(text)]
