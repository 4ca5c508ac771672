"""The shape every conversation flow has, so the engine can route to any of them."""

from __future__ import annotations

from typing import Protocol

from dialogs.engine import events
from dialogs.engine.turn import Turn


class Flow(Protocol):
    name: str
    title: str  # how the person knows it, e.g. in "your unfinished ... was discarded"
    # Whether the flow can be kept for later (a form) rather than only finished or dropped;
    # a command that would replace a resumable flow asks first.
    resumable: bool

    async def show(self, turn: Turn) -> None:
        """Show the current step again as a new message."""

    async def on_button(self, turn: Turn, action: str, arg: str) -> None:
        """A button of the current step was pressed (its token already checked)."""

    async def on_input(self, turn: Turn, event: events.Event) -> None:
        """Text, a location, a photo or anything else arrived while this flow is active."""

    async def ask_stop(self, turn: Turn) -> None:
        """The person asked to stop: confirm before leaving."""

    def paused(self, turn: Turn) -> bool:
        """Whether the flow is kept for later rather than waiting for an answer."""

    def pause(self, turn: Turn) -> None:
        """Keep the flow for later, its answers as they are (only asked of a resumable flow)."""
