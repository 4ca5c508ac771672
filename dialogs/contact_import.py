"""Reading an existing contact list from CSV: good rows kept, bad rows named by line.

The header is `naam,organisatie,rol,wijk,telefoon,straat` (the last two may be empty or left
out). A semicolon works as well as a comma as separator, as spreadsheets in Belgium write it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from pydantic import ValidationError

from dialogs.texts import N_
from storage.contacts import NewContact

REQUIRED = ("naam", "organisatie", "rol", "wijk")
OPTIONAL = ("telefoon", "straat")
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
class RowProblem:
    line: int
    key: str  # message key of what is wrong
    column: str = ""


@dataclass(frozen=True, slots=True)
class Parsed:
    contacts: list[NewContact]
    problems: list[RowProblem]


class HeaderError(Exception):
    """The first line is not the documented header; nothing is read."""

    def __init__(self, missing: list[str], unknown: list[str]) -> None:
        super().__init__(missing, unknown)
        self.missing = missing
        self.unknown = unknown


def parse(text: str) -> Parsed:
    text = text.removeprefix("\ufeff")  # a spreadsheet's byte order mark
    first = text.partition("\n")[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name not in FIELDS]
    if missing or unknown:
        raise HeaderError(missing, unknown)
    reader.fieldnames = header
    contacts: list[NewContact] = []
    problems: list[RowProblem] = []
    for row in reader:
        line = reader.line_num
        if None in row:  # more cells than the header has columns
            problems.append(RowProblem(line, N_("cli.import.too_many_cells")))
            continue
        values = {name: (row.get(name) or "").strip() for name in FIELDS}
        if not any(values.values()):
            continue  # blank lines between blocks are common in hand-kept lists
        problem = _check(values)
        if problem is not None:
            problems.append(RowProblem(line, *problem))
            continue
        try:
            contacts.append(NewContact(**{FIELDS[k]: v for k, v in values.items()}))
        except ValidationError:
            problems.append(RowProblem(line, N_("cli.import.invalid")))
    return Parsed(contacts, problems)


def _check(values: dict[str, str]) -> tuple[str, str] | None:
    for name in REQUIRED:
        if not values[name]:
            return N_("cli.import.missing"), name
    for name, limit in LIMITS.items():
        if len(values[name]) > limit:
            return N_("cli.import.too_long"), name
    return None
