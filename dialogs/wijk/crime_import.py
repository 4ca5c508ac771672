"""Reading registered crime from CSV: good rows kept, bad rows named by line.

The header is `wijk,maand,categorie,aantal`: the area as the bot knows it, the month as
`JJJJ-MM` (or `MM/JJJJ`), the category (a problem of the sectorscan, e.g. `woninginbraak` or
`Fietsdiefstal`, to be shown beside it; any other is kept but not matched) and a whole number
of registered facts. See dialogs/sectorscan/csv_table.py for separators and line numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dialogs.engine.texts import N_
from dialogs.sectorscan.csv_table import RowProblem, first_problem, rows
from storage.crime import CrimeCount

COLUMNS = ("wijk", "maand", "categorie", "aantal")
LIMITS = {"wijk": 60, "categorie": 80}
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_BELGIAN_MONTH = re.compile(r"(\d{1,2})/(\d{4})")


@dataclass(frozen=True, slots=True)
class Parsed:
    counts: list[CrimeCount]
    problems: list[RowProblem]


def month_of(text: str) -> date | None:
    if match := _ISO_MONTH.fullmatch(text):
        year, month = int(match[1]), int(match[2])
    elif match := _BELGIAN_MONTH.fullmatch(text):
        month, year = int(match[1]), int(match[2])
    else:
        return None
    return date(year, month, 1) if 1 <= month <= 12 and 1900 < year < 2200 else None


def parse(text: str) -> Parsed:
    counts: dict[tuple[str, date, str], CrimeCount] = {}
    problems: list[RowProblem] = []
    for line, values in rows(text, COLUMNS, COLUMNS):
        result = values if isinstance(values, RowProblem) else _row(line, values)
        if isinstance(result, RowProblem):
            problems.append(result)
        elif (key := (result.area, result.month, result.category.casefold())) in counts:
            problems.append(RowProblem(line, N_("cli.crime.duplicate")))
        else:
            counts[key] = result
    return Parsed(list(counts.values()), problems)


def _row(line: int, values: dict[str, str]) -> CrimeCount | RowProblem:
    problem = first_problem(
        line, values, COLUMNS, LIMITS, N_("cli.crime.missing"), N_("cli.crime.too_long")
    )
    if problem is not None:
        return problem
    month = month_of(values["maand"])
    if month is None:
        return RowProblem(line, N_("cli.crime.bad_month"))
    if not values["aantal"].isdigit():
        return RowProblem(line, N_("cli.crime.bad_count"))
    return CrimeCount(
        area=values["wijk"],
        month=month,
        category=values["categorie"],
        count=int(values["aantal"]),
    )
