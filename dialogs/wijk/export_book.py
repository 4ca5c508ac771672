"""The export for the zonal safety plan: one sheet per kind of fact, Dutch headers, dates as
dates, one row per fact so a pivot table works.

The rows are read on a read-only connection beside the writer (`collect`), put into words
(`book`) and written as files (dialogs/wijk/export_files.py): for /export all of it in a
process of its own (dialogs/wijk/export_process.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import aiosqlite

from dialogs.buurtgesprek.meeting_text import ACTION_STATUS, KIND, STATUS
from dialogs.engine.texts import N_, Texts
from dialogs.sectorscan.problem_list import Problems
from storage import export_rows
from storage.analysis import Scope, Span
from storage.meetings import MeetingStatus

FILLED_BY = {"contact": N_("export.filled_by.contact"), "officer": N_("export.filled_by.officer")}
TREND = {
    "new": N_("export.trend.new"),
    "worse": N_("export.trend.worse"),
    "unchanged": N_("export.trend.unchanged"),
    "improved": N_("export.trend.improved"),
    "solved": N_("export.trend.solved"),
}


SCAN_COLUMNS = (
    N_("export.col.scan"),
    N_("export.col.visited_on"),
    N_("export.col.area"),
    N_("export.col.contact"),
    N_("export.col.contact_role"),
    N_("export.col.filled_by"),
    N_("export.col.feeling"),
    N_("export.col.evolution"),
    N_("export.col.mark"),
    N_("export.col.priority"),
    N_("export.col.problems"),
)

SCAN_PROBLEM_COLUMNS = (
    N_("export.col.scan"),
    N_("export.col.visited_on"),
    N_("export.col.area"),
    N_("export.col.contact"),
    N_("export.col.problem"),
    N_("export.col.severity"),
    N_("export.col.trend"),
)

MEETING_COLUMNS = (
    N_("export.col.meeting"),
    N_("export.col.starts_at"),
    N_("export.col.area"),
    N_("export.col.kind"),
    N_("export.col.place"),
    N_("export.col.theme"),
    N_("export.col.meeting_status"),
    N_("export.col.concerns"),
    N_("export.col.supports"),
)

CONCERN_COLUMNS = (
    N_("export.col.concern"),
    N_("export.col.meeting"),
    N_("export.col.area"),
    N_("export.col.submitted_at"),
    N_("export.col.problem"),
    N_("export.col.description"),
    N_("export.col.place"),
    N_("export.col.map"),
    N_("export.col.solution"),
    N_("export.col.merged_into"),
)

SUPPORT_COLUMNS = (
    N_("export.col.concern"),
    N_("export.col.meeting"),
    N_("export.col.area"),
    N_("export.col.problem"),
    N_("export.col.supports"),
)

ACTION_COLUMNS = (
    N_("export.col.action"),
    N_("export.col.meeting"),
    N_("export.col.area"),
    N_("export.col.problem"),
    N_("export.col.what"),
    N_("export.col.partner"),
    N_("export.col.effect"),
    N_("export.col.feasibility"),
    N_("export.col.due_on"),
    N_("export.col.action_status"),
    N_("export.col.concerns"),
    N_("export.col.updated_at"),
)

CRIME_COLUMNS = (
    N_("export.col.area"),
    N_("export.col.month"),
    N_("export.col.category"),
    N_("export.col.count"),
)


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str  # for file names: ascii, no spaces
    title: str  # the tab's name in Dutch
    header: tuple[str, ...]
    rows: list[tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class Book:
    sheets: tuple[Sheet, ...]

    @property
    def rows(self) -> int:
        return sum(len(sheet.rows) for sheet in self.sheets)


class _Words:
    """Turns stored codes into the words of the interface, once per distinct code."""

    def __init__(self, texts: Texts, problems: Problems, options: dict[str, str]) -> None:
        self.texts = texts
        self.problems = problems
        self.options = options
        self._cache: dict[tuple[str, str], str] = {}

    def code(self, table: dict[Any, str], value: str | None) -> str | None:
        if value is None:
            return None
        key = (str(id(table)), value)
        return self._cached(
            key, lambda: self.texts.plain(table[value]) if value in table else value
        )

    def problem(self, value: str | None) -> str | None:
        if value is None:
            return None
        return self._cached(("p", value), lambda: self.problems.label(self.texts, value))

    def option(self, value: str | None) -> str | None:
        return None if value is None else self.options.get(value, value)

    def _cached(self, key: tuple[str, str], make: Callable[[], str]) -> str:
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]


@dataclass(frozen=True, slots=True)
class ExportData:
    """The rows as read, before they are put into words: all the export asks of the database."""

    scans: list[export_rows.ScanRow]
    scan_problems: list[export_rows.ScanProblemRow]
    meetings: list[export_rows.MeetingRow]
    concerns: list[export_rows.ConcernRow]
    actions: list[export_rows.ActionRow]
    crime: list[export_rows.CrimeRow]


async def collect(conn: aiosqlite.Connection, span: Span | None, scope: Scope) -> ExportData:
    """Every sheet's rows for this span and scope, on a reader: a whole zone takes seconds."""
    return ExportData(
        scans=await export_rows.scans(conn, span, scope),
        scan_problems=await export_rows.scan_problems(conn, span, scope),
        meetings=await export_rows.meetings(conn, span, scope),
        concerns=await export_rows.concerns(conn, span, scope),
        actions=await export_rows.actions(conn, span, scope),
        crime=await export_rows.crime(conn, span, scope),
    )


def book(data: ExportData, texts: Texts, problems: Problems, options: dict[str, str]) -> Book:
    """The rows in the interface's words; `options` labels the scan's answer codes, and the
    contacts' roles and the actions' partners as stored.

    Plain computation, done after the connection is closed.
    """
    words = _Words(texts, problems, options)

    def local(moment: datetime) -> datetime:
        # Spreadsheets know no time zones: the local time, as the officer knows it.
        return texts.local(moment).replace(tzinfo=None)

    sheets = (
        Sheet(
            "scans",
            texts.plain("export.sheet.scans"),
            _header(texts, SCAN_COLUMNS),
            [
                (
                    r.scan_id,
                    r.visited_on,
                    r.area,
                    r.contact_id,
                    words.option(r.contact_role),
                    words.code(FILLED_BY, r.filled_by),
                    words.option(r.feeling),
                    words.option(r.evolution),
                    r.mark,
                    words.problem(r.priority),
                    r.problems,
                )
                for r in data.scans
            ],
        ),
        Sheet(
            "scanproblemen",
            texts.plain("export.sheet.scan_problems"),
            _header(texts, SCAN_PROBLEM_COLUMNS),
            [
                (
                    r.scan_id,
                    r.visited_on,
                    r.area,
                    r.contact_id,
                    words.problem(r.problem),
                    words.option(r.severity),
                    words.code(TREND, r.trend),
                )
                for r in data.scan_problems
            ],
        ),
        Sheet(
            "buurtgesprekken",
            texts.plain("export.sheet.meetings"),
            _header(texts, MEETING_COLUMNS),
            [
                (
                    r.meeting_id,
                    local(r.starts_at),
                    r.area,
                    words.code(KIND, r.kind),
                    r.place,
                    r.theme,
                    words.code(STATUS, _meeting_status(r)),
                    r.concerns,
                    r.supports,
                )
                for r in data.meetings
            ],
        ),
        Sheet(
            "meldingen",
            texts.plain("export.sheet.concerns"),
            _header(texts, CONCERN_COLUMNS),
            [
                (
                    r.concern_id,
                    r.meeting_id,
                    r.area,
                    local(r.created_at),
                    words.problem(r.problem),
                    r.description,
                    *_place(texts, r),
                    r.solution,
                    r.merged_into,
                )
                for r in data.concerns
            ],
        ),
        Sheet(
            "steun",
            texts.plain("export.sheet.supports"),
            _header(texts, SUPPORT_COLUMNS),
            [
                (r.concern_id, r.meeting_id, r.area, words.problem(r.problem), r.supports)
                for r in data.concerns
            ],
        ),
        Sheet(
            "acties",
            texts.plain("export.sheet.actions"),
            _header(texts, ACTION_COLUMNS),
            [
                (
                    r.action_id,
                    r.meeting_id,
                    r.area,
                    words.problem(r.problem),
                    r.what,
                    words.option(r.partner),
                    r.effect,
                    r.feasibility,
                    r.due_on,
                    words.code(ACTION_STATUS, r.status),
                    r.concerns,
                    local(r.updated_at),
                )
                for r in data.actions
            ],
        ),
        Sheet(
            "criminaliteit",
            texts.plain("export.sheet.crime"),
            _header(texts, CRIME_COLUMNS),
            [(r.area, _month(r.month), r.category, r.count) for r in data.crime],
        ),
    )
    return Book(sheets)


def _place(texts: Texts, row: export_rows.ConcernRow) -> tuple[str | None, str | None]:
    """The place as typed, or else the shared location's coordinates; and a map link.

    Coordinates are rounded to four decimals (about ten metres): enough to find the spot,
    while the export leaves the officer's hands.
    """
    if row.latitude is None or row.longitude is None:
        return row.place, None
    latitude, longitude = f"{row.latitude:.4f}", f"{row.longitude:.4f}"
    link = texts.plain("export.map_link", latitude=latitude, longitude=longitude)
    place = row.place or texts.plain("export.coordinates", latitude=latitude, longitude=longitude)
    return place, link


def _header(texts: Texts, keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(texts.plain(key) for key in keys)


def _meeting_status(row: export_rows.MeetingRow) -> MeetingStatus:
    if row.cancelled:
        return MeetingStatus.CANCELLED
    if row.closed:
        return MeetingStatus.CLOSED
    return MeetingStatus.PLANNED


def _month(month: str) -> date:
    year, number = month.split("-")
    return date(int(year), int(number), 1)
