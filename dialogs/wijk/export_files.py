"""The export as files: an XLSX workbook, or one CSV per sheet.

Strings that a spreadsheet would take for a formula stay text, so a resident's description
can never run as one; characters XML cannot hold are dropped.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from dialogs.wijk.export_book import Book

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD/MM/YYYY"
MOMENT_FORMAT = "DD/MM/YYYY HH:MM"


def xlsx(book: Book) -> bytes:
    """The workbook, written as a stream so a whole zone never sits in memory twice."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in book.sheets:
        tab = workbook.create_sheet(sheet.title[:31])  # Excel's limit on a tab's name
        tab.freeze_panes = "A2"
        header = []
        for title in sheet.header:
            cell = WriteOnlyCell(tab, value=title)
            cell.font = bold
            header.append(cell)
        tab.append(header)
        for row in sheet.rows:
            tab.append([_cell(tab, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(tab: Any, value: Any) -> Any:
    if isinstance(value, datetime):
        cell = WriteOnlyCell(tab, value=value)
        cell.number_format = MOMENT_FORMAT
        return cell
    if isinstance(value, date):
        # openpyxl writes dates as it writes datetimes; its stubs list only datetime here.
        cell = WriteOnlyCell(tab, value=value)  # type: ignore[arg-type]
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters XML cannot hold
        if value.startswith("="):
            cell = WriteOnlyCell(tab, value=value)
            cell.data_type = "s"  # text, never a formula
            return cell
    return value


def csv_files(book: Book) -> dict[str, bytes]:
    """One CSV per sheet, as a Belgian spreadsheet opens it: semicolons, UTF-8 with BOM."""
    files: dict[str, bytes] = {}
    for sheet in book.sheets:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(sheet.header)
        writer.writerows([_csv_value(value) for value in row] for row in sheet.rows)
        files[f"{sheet.name}.csv"] = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    return files


def _csv_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value  # a spreadsheet shows it as text instead of running it
    if isinstance(value, bool):
        return int(value)
    return value
