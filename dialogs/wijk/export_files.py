"""The export as files: an XLSX workbook, or one CSV per sheet.

Strings that a spreadsheet would take for a formula stay text, so a resident's description
can never run as one; characters XML cannot hold are dropped.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]  # ships without type hints

from dialogs.wijk.export_book import Book

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Control characters XML cannot hold (tab, line feed and carriage return it can).
_ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
DATE_FORMAT = "DD/MM/YYYY"
MOMENT_FORMAT = "DD/MM/YYYY HH:MM"


def xlsx(book: Book) -> bytes:
    """The workbook, written row by row to temporary files (XlsxWriter's constant memory),
    so a whole zone never sits in memory as cells; twice as fast as openpyxl's writer."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"constant_memory": True, "strings_to_urls": False, "strings_to_formulas": False}
    )
    bold = workbook.add_format({"bold": True})
    formats = {
        date: workbook.add_format({"num_format": DATE_FORMAT}),
        datetime: workbook.add_format({"num_format": MOMENT_FORMAT}),
    }
    for sheet in book.sheets:
        tab = workbook.add_worksheet(sheet.title[:31])  # Excel's limit on a tab's name
        tab.freeze_panes(1, 0)
        for column, title in enumerate(sheet.header):
            tab.write_string(0, column, title, bold)
        for number, row in enumerate(sheet.rows, start=1):
            for column, value in enumerate(row):
                _write(tab, formats, number, column, value)
    workbook.close()
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
