"""One turn of a conversation: the person, their dialog state, and the replies so far.

A turn runs inside one database transaction, so the answer a person gives and the step they
move to are stored together or not at all. What the turn owes other people (`tell`) is queued
in the outbox in that same transaction.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
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


class FormOpen(Exception):
    """A command would begin a new dialog over a form the person is still answering.

    Raised by `Turn.begin` while the engine guards that form; the engine undoes what the
    command did so far and asks whether to keep the form for later or stop it.
    """


@dataclass(slots=True)
class Turn:
    conn: aiosqlite.Connection
    person: Person
    texts: Texts
    now: datetime
    state: DialogState | None
    zone: Zone
    # The texts of a language (one the zone does not offer gives the default language's).
    texts_of: Callable[[str], Texts]
    pressed: bool = False  # the event was a button press, so a reply may edit its message
    known: bool = True  # False: a sender the bot has not stored, answered by a read-only command
    replies: list[Reply] = field(default_factory=list)
    # Forms kept for later while another dialog runs, the most recent last; one of them comes
    # back when the current dialog ends (the engine stores them inside the current state).
    waiting: list[DialogState] = field(default_factory=list)
    # The form a command must not replace without asking (set by the engine around a command).
    guard: DialogState | None = None
    outgoing: list[Outgoing] = field(default_factory=list)
    # The outbox should look now though this turn queued nothing itself: a sending to many
    # that its feeders queue a slice at a time (dialogs/bin/fan_out.py).
    outbox_woken: bool = False
    # Names this turn in outbox keys without a cause of their own: the update id, when known.
    update_key: str = field(default_factory=lambda: "t" + secrets.token_hex(8))

    def t(self, key: str, **values: object) -> Html:
        return self.texts.t(key, **values)

    def texts_for(self, person: Person) -> Texts:
        """The texts of someone this turn writes to: in their language, not this person's."""
        return self.texts if person.id == self.person.id else self.texts_of(person.language)

    @property
    def group_texts(self) -> Texts:
        """The texts of a group chat (the interventiedienst's, say): the zone's default."""
        return self.texts_of(self.zone.default_language)

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

    def wake_outbox(self) -> None:
        """Have the outbox look once this turn is committed."""
        self.outbox_woken = True

    def begin(self, flow: str, step: str, data: dict[str, Any]) -> DialogState:
        """Start a dialog. A form kept for later (paused) waits behind it; a form still being
        answered is never replaced while the engine guards it."""
        self._make_way()
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

    def take_back(self, flow: str) -> DialogState | None:
        """The dialog of `flow` kept for later, made the current one again; None when there
        is none. The current dialog makes way for it as for `begin`."""
        if self.state is not None and self.state.flow == flow:
            return self.state
        kept = next((w for w in reversed(self.waiting) if w.flow == flow), None)
        if kept is None:
            return None
        self._make_way()
        self.waiting = [w for w in self.waiting if w is not kept]
        self.state = kept
        return kept

    def _make_way(self) -> None:
        """Before another dialog becomes the current one: a form kept for later (paused)
        waits behind it; a form still being answered is never replaced while guarded."""
        previous = self.state
        if previous is not None and previous is self.guard and not previous.data.get("paused"):
            raise FormOpen
        if previous is not None and previous.data.get("paused"):
            self.waiting.append(previous)

    def move(self, step: str) -> str:
        """Go to `step` with a fresh button token; returns the token for the new buttons."""
        assert self.state is not None
        self.state.step = step
        self.state.token = buttons.new_token()
        self.state.updated_at = self.now
        return self.state.token

    def end(self) -> None:
        """The current dialog is over; a form waiting behind it comes back after this turn."""
        self.state = None

    def clear(self) -> None:
        """Forget every dialog, the waiting ones too (the person is erased)."""
        self.state = None
        self.waiting = []

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
