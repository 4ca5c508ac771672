"""Who may do what: the one place that decides, for every command and menu button."""

from __future__ import annotations

from dataclasses import dataclass

from dialogs.texts import N_
from storage.people import Role

EVERYONE = frozenset(Role)
STAFF = frozenset({Role.OFFICER, Role.ADMIN})


@dataclass(frozen=True, slots=True)
class CommandRule:
    roles: frozenset[Role]
    description: str  # message key of the one-line description in the menu and /help


# Commands in the order the menu and /help list them.
COMMANDS: dict[str, CommandRule] = {
    "start": CommandRule(EVERYONE, N_("command.start")),
    "help": CommandRule(EVERYONE, N_("command.help")),
    "proef": CommandRule(EVERYONE, N_("command.proef")),
    "privacy": CommandRule(EVERYONE, N_("command.privacy")),
    "stop": CommandRule(EVERYONE, N_("command.stop")),
}


def may(role: Role, command: str) -> bool:
    rule = COMMANDS.get(command)
    return rule is not None and role in rule.roles


def commands_for(role: Role) -> list[str]:
    return [name for name, rule in COMMANDS.items() if role in rule.roles]
