"""The export as an XLSX workbook: real dates, a bold header, text that stays text.

Loaded only when a workbook is made (see `export_files.xlsx`), as most commands never make
one. XlsxWriter in constant-memory mode writes row by row to temporary files, so a whole zone
never sits in memory as cells, in less than half the CPU time of openpyxl's write-only mode.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]  # ships without type hints

from dialogs.wijk.export_book import Book

# Control characters XML cannot hold (tab, line feed and carriage return it can).
_ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
DATE_FORMAT = "DD/MM/YYYY"
MOMENT_FORMAT = "DD/MM/YYYY HH:MM"


def workbook(book: Book) -> bytes:
    buffer = io.BytesIO()
    made = xlsxwriter.Workbook(
        buffer, {"constant_memory": True, "strings_to_urls": False, "strings_to_formulas": False}
    )
    bold = made.add_format({"bold": True})
    formats = {
        date: made.add_format({"num_format": DATE_FORMAT}),
        datetime: made.add_format({"num_format": MOMENT_FORMAT}),
    }
    for sheet in book.sheets:
        tab = made.add_worksheet(sheet.title[:31])  # Excel's limit on a tab's name
        tab.freeze_panes(1, 0)
        for column, title in enumerate(sheet.header):
            tab.write_string(0, column, title, bold)
        for number, row in enumerate(sheet.rows, start=1):
            for column, value in enumerate(row):
                _write(tab, formats, number, column, value)
    made.close()
    return buffer.getvalue()


def _write(tab: Any, formats: dict[type[date], Any], row: int, column: int, value: Any) -> None:
    # Every type by its own method: a string is always text, never a formula or a link.
    if value is None:
        return
    if isinstance(value, str):
        tab.write_string(row, column, _ILLEGAL_CHARACTERS.sub("", value))
    elif isinstance(value, bool):
        tab.write_boolean(row, column, value)
    elif isinstance(value, datetime):
        tab.write_datetime(row, column, value, formats[datetime])
    elif isinstance(value, date):
        tab.write_datetime(row, column, value, formats[date])
    else:
        tab.write_number(row, column, value)
