"""An officer's contacts with the state of their yearly visit, trouble first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dialogs.engine.texts import N_, Html
from dialogs.engine.turn import Turn
from dialogs.sectorscan.visit_rule import VisitDue, VisitStatus, visit_due
from storage.contacts import Contact

STATUS_LINE = {
    VisitStatus.OVERDUE: N_("contacts.overdue"),
    VisitStatus.DUE: N_("contacts.due"),
    VisitStatus.FINE: N_("contacts.fine"),
}
_ORDER = {VisitStatus.OVERDUE: 0, VisitStatus.DUE: 1, VisitStatus.FINE: 2}


@dataclass(frozen=True, slots=True)
class Listed:
    contact: Contact
    due: VisitDue


def with_visits(turn: Turn, contacts: list[Contact]) -> list[Listed]:
    """Overdue first (longest overdue first), then due, then fine (soonest due first)."""
    listed = [Listed(c, due_of(turn, c)) for c in contacts if c.active]
    return sorted(listed, key=lambda item: (_ORDER[item.due.status], item.due.due_on))


def due_of(turn: Turn, contact: Contact) -> VisitDue:
    added_on: date = turn.texts.local(contact.created_at).date()
    return visit_due(contact.last_visit, added_on, turn.today, turn.zone)


def visit_line(turn: Turn, item: Listed) -> Html:
    last = turn.texts.date(item.contact.last_visit) if item.contact.last_visit else None
    return turn.t(
        STATUS_LINE[item.due.status],
        last=last or turn.t("contacts.never"),
        due=turn.texts.date(item.due.due_on),
    )


def contact_line(turn: Turn, item: Listed, role: str) -> Html:
    """A contact in the list; `role` is his role in the reader's words."""
    contact = item.contact
    return turn.t(
        "contacts.line",
        organisation=contact.organisation,
        name=contact.name,
        role=role,
        visit=visit_line(turn, item),
    )
