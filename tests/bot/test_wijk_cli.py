"""`wijkbot crime import` and `wijkbot export` from the command line."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from bot.cli import main
from storage.db import Database
from tests.wijk_seed import seed

CRIME = """wijk;maand;categorie;aantal
Centrum;2025-03;Woninginbraak;4
Centrum;03/2025;fietsdiefstal;2
Centrum;2025-13;woninginbraak;1
Centrum;2025-04;woninginbraak;veel
;2025-04;woninginbraak;1

Centrum;2025-03;woninginbraak;9
Zuid;2025-04;cybercrime;3
"""


@pytest.fixture
def database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.chdir(tmp_path)

    async def make() -> None:
        db = await Database.open(tmp_path / "wijkbot.db")
        async with db.transaction() as conn:
            await seed(conn)
        await db.close()

    asyncio.run(make())
    return tmp_path / "wijkbot.db"


def test_crime_import_keeps_good_rows_and_names_bad_ones(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "feiten.csv").write_text(CRIME, encoding="utf-8")
    assert main(["crime", "import", "feiten.csv"]) == 1
    out = capsys.readouterr().out
    assert "3 rijen geregistreerde criminaliteit ingelezen" in out
    assert "Regel 4 overgeslagen: de maand is geen JJJJ-MM" in out
    assert "Regel 5 overgeslagen: het aantal is geen geheel getal" in out
    assert "Regel 6 overgeslagen: kolom wijk is leeg" in out
    assert "Regel 8 overgeslagen: dezelfde wijk, maand en categorie" in out
    assert "deze wijken kent de bot (nog) niet: Zuid" in out
    assert "niet overeen met een buurtprobleem van de sectorscan: cybercrime" in out
    with sqlite3.connect(database) as conn:
        rows = conn.execute(
            "SELECT area, month, category, count FROM crime_counts WHERE month = '2025-03'"
            " ORDER BY category"
        ).fetchall()
    assert rows == [
        ("Centrum", "2025-03", "fietsdiefstal", 2),
        ("Centrum", "2025-03", "Woninginbraak", 4),
    ]

    # A corrected file replaces the count instead of adding to it.
    (tmp_path / "correctie.csv").write_text(
        "wijk,maand,categorie,aantal\nCentrum,2025-03,Woninginbraak,5\n", encoding="utf-8"
    )
    assert main(["crime", "import", "correctie.csv"]) == 0
    with sqlite3.connect(database) as conn:
        [(count,)] = conn.execute(
            "SELECT count FROM crime_counts WHERE month = '2025-03' AND category = 'Woninginbraak'"
        ).fetchall()
    assert count == 5


def test_crime_import_refuses_a_wrong_header(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "fout.csv").write_text("wijk,datum,aantal\nCentrum,2025-03,4\n", encoding="utf-8")
    assert main(["crime", "import", "fout.csv"]) == 2
    err = capsys.readouterr().err
    assert "Ontbreekt: maand, categorie. Onbekend: datum." in err


def test_export_writes_xlsx_and_csv(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["export", "--area", "Centrum", "--from", "2025-01-01", "--to", "2025-12-31"]
    assert main([*args, "--format", "xlsx", "--output", "centrum.xlsx"]) == 0
    assert "Export geschreven naar centrum.xlsx" in capsys.readouterr().out
    book = openpyxl.load_workbook(tmp_path / "centrum.xlsx")
    assert book["Sectorscans"].max_row == 1 + 4  # 2025 only, every officer's contacts

    assert main([*args, "--format", "csv", "--output", "csv"]) == 0
    scans = (tmp_path / "csv" / "scans.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(scans) == 1 + 4
    assert scans[0].startswith("Scan;Datum bezoek;Wijk;")

    assert main(["export", "--area", "Nergens", "--output", "x.xlsx"]) == 2
    assert (
        "Onbekende wijk Nergens. Gekende wijken: Centrum, Haven, Noord" in capsys.readouterr().err
    )
    with sqlite3.connect(database) as conn:
        logged = conn.execute("SELECT actor_id, action FROM audit_log").fetchall()
    assert logged == [(None, "export"), (None, "export")]
