"""Reading an existing contact list from CSV: good rows kept, bad rows named by line.

The header is `naam,organisatie,rol,wijk,telefoon,straat` (the last two may be empty or left
out). See dialogs/sectorscan/csv_table.py for separators and line numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from dialogs.engine.texts import N_
from dialogs.sectorscan.csv_table import RowProblem, first_problem, rows
from storage.contacts import NewContact

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
class Parsed:
    contacts: list[NewContact]
    problems: list[RowProblem]


def parse(text: str) -> Parsed:
    contacts: list[NewContact] = []
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
        try:
            contacts.append(NewContact(**{FIELDS[k]: v for k, v in values.items()}))
        except ValidationError:
            problems.append(RowProblem(line, N_("cli.import.invalid")))
    return Parsed(contacts, problems)
