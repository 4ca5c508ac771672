"""The audit log in words: "Inspecteur Peeters bekeek de fiche van contactpersoon Bakkerij
Janssens" rather than "contact.read contact 7", for /audit and `wijkbot audit`.

The log itself stores only who, what kind of act, when and the id of the record; the words are
made when it is read, from the catalog text of each act and the record as it is now (a record
since erased or deleted is named by its number).
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from dialogs.engine.texts import N_, Texts
from dialogs.people.invites import ROLE_NAMES
from storage import contacts, invites, meetings, people, scans
from storage.audit import AuditEntry

ACTIONS = {
    "contacts.list": N_("audit.action.contacts_list"),
    "contact.read": N_("audit.action.contact_read"),
    "visits.list": N_("audit.action.visits_list"),
    "scan.summary": N_("audit.action.scan_summary"),
    "meeting.agenda": N_("audit.action.meeting_agenda"),
    "meeting.concerns": N_("audit.action.meeting_concerns"),
    "concern.photo": N_("audit.action.concern_photo"),
    "export": N_("audit.action.export"),
    "forward.interventie": N_("audit.action.forward_interventie"),
    "forward.recherche": N_("audit.action.forward_recherche"),
    "person.erase": N_("audit.action.person_erase"),
    "role.grant": N_("audit.action.role_grant"),
    "role.remove": N_("audit.action.role_remove"),
    "contacts.transfer": N_("audit.action.contacts_transfer"),
    "invite.create": N_("audit.action.invite_create"),
    "invite.revoke": N_("audit.action.invite_revoke"),
    "bin.alert": N_("audit.action.bin_alert"),
    "bin.answer": N_("audit.action.bin_answer"),
    "signal.received": N_("audit.action.signal_received"),
    "signals.list": N_("audit.action.signals_list"),
    "signal.read": N_("audit.action.signal_read"),
}


NUMBERED = {
    "concern": N_("audit.subject.concern"),
    "signal": N_("audit.subject.signal"),
    "bin_alert": N_("audit.subject.bin_alert"),
    "bin_answer": N_("audit.subject.bin_answer"),
}


class AuditWords:
    """Says audit entries in words; remembers the records it looked up while it lives."""

    def __init__(self, conn: aiosqlite.Connection, texts: Texts) -> None:
        self.conn = conn
        self.texts = texts
        self._names: dict[tuple[str, int], str] = {}

    async def line(self, entry: AuditEntry) -> str:
        """The entry as one plain line, without its moment."""
        actor = entry.actor_name or (
            self.texts.plain("audit.actor_erased")
            if entry.actor_id is not None
            else self.texts.plain("audit.actor_server")
        )
        subject = await self.subject(entry.subject_kind, entry.subject_id)
        key = ACTIONS.get(entry.action)
        if key is None:  # an act this version does not know: say it as it is stored
            return self.texts.plain(
                "audit.action.unknown", actor=actor, action=entry.action, subject=subject
            )
        return self.texts.plain(key, actor=actor, subject=subject)

    def moment(self, at: datetime) -> str:
        return self.texts.plain(
            "audit.moment", date=self.texts.date(at, "medium"), time=self.texts.time(at)
        )

    async def subject(self, kind: str | None, record_id: int | None) -> str:
        if kind is None or record_id is None:
            return ""
        if (kind, record_id) not in self._names:
            self._names[kind, record_id] = await self._name(kind, record_id)
        return self._names[kind, record_id]

    async def _name(self, kind: str, record_id: int) -> str:
        plain, number = self.texts.plain, self.texts.number(record_id)
        if kind == "person":
            person = await people.get(self.conn, record_id)
            if person is None or not person.name:
                return plain("audit.subject.person_gone", number=number)
            return plain("audit.subject.person", name=person.name)
        if kind == "contact":
            contact = await contacts.get(self.conn, record_id)
            if contact is None or not contact.organisation:
                return plain("audit.subject.contact_gone", number=number)
            return plain("audit.subject.contact", organisation=contact.organisation)
        if kind == "scan":
            scan = await scans.get(self.conn, record_id)
            contact = await contacts.get(self.conn, scan.contact_id) if scan else None
            if scan is None or contact is None or not contact.organisation:
                return plain("audit.subject.scan_gone", number=number)
            return plain(
                "audit.subject.scan",
                organisation=contact.organisation,
                date=self.texts.date(scan.visited_on, "medium"),
            )
        if kind == "meeting":
            return await self._meeting(record_id)
        if kind in NUMBERED:  # records named by their number only
            return plain(NUMBERED[kind], number=number)
        if kind == "invite":
            invite = await invites.get(self.conn, record_id)
            if invite is None:
                return plain("audit.subject.invite_gone", number=number)
            return plain(
                "audit.subject.invite",
                name=invite.name or "-",
                role=plain(ROLE_NAMES[invite.role]),
            )
        return plain("audit.subject.other", kind=kind, number=number)

    async def _meeting(self, meeting_id: int) -> str:
        meeting = await meetings.get(self.conn, meeting_id)
        if meeting is None:
            return self.texts.plain(
                "audit.subject.meeting_gone", number=self.texts.number(meeting_id)
            )
        return self.texts.plain(
            "audit.subject.meeting",
            area=meeting.area,
            date=self.texts.date(meeting.starts_at, "medium"),
        )
