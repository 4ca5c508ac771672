"""The export as files: an XLSX workbook, or one CSV per sheet.

Strings that a spreadsheet would take for a formula stay text, so a resident's description
can never run as one; characters XML cannot hold are dropped.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Any

from dialogs.wijk.export_book import Book

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def xlsx(book: Book) -> bytes:
    """The workbook as XLSX bytes; XlsxWriter is loaded now, not when the bot starts."""
    from dialogs.wijk.export_xlsx import workbook

    return workbook(book)


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
