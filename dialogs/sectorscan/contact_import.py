"""Reading an existing contact list from CSV: good rows kept, bad rows named by line.

The header is `naam,organisatie,rol,wijk,telefoon,straat` (the last two may be empty or left
out). See dialogs/sectorscan/csv_table.py for separators and line numbers.

Importing the same list twice must not double anyone: a row is the officer's existing contact
when name and organisation are the same, capitals and spaces aside; that contact is updated
(an empty cell keeps what is known) or left as it is. A wijk the zone does not know is not
made by an import unless asked for, since a typing slip would become a wijk of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError

from dialogs.engine.texts import N_
from dialogs.sectorscan import areas
from dialogs.sectorscan.csv_table import RowProblem, first_problem, rows
from storage.contacts import Contact, NewContact

REQUIRED = ("naam", "organisatie", "rol", "wijk")
FIELDS = {
    "naam": "name",
    "organisatie": "organisation",
    "rol": "role",
    "wijk": "area",
    "telefoon": "phone",
    "straat": "street",
}
LIMITS = {"naam": 100, "organisatie": 100, "rol": 60, "wijk": 60, "telefoon": 30, "straat": 100}


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    contact: NewContact


@dataclass(frozen=True, slots=True)
class Parsed:
    contacts: list[Row]
    problems: list[RowProblem]


def parse(text: str) -> Parsed:
    contacts: list[Row] = []
    problems: list[RowProblem] = []
    for line, values in rows(text, tuple(FIELDS), REQUIRED):
        if isinstance(values, RowProblem):
            problems.append(values)
            continue
        problem = first_problem(
            line, values, REQUIRED, LIMITS, N_("cli.import.missing"), N_("cli.import.too_long")
        )
        if problem is not None:
            problems.append(problem)
            continue
        if not areas.looks_like_a_name(values["wijk"]):
            problems.append(RowProblem(line, N_("cli.import.area_not_a_name"), "wijk"))
            continue
        try:
            contacts.append(Row(line, NewContact(**{FIELDS[k]: v for k, v in values.items()})))
        except ValidationError:
            problems.append(RowProblem(line, N_("cli.import.invalid")))
    return Parsed(contacts, problems)


@dataclass(slots=True)
class Plan:
    """What an import does to a network; every accepted row is counted once."""

    added: list[NewContact] = field(default_factory=list)
    updated: dict[int, NewContact] = field(default_factory=dict)  # contact id -> new values
    changed: int = 0  # rows that changed a contact (known, or added earlier in the file)
    unchanged: int = 0  # rows that were there already, as they are
    stopped: int = 0  # rows of a contact the officer stopped: he stays stopped
    unknown_areas: dict[str, list[int]] = field(default_factory=dict)  # wijk -> its lines


def same_contact(contact: NewContact | Contact) -> tuple[str, str]:
    """Who a contact is for an import: name and organisation, capitals and spaces aside."""
    return areas.name_key(contact.name), areas.name_key(contact.organisation)


def plan(rows: list[Row], existing: list[Contact], known_areas: list[str], new_areas: bool) -> Plan:
    """Which rows add a contact, which update or leave one, and which name an unknown wijk."""
    result = Plan()
    stored = {same_contact(c): c for c in existing}
    after: dict[tuple[str, str], NewContact] = {}  # each contact as the import leaves it
    for row in rows:
        area = areas.known(row.contact.area, known_areas)
        if area is None and not new_areas:
            result.unknown_areas.setdefault(row.contact.area, []).append(row.line)
            continue
        new = row.contact.model_copy(update={"area": area or row.contact.area})
        key = same_contact(new)
        contact = stored.get(key)
        if contact is not None and not contact.active:
            result.stopped += 1
            continue
        if key not in after and contact is None:
            after[key] = new
            continue
        before = after[key] if key in after else _as_new(contact)
        after[key] = _with(before, new)
        if after[key] == before:
            result.unchanged += 1
        else:
            result.changed += 1
    result.added = [new for key, new in after.items() if key not in stored]
    result.updated = {
        stored[key].id: new
        for key, new in after.items()
        if key in stored and new != _as_new(stored[key])
    }
    return result


def _as_new(contact: Contact | None) -> NewContact:
    assert contact is not None
    return NewContact.model_validate(contact.model_dump())


def _with(known: NewContact, row: NewContact) -> NewContact:
    """The row's values over the known ones; an empty cell keeps what is known."""
    return known.model_copy(
        update={
            "role": row.role,
            "area": row.area,
            "phone": row.phone or known.phone,
            "street": row.street or known.street,
        }
    )
