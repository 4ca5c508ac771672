"""`wijkbot contacts import`: good rows kept in one go, bad rows named by their line."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from storage import people
from storage.db import Database
from storage.people import Role

GOOD_AND_BAD = """naam,organisatie,rol,wijk,telefoon,straat
An Janssens,Bakkerij Janssens,winkelier,Centrum,050 12 34 56,Markt 1
Bert Claes,,directeur school,Centrum,,
Carla Peeters,"VC De Linde, vzw",voorzitter vereniging,Noord,,

Dirk Maes,Café Sport,horeca-uitbater,Centrum,,Statieplein 3,extra
Eva Wouters,Basisschool 't Park,directeur school,Noord,,
"""


@pytest.fixture
def officer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.chdir(tmp_path)

    async def make() -> None:
        db = await Database.open(tmp_path / "wijkbot.db")
        async with db.transaction() as conn:
            await people.create(
                conn,
                telegram_id=500,
                name="Inspecteur Peeters",
                role=Role.OFFICER,
                now=datetime.now(UTC),
            )
        await db.close()

    asyncio.run(make())
    return tmp_path / "wijkbot.db"


def rows(db: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT name, organisation, area FROM contacts ORDER BY id").fetchall()


def test_good_rows_are_kept_and_bad_rows_named(
    officer: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "lijst.csv").write_text(GOOD_AND_BAD, encoding="utf-8")
    assert main(["contacts", "import", "lijst.csv", "--officer", "500"]) == 1
    out = capsys.readouterr().out
    assert "3 contactpersonen toegevoegd" in out
    assert "Regel 3 overgeslagen: kolom organisatie is leeg." in out
    assert "Regel 6 overgeslagen: er staan meer waarden" in out
    assert rows(officer) == [
        ("An Janssens", "Bakkerij Janssens", "Centrum"),
        ("Carla Peeters", "VC De Linde, vzw", "Noord"),
        ("Eva Wouters", "Basisschool 't Park", "Noord"),
    ]


def test_semicolons_and_a_byte_order_mark(officer: Path, tmp_path: Path) -> None:
    text = "\ufeffnaam;organisatie;rol;wijk\nAn;Bakkerij;winkelier;Centrum\n"
    (tmp_path / "lijst.csv").write_text(text, encoding="utf-8")
    assert main(["contacts", "import", "lijst.csv", "--officer", "500"]) == 0
    assert rows(officer) == [("An", "Bakkerij", "Centrum")]


@pytest.mark.parametrize(
    ("text", "officer_id", "message"),
    [
        ("name,org\nAn,B\n", "500", "kolomnamen"),
        ("naam,organisatie,rol,wijk\nAn,B,C,D\n", "501", "geen wijkinspecteur"),
    ],
)
def test_nothing_is_written_when_the_file_or_officer_is_wrong(
    officer: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    officer_id: str,
    message: str,
) -> None:
    (tmp_path / "lijst.csv").write_text(text, encoding="utf-8")
    assert main(["contacts", "import", "lijst.csv", "--officer", officer_id]) == 2
    assert message in capsys.readouterr().err
    assert rows(officer) == []
