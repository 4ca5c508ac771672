"""One turn of a conversation: the person, their dialog state, and the replies so far.

A turn runs inside one database transaction, so the answer a person gives and the step they
move to are stored together or not at all. What the turn owes other people (`tell`) is queued
in the outbox in that same transaction.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import aiosqlite

from dialogs.engine import buttons
from dialogs.engine.outgoing import Addressed, Outgoing
from dialogs.engine.replies import Choice, Keyboard, Message, Notice, Reply
from dialogs.engine.texts import Html, Texts
from dialogs.engine.zone import Zone
from storage.dialog_states import DialogState
from storage.people import Person


@dataclass(slots=True)
class Turn:
    conn: aiosqlite.Connection
    person: Person
    texts: Texts
    now: datetime
    state: DialogState | None
    zone: Zone
    pressed: bool = False  # the event was a button press, so a reply may edit its message
    replies: list[Reply] = field(default_factory=list)
    outgoing: list[Outgoing] = field(default_factory=list)
    # Names this turn in outbox keys without a cause of their own: the update id, when known.
    update_key: str = field(default_factory=lambda: "t" + secrets.token_hex(8))

    def t(self, key: str, **values: object) -> Html:
        return self.texts.t(key, **values)

    def label(self, key: str, **values: object) -> str:
        """A button label: plain text, since Telegram shows labels as they are."""
        return self.texts.plain(key, **values)

    def say(self, html: str, keyboard: Keyboard = (), *, edit: bool = False) -> None:
        self.replies.append(Message(html, keyboard, edit=edit and self.pressed))

    def notice(self, text: str) -> None:
        self.replies.append(Notice(text))

    def tell(self, reply: Addressed, *, cause: str, ref: object = None) -> None:
        """Owe `reply` to the chat in its `to`, sent through the outbox after the commit.

        `ref` names what the cause is about (a scan request, a scan), so the same cause
        queues one message however often it happens; without it the key is this turn's.
        """
        if reply.to is None:
            raise ValueError(f"{cause}: a message to tell someone needs an address")
        base = f"{cause}:{self.update_key if ref is None else ref}:{reply.to}"
        earlier = sum(1 for o in self.outgoing if o.key.partition("#")[0] == base)
        key = f"{base}#{earlier + 1}" if earlier else base
        self.outgoing.append(Outgoing(reply, cause, key))

    def begin(self, flow: str, step: str, data: dict[str, Any]) -> DialogState:
        self.state = DialogState(
            person_id=self.person.id,
            flow=flow,
            step=step,
            token=buttons.new_token(),
            data=data,
            message_id=None,
            started_at=self.now,
            updated_at=self.now,
        )
        return self.state

    def move(self, step: str) -> str:
        """Go to `step` with a fresh button token; returns the token for the new buttons."""
        assert self.state is not None
        self.state.step = step
        self.state.token = buttons.new_token()
        self.state.updated_at = self.now
        return self.state.token

    def end(self) -> None:
        self.state = None

    def button(self, label: str, action: str, arg: object = "") -> Choice:
        assert self.state is not None
        return Choice(label, buttons.pack(self.state.token, action, arg))

    @staticmethod
    def menu_button(label: str, command: str, arg: object = "") -> Choice:
        """A button that runs a command (access-checked like a typed one), with an argument."""
        return Choice(label, buttons.pack(buttons.MENU, command, arg))

    @property
    def today(self) -> date:
        return self.texts.local(self.now).date()
