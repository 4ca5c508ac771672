"""What a person can do, as the conversation engine sees it: no transport details."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sender:
    """Who sent an event, as the channel knows them."""

    telegram_id: int
    name: str
    language: str | None = None
    private_chat: bool = True
    chat_id: int | None = None  # the group's id when not a private chat


@dataclass(frozen=True, slots=True)
class Command:
    name: str  # without the slash, lower case
    args: str = ""


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Button:
    data: str  # the payload exactly as received: it may be stale or forged


@dataclass(frozen=True, slots=True)
class Location:
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class Photo:
    file_id: str
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class Unsupported:
    """A sticker, voice note, document, contact card, ... where the bot expects none."""

    kind: str


@dataclass(frozen=True, slots=True)
class Edited:
    """A person edited a message they sent earlier; the engine never re-reads old answers."""


Event = Command | Text | Button | Location | Photo | Unsupported | Edited
