"""The chat records: chats, messages and buttons, as a person sees them and in Bot API shape."""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

from .html import Entity, ParsedText, utf16_len

_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?")


@dataclass(frozen=True)
class Button:
    """An inline keyboard button: its label and what pressing it does."""

    label: str
    data: str | None = None
    url: str | None = None


@dataclass
class ChatMessage:
    """One message in a chat, from the bot or from a simulated user."""

    message_id: int
    from_bot: bool
    html: str  # the text or caption exactly as sent
    text: str  # what a person reads: tags removed, entities unescaped
    buttons: list[list[Button]] = field(default_factory=list)
    photo: bytes | None = None
    document: bytes | None = None
    filename: str | None = None
    edited: bool = False
    kind: str = "text"  # text, photo, document, location, sticker, voice, contact
    location: tuple[float, float] | None = None
    keyboard: list[list[str]] = field(default_factory=list)  # reply keyboard labels
    raw: dict[str, Any] = field(default_factory=dict, repr=False)  # the Bot API Message

    def button_labels(self) -> list[str]:
        return [button.label for row in self.buttons for button in row]

    def button(self, label: str) -> Button | None:
        return next((b for row in self.buttons for b in row if b.label == label), None)


@dataclass(frozen=True)
class CallbackAnswer:
    """What the bot answered to a button press (answerCallbackQuery)."""

    query_id: str
    data: str | None
    text: str | None
    show_alert: bool
    url: str | None


class Sender(Protocol):
    """Who writes or presses a button: a SimUser, named by its shape so records need no people."""

    answers: list[CallbackAnswer]

    def api(self) -> dict[str, Any]: ...


@dataclass
class PendingQuery:
    """A callback query the bot has not answered yet."""

    chat_id: int
    user: Sender
    data: str | None


@dataclass
class Chat:
    id: int
    type: str  # "private", "group" or "supergroup"
    title: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    username: str | None = None
    blocked: bool = False
    messages: list[ChatMessage] = field(default_factory=list)
    # Every bot send or edit in order, so a test can wait for "the next reply".
    activity: list[ChatMessage] = field(default_factory=list)
    instance: str = field(default_factory=lambda: str(secrets.randbits(63)))
    _last_message_id: int = 0

    def api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        for key in ("title", "first_name", "last_name", "username"):
            if (value := getattr(self, key)) is not None:
                data[key] = value
        return data

    def next_message_id(self) -> int:
        # One counter per chat, shared by the bot's and the user's messages, as on Telegram.
        self._last_message_id += 1
        return self._last_message_id

    def find(self, message_id: int) -> ChatMessage | None:
        return next((m for m in self.messages if m.message_id == message_id), None)

    def remove(self, message_id: int) -> ChatMessage | None:
        message = self.find(message_id)
        if message is not None:
            self.messages.remove(message)
        return message


def message_api(
    chat: Chat, message_id: int, sender: dict[str, Any], content: dict[str, Any]
) -> dict[str, Any]:
    """A Message object in Bot API shape."""
    return {
        "message_id": message_id,
        "from": sender,
        "chat": chat.api(),
        "date": int(time.time()),
        **content,
    }


def text_content(
    key: str, parsed: ParsedText, explicit: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """`text`/`caption` with its entities, under the names Message uses."""
    entities_key = "entities" if key == "text" else f"{key}_entities"
    content: dict[str, Any] = {key: parsed.text}
    entities = explicit if explicit is not None else [e.to_api() for e in parsed.entities]
    if entities:
        content[entities_key] = entities
    return content


def inline_markup(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    """The inline keyboard a message keeps; reply keyboards are not part of the message."""
    if not markup or not markup.get("inline_keyboard"):
        return None
    return {"inline_keyboard": markup["inline_keyboard"]}


def buttons_of(markup: dict[str, Any] | None) -> list[list[Button]]:
    inline = inline_markup(markup)
    if inline is None:
        return []
    return [
        [Button(b["text"], b.get("callback_data"), b.get("url")) for b in row]
        for row in inline["inline_keyboard"]
    ]


def keyboard_of(markup: dict[str, Any] | None) -> list[list[str]]:
    rows = (markup or {}).get("keyboard") or []
    return [[b if isinstance(b, str) else b["text"] for b in row] for row in rows]


def command_entities(text: str) -> list[Entity]:
    """bot_command entities for the /commands in a user's text, as Telegram adds them."""
    entities = []
    for match in _COMMAND.finditer(text):
        offset = utf16_len(text[: match.start()])
        entities.append(Entity("bot_command", offset, utf16_len(match[0])))
    return entities
