"""The command menu and help list of a role, from the access table, and buttons that open a
command from any message."""

from __future__ import annotations

from collections.abc import Callable

from dialogs.engine.access import COMMANDS, commands_for
from dialogs.engine.replies import Choice
from dialogs.engine.texts import Texts
from dialogs.engine.turn import Turn
from storage import people
from storage.db import Database
from storage.people import Role


def menu(role: Role, texts: Texts) -> tuple[tuple[str, str], ...]:
    """(command, description) pairs for Telegram's command menu, in the order of /help."""
    return tuple((name, texts.t(COMMANDS[name].description)) for name in commands_for(role))


async def staff_menus(
    db: Database, texts_of: Callable[[str], Texts]
) -> list[tuple[int, tuple[tuple[str, str], ...]]]:
    """The menu of every person whose role has more commands than a resident's, each in his
    own language."""
    async with db.transaction() as conn:
        staff = [
            p
            for role in Role
            if role is not Role.RESIDENT
            for p in await people.list_by_role(conn, role)
        ]
    return [
        (p.telegram_id, menu(p.role, texts_of(p.language)))
        for p in staff
        if p.telegram_id is not None
    ]


def forward_button(turn: Turn, kind: str, record_id: int, texts: Texts | None = None) -> Choice:
    """The "doorsturen" button for a concern ("c"), a scan's remark ("s") or a meeting ("m"),
    labelled in the language of `texts` (of whoever gets it; the turn's person by default)."""
    label = (texts or turn.texts).plain("forward.button")
    return turn.menu_button(label, "fwd", f"{kind}{record_id}")
