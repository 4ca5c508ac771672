"""What the bot shows in answer to an event: the adapter turns these into channel calls."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, replace

import aiosqlite

from dialogs.engine.limits import (
    CAPTION_LIMIT,
    MESSAGE_LIMIT,
    NOTICE_LIMIT,
    cut_plain,
    split_html,
    visible_length,
)
from storage.db import Reader


@dataclass(frozen=True, slots=True)
class Choice:
    """An inline button: a label and the payload it sends back."""

    label: str
    data: str


Keyboard = tuple[tuple[Choice, ...], ...]


@dataclass(frozen=True, slots=True)
class Message:
    """A text message in HTML; every piece of user text in it is already escaped.

    `edit` asks to replace the message whose button was just pressed, so a form keeps one
    question message instead of a growing chat. `to` sends to another person or a group (by
    Telegram chat id): such a message goes through the outbox. `secret` marks a message that
    carries a one-time secret (an invite link), which is never stored, not even for a replay.
    `paid_broadcast` sends it as one of Telegram's paid broadcasts (faster than 30 a second,
    for a fee), where the zone allows it.
    """

    html: str
    keyboard: Keyboard = ()
    edit: bool = False
    to: int | None = None
    secret: bool = False
    paid_broadcast: bool = False


@dataclass(frozen=True, slots=True)
class Picture:
    """A PNG made for this moment; `filename` is what it is called when saved."""

    png: bytes
    caption_html: str = ""
    to: int | None = None
    filename: str = "wijkbot.png"


@dataclass(frozen=True, slots=True)
class File:
    content: bytes
    filename: str
    caption_html: str = ""
    to: int | None = None


@dataclass(frozen=True, slots=True)
class StoredPhoto:
    """A photo Telegram already holds, shown again by its file id (never downloaded);
    `paid_broadcast` as for a Message (the photo of a paid alert goes with its text)."""

    file_id: str
    caption_html: str = ""
    to: int | None = None
    paid_broadcast: bool = False


@dataclass(frozen=True, slots=True)
class Deferred:
    """A picture or file made only when it is sent, in a worker thread; or the replies to
    send in its place (an export's counts and its workbook, made in a process of their own).

    Charts and spreadsheets take a while to make; made here, after the turn's transaction,
    they hold up neither the database nor other people's updates. `make` must use only the
    data it closes over, never the turn's connection.
    """

    make: Callable[[], Picture | File | list[Reply]]


@dataclass(frozen=True, slots=True)
class LongRead:
    """Replies that need a long read (an export, the whole zone), made after the turn's
    transaction on a read-only connection of their own: other people's updates go on while
    the rows are read. `make` must not keep the connection; it returns the replies to send
    in its place (no Notice: the button was answered before), Deferred ones for the work
    that then takes computing, so the connection is closed before that work starts.
    """

    make: Callable[[aiosqlite.Connection], Awaitable[list[Reply]]]


@dataclass(frozen=True, slots=True)
class Notice:
    """A short pop-up answer to a button press (Telegram's callback answer)."""

    text: str


@dataclass(frozen=True, slots=True)
class CommandMenu:
    """The command menu a person sees, set when their role changes."""

    commands: tuple[tuple[str, str], ...]
    to: int


Reply = Message | Picture | StoredPhoto | File | Deferred | LongRead | Notice | CommandMenu


async def read_long(replies: list[Reply], reader: Reader) -> list[Reply]:
    """`replies` with each LongRead made, in its place, each on a reader of its own."""
    made: list[Reply] = []
    for reply in replies:
        if isinstance(reply, LongRead):
            async with reader() as conn:
                inner = await reply.make(conn)
            made += await read_long(inner, reader)
        else:
            made.append(reply)
    return made


def fitted(replies: Iterable[Reply]) -> list[Reply]:
    """The replies within Telegram's limits, whatever the people who wrote their texts typed.

    A long message becomes several, cut by `split_html`: the first edits what it edits, the
    last carries the buttons. A caption too long for its picture or file keeps what fits and
    the rest follows as messages. A Deferred is fitted by the adapter once it is made.
    """
    result: list[Reply] = []
    for reply in replies:
        match reply:
            case Message():
                parts = split_html(reply.html, MESSAGE_LIMIT)
                if len(parts) == 1:
                    result.append(reply)
                    continue
                last = len(parts) - 1
                result += [
                    Message(
                        part,
                        reply.keyboard if i == last else (),
                        edit=reply.edit and i == 0,
                        to=reply.to,
                    )
                    for i, part in enumerate(parts)
                ]
            case Picture() | StoredPhoto() | File() if (
                visible_length(reply.caption_html) > CAPTION_LIMIT
            ):
                first, *rest = split_html(reply.caption_html, MESSAGE_LIMIT, CAPTION_LIMIT)
                result.append(replace(reply, caption_html=first))
                result += [Message(part, to=reply.to) for part in rest]
            case Notice():
                result.append(Notice(cut_plain(reply.text, NOTICE_LIMIT)))
            case _:
                result.append(reply)
    return result
