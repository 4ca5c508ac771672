"""The export as an XLSX workbook: real dates, a bold header, formulas kept as text.

Loaded only when a workbook is made (see `export_files.xlsx`): openpyxl takes a quarter of a
second to import, and most commands never make a workbook.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from dialogs.wijk.export_book import Book

DATE_FORMAT = "DD/MM/YYYY"
MOMENT_FORMAT = "DD/MM/YYYY HH:MM"


def workbook(book: Book) -> bytes:
    """The workbook, written as a stream so a whole zone never sits in memory twice."""
    made = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in book.sheets:
        tab = made.create_sheet(sheet.title[:31])  # Excel's limit on a tab's name
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
    made.save(buffer)
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
