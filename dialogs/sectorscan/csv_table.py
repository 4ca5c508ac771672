"""Reading a list a zone keeps in a spreadsheet, exported as CSV.

The first line names the columns; a semicolon works as well as a comma as separator, as
spreadsheets in Belgium write it, and a byte order mark is ignored. Each row comes with its
line number, so a bad one can be named to the person who fixes the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from dialogs.engine.texts import N_

TOO_MANY_CELLS = N_("cli.import.too_many_cells")


@dataclass(frozen=True, slots=True)
class RowProblem:
    line: int
    key: str  # message key of what is wrong
    column: str = ""


class HeaderError(Exception):
    """The first line is not the documented header; nothing is read."""

    def __init__(self, missing: list[str], unknown: list[str]) -> None:
        super().__init__(missing, unknown)
        self.missing = missing
        self.unknown = unknown


def rows(
    text: str, columns: tuple[str, ...], required: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str] | RowProblem]]:
    """(line, values by column) for each row that is not blank, or a problem for the row."""
    text = text.removeprefix("\ufeff")
    first = text.partition("\n")[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in required if name not in header]
    unknown = [name for name in header if name not in columns]
    if missing or unknown:
        raise HeaderError(missing, unknown)
    reader.fieldnames = header
    for row in reader:
        if None in row:  # more cells than the header has columns
            yield reader.line_num, RowProblem(reader.line_num, TOO_MANY_CELLS)
            continue
        values = {name: (row.get(name) or "").strip() for name in columns}
        if any(values.values()):  # blank lines between blocks are common in hand-kept lists
            yield reader.line_num, values


def first_problem(
    line: int,
    values: dict[str, str],
    required: tuple[str, ...],
    limits: dict[str, int],
    missing_key: str,
    too_long_key: str,
) -> RowProblem | None:
    for name in required:
        if not values[name]:
            return RowProblem(line, missing_key, name)
    for name, limit in limits.items():
        if len(values[name]) > limit:
            return RowProblem(line, too_long_key, name)
    return None
