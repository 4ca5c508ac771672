"""One turn of a conversation: the person, their dialog state, and the replies so far.

A turn runs inside one database transaction, so the answer a person gives and the step they
move to are stored together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import aiosqlite

from dialogs.engine import buttons
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
    # The texts of a language (one the zone does not offer gives the default language's).
    texts_of: Callable[[str], Texts]
    pressed: bool = False  # the event was a button press, so a reply may edit its message
    known: bool = True  # False: a sender the bot has not stored, answered by a read-only command
    replies: list[Reply] = field(default_factory=list)

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
