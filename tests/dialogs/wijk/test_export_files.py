"""The workbook writer: each kind of value as a spreadsheet should hold it, text stays text."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl

from dialogs.wijk.export_book import Book, Sheet
from dialogs.wijk.export_files import xlsx
from dialogs.wijk.export_xlsx import DATE_FORMAT, MOMENT_FORMAT


def test_values_keep_their_kind_and_text_never_runs() -> None:
    rows: list[tuple[object, ...]] = [
        ("=1+1", "http://example.org", "a\x01b\tc", 7, 6.5, True, None, date(2025, 3, 1)),
        ("+32 470", "@home", "", 0, -1.25, False, "x", datetime(2025, 3, 1, 19, 30)),
    ]
    made = xlsx(
        Book((Sheet("proef", "Een heel lange naam van een tabblad, te lang", ("A",), rows),))
    )

    book = openpyxl.load_workbook(io.BytesIO(made))
    [tab] = book.worksheets
    assert tab.title == "Een heel lange naam van een tab"  # Excel allows 31 characters
    assert tab.freeze_panes == "A2"
    assert tab["A1"].value == "A" and tab["A1"].font.bold
    first, second = tab[2], tab[3]
    assert [c.value for c in first[:6]] == ["=1+1", "http://example.org", "ab\tc", 7, 6.5, True]
    assert first[0].data_type == "s"  # a formula-like text stays text
    assert tab["B2"].hyperlink is None
    assert first[6].value is None
    assert first[7].value == datetime(2025, 3, 1) and first[7].number_format == DATE_FORMAT
    assert second[7].value == datetime(2025, 3, 1, 19, 30)
    assert second[7].number_format == MOMENT_FORMAT
    assert [c.value for c in second[:7]] == ["+32 470", "@home", "", 0, -1.25, False, "x"]
