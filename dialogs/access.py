"""Who may do what: the one place that decides, for every command, button and record."""

from __future__ import annotations

from dataclasses import dataclass

from dialogs.texts import N_
from storage.contacts import Contact
from storage.people import Person, Role

EVERYONE = frozenset(Role)
STAFF = frozenset({Role.OFFICER, Role.ADMIN})
SCANNERS = frozenset({Role.OFFICER, Role.ADMIN, Role.CONTACT})
ADMINS = frozenset({Role.ADMIN})


@dataclass(frozen=True, slots=True)
class CommandRule:
    roles: frozenset[Role]
    description: str = ""  # message key of the line in the menu and /help; "" = a button only


# Typed commands in the order the menu and /help list them, then commands behind buttons.
COMMANDS: dict[str, CommandRule] = {
    "start": CommandRule(EVERYONE, N_("command.start")),
    "help": CommandRule(EVERYONE, N_("command.help")),
    "contacten": CommandRule(STAFF, N_("command.contacten")),
    "scan": CommandRule(SCANNERS, N_("command.scan")),
    "proef": CommandRule(EVERYONE, N_("command.proef")),
    "beheer": CommandRule(ADMINS, N_("command.beheer")),
    "audit": CommandRule(ADMINS, N_("command.audit")),
    "privacy": CommandRule(EVERYONE, N_("command.privacy")),
    "mijngegevens": CommandRule(EVERYONE, N_("command.mijngegevens")),
    "vergeet": CommandRule(EVERYONE, N_("command.vergeet")),
    "stop": CommandRule(EVERYONE, N_("command.stop")),
    "vergeet_ja": CommandRule(EVERYONE),
    "admin_officer": CommandRule(ADMINS),
    "admin_revoke": CommandRule(ADMINS),
    "admin_revoke_yes": CommandRule(ADMINS),
    "admin_transfer": CommandRule(ADMINS),
    "admin_transfer_to": CommandRule(ADMINS),
    "admin_invites": CommandRule(ADMINS),
    "admin_invite_revoke": CommandRule(ADMINS),
    "contact": CommandRule(STAFF),
    "contact_add": CommandRule(STAFF),
    "contact_edit": CommandRule(STAFF),
    "contact_stop": CommandRule(STAFF),
    "contact_stop_yes": CommandRule(STAFF),
    "contact_invite": CommandRule(STAFF),
    "scan_for": CommandRule(STAFF),
    "scan_send": CommandRule(STAFF),
}


def may(role: Role, command: str) -> bool:
    rule = COMMANDS.get(command)
    return rule is not None and role in rule.roles


def commands_for(role: Role) -> list[str]:
    """The typed commands of a role, for its menu and /help."""
    return [name for name, rule in COMMANDS.items() if rule.description and role in rule.roles]


def may_see_contact(person: Person, contact: Contact) -> bool:
    """A contact and his answers belong to his officer; the zone's admins see every one."""
    return person.role is Role.ADMIN or (
        person.role is Role.OFFICER and contact.officer_id == person.id
    )
