"""Previous / next buttons for a list shown a page at a time."""

from __future__ import annotations

from dialogs.engine.replies import Choice
from dialogs.engine.turn import Turn


def page_buttons(turn: Turn, command: str, page: int, total: int, size: int) -> tuple[Choice, ...]:
    """The buttons that run `command` with the page before and after, where there is one."""
    buttons = []
    if page > 0:
        buttons.append(turn.menu_button(turn.label("contacts.previous"), command, page - 1))
    if total > (page + 1) * size:
        buttons.append(turn.menu_button(turn.label("contacts.next"), command, page + 1))
    return tuple(buttons)
