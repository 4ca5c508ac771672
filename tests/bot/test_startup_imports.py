"""Every `wijkbot` command imports bot.cli; the heavy libraries wait until they are used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent
HEAVY = ("matplotlib", "xlsxwriter", "numpy")


def _loaded_after(code: str) -> set[str]:
    listing = "import sys; print(' '.join(sorted(m for m in sys.modules if '.' not in m)))"
    done = subprocess.run(
        [sys.executable, "-c", f"{code}; {listing}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(done.stdout.split())


def test_the_command_starts_without_matplotlib_or_xlsxwriter() -> None:
    assert _loaded_after("import bot.cli") & set(HEAVY) == set()


def test_they_are_loaded_when_a_chart_or_a_workbook_is_made() -> None:
    make = (
        "from dialogs.wijk import charts, export_files; from dialogs.wijk.export_book import Book;"
        "charts.render(charts.Line('t', ('q1',), (None,), ('-',), 'cijfer', 0, 10, 'leeg'));"
        "export_files.xlsx(Book(sheets=()))"
    )
    assert {"matplotlib", "xlsxwriter"} <= _loaded_after(make)
