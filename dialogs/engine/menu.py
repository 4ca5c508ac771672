"""The command menu and help list of a role, from the access table, and buttons that open a
command from any message."""

from __future__ import annotations

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


async def staff_menus(db: Database, texts: Texts) -> list[tuple[int, tuple[tuple[str, str], ...]]]:
    """The menu of every person whose role has more commands than a resident's."""
    async with db.transaction() as conn:
        staff = [
            p
            for role in Role
            if role is not Role.RESIDENT
            for p in await people.list_by_role(conn, role)
        ]
    return [(p.telegram_id, menu(p.role, texts)) for p in staff if p.telegram_id is not None]


def forward_button(turn: Turn, kind: str, record_id: int) -> Choice:
    """The "doorsturen" button for a concern ("c"), a scan's remark ("s") or a meeting ("m")."""
    return turn.menu_button(turn.label("forward.button"), "fwd", f"{kind}{record_id}")
