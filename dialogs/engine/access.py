"""Who may do what: the one place that decides, for every command, button and record."""

from __future__ import annotations

from dataclasses import dataclass

from dialogs.engine.texts import N_
from storage.contacts import Contact
from storage.meetings import Meeting
from storage.people import Person, Role

EVERYONE = frozenset(Role)
STAFF = frozenset({Role.OFFICER, Role.ADMIN})
SCANNERS = frozenset({Role.OFFICER, Role.ADMIN, Role.CONTACT})
ADMINS = frozenset({Role.ADMIN})


@dataclass(frozen=True, slots=True)
class CommandRule:
    roles: frozenset[Role]
    description: str = ""  # message key of the line in the menu and /help; "" = a button only
    # Only reads: someone the bot does not know (never met, or erased) is answered without
    # being stored, so asking what is kept about you after /vergeet does not keep you again.
    read_only: bool = False


# Typed commands in the order the menu and /help list them, then commands behind buttons.
COMMANDS: dict[str, CommandRule] = {
    "start": CommandRule(EVERYONE, N_("command.start")),
    "help": CommandRule(EVERYONE, N_("command.help"), read_only=True),
    "contacten": CommandRule(STAFF, N_("command.contacten")),
    "scan": CommandRule(SCANNERS, N_("command.scan")),
    "bezoeken": CommandRule(STAFF, N_("command.bezoeken")),
    "buurtgesprek": CommandRule(STAFF, N_("command.buurtgesprek")),
    "agenda": CommandRule(STAFF, N_("command.agenda")),
    "mijnmeldingen": CommandRule(EVERYONE, N_("command.mijnmeldingen")),
    "melding": CommandRule(EVERYONE, N_("command.melding")),
    "signalen": CommandRule(STAFF, N_("command.signalen")),
    "bin": CommandRule(EVERYONE, N_("command.bin")),
    "wijk": CommandRule(STAFF, N_("command.wijk")),
    "zone": CommandRule(ADMINS, N_("command.zone")),
    "export": CommandRule(STAFF, N_("command.export")),
    "proef": CommandRule(EVERYONE, N_("command.proef")),
    "beheer": CommandRule(ADMINS, N_("command.beheer")),
    "audit": CommandRule(ADMINS, N_("command.audit")),
    "privacy": CommandRule(EVERYONE, N_("command.privacy"), read_only=True),
    "mijngegevens": CommandRule(EVERYONE, N_("command.mijngegevens"), read_only=True),
    "vergeet": CommandRule(EVERYONE, N_("command.vergeet"), read_only=True),
    "stop": CommandRule(EVERYONE, N_("command.stop")),
    "vergeet_ja": CommandRule(EVERYONE, read_only=True),
    "admin_officer": CommandRule(ADMINS),
    "admin_revoke": CommandRule(ADMINS),
    "admin_revoke_yes": CommandRule(ADMINS),
    "admin_transfer": CommandRule(ADMINS),
    "admin_transfer_to": CommandRule(ADMINS),
    "admin_invite": CommandRule(ADMINS),
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
    "scan_last": CommandRule(STAFF),
    "visit_when": CommandRule(STAFF),
    "visit_plan": CommandRule(STAFF),
    "visit_later": CommandRule(STAFF),
    "digest_set": CommandRule(STAFF),
    # Buurtgesprek: the officer's side; each handler checks the meeting is his.
    "meeting": CommandRule(STAFF),
    "meeting_plan": CommandRule(STAFF),
    "meeting_edit": CommandRule(STAFF),
    "meeting_link": CommandRule(STAFF),
    "meeting_agenda": CommandRule(STAFF),
    "concern_photo": CommandRule(STAFF),
    "meeting_cancel": CommandRule(STAFF),
    "meeting_cancel_yes": CommandRule(STAFF),
    "meeting_close": CommandRule(STAFF),
    "meeting_close_yes": CommandRule(STAFF),
    "meeting_actions": CommandRule(STAFF),
    "concern_merge": CommandRule(STAFF),
    "concern_merge_pick": CommandRule(STAFF),
    "concern_merge_into": CommandRule(STAFF),
    "concern_unmerge": CommandRule(STAFF),
    "action": CommandRule(STAFF),
    "action_priority": CommandRule(STAFF),
    "action_priority_add": CommandRule(STAFF),
    "action_new": CommandRule(STAFF),
    "action_status": CommandRule(STAFF),
    # Buurtgesprek: residents (anyone may be one); a meeting is named by its secret code,
    # a concern is checked to be the person's own or to belong to that meeting.
    "concern_meeting": CommandRule(EVERYONE),
    "concern_new": CommandRule(EVERYONE),
    "concern_topics": CommandRule(EVERYONE),
    "concern_topic": CommandRule(EVERYONE),
    "concern_support": CommandRule(EVERYONE),
    "concern_follow": CommandRule(EVERYONE),
    "concern_withdraw": CommandRule(EVERYONE),
    "concern_withdraw_yes": CommandRule(EVERYONE),
    # The wijk in view: an area is checked to be one of the person's own (admins: any).
    "wijk_show": CommandRule(STAFF),
    "wijk_areas": CommandRule(STAFF),
    "zone_show": CommandRule(ADMINS),
    "export_area": CommandRule(STAFF),
    "export_go": CommandRule(STAFF),
    # BIN: joining and leaving are anyone's (a wijk is named by its secret code, or checked to
    # be one of the person's own memberships); the rest checks the wijk is the officer's own.
    "bin_join": CommandRule(EVERYONE),
    "bin_leave": CommandRule(EVERYONE),
    "bin_seen": CommandRule(EVERYONE),
    "bin_members": CommandRule(STAFF),
    "bin_link": CommandRule(STAFF),
    "bin_new": CommandRule(STAFF),
    "bin_sent": CommandRule(STAFF),
    "signal": CommandRule(STAFF),
    "signal_status": CommandRule(STAFF),
    "signal_fwd": CommandRule(STAFF),
    "signal_agenda": CommandRule(STAFF),
    "signal_agenda_to": CommandRule(STAFF),
    # Forwarding to colleagues: the concern or scan is checked to be the officer's own.
    "fwd": CommandRule(STAFF),
    "fwd_to": CommandRule(STAFF),
}


def may(role: Role, command: str) -> bool:
    rule = COMMANDS.get(command)
    return rule is not None and role in rule.roles


def read_only(command: str) -> bool:
    rule = COMMANDS.get(command)
    return rule is not None and rule.read_only


def commands_for(role: Role) -> list[str]:
    """The typed commands of a role, for its menu and /help."""
    return [name for name, rule in COMMANDS.items() if rule.description and role in rule.roles]


def may_manage_meeting(person: Person, meeting: Meeting) -> bool:
    """A meeting, its agenda and its actions belong to its officer and the zone's admins."""
    return person.role is Role.ADMIN or (
        person.role is Role.OFFICER and meeting.officer_id == person.id
    )


def may_see_contact(person: Person, contact: Contact) -> bool:
    """A contact and his answers belong to his officer; the zone's admins see every one."""
    return person.role is Role.ADMIN or (
        person.role is Role.OFFICER and contact.officer_id == person.id
    )
