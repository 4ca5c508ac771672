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
                area="Centrum",
            )
        await db.close()

    asyncio.run(make())
    return tmp_path / "wijkbot.db"


def rows(db: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT name, organisation, area FROM contacts ORDER BY id").fetchall()


def run_import(tmp_path: Path, text: str, *flags: str) -> int:
    (tmp_path / "lijst.csv").write_text(text, encoding="utf-8")
    return main(["contacts", "import", "lijst.csv", "--officer", "500", *flags])


def test_good_rows_are_kept_and_bad_rows_named(
    officer: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "lijst.csv").write_text(GOOD_AND_BAD, encoding="utf-8")
    assert main(["contacts", "import", "lijst.csv", "--officer", "500", "--new-areas"]) == 1
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


LIST = """naam,organisatie,rol,wijk,telefoon,straat
An Janssens,Bakkerij Janssens,winkelier,Centrum,050 12 34 56,Markt 1
Bert Claes,Basisschool De Linde,directeur school,Centrum,,
Carla Peeters,VC De Linde,voorzitter vereniging,Centrum,,
"""


def test_the_same_list_twice_adds_nobody_twice(
    officer: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_import(tmp_path, LIST) == 0
    assert "3 contactpersonen toegevoegd" in capsys.readouterr().out
    assert run_import(tmp_path, LIST) == 0
    out = capsys.readouterr().out
    assert "0 contactpersonen toegevoegd" in out
    assert "3 contactpersonen stonden er al zo en zijn ongewijzigd gebleven." in out
    assert len(rows(officer)) == 3

    # Other capitals and spaces are the same contact; an empty cell keeps what is known.
    again = """naam;organisatie;rol;wijk;telefoon;straat
an  janssens;BAKKERIJ JANSSENS;winkelier;centrum;;
Bert Claes;Basisschool De Linde;directeur school;Centrum;09 123 45 67;
"""
    assert run_import(tmp_path, again) == 0
    out = capsys.readouterr().out
    assert "1 contactpersoon stond er al en is bijgewerkt." in out
    assert "1 contactpersoon stond er al zo en is ongewijzigd gebleven." in out
    with sqlite3.connect(officer) as conn:
        found = conn.execute("SELECT name, phone, street FROM contacts ORDER BY id").fetchall()
    assert found == [
        ("An Janssens", "050 12 34 56", "Markt 1"),
        ("Bert Claes", "09 123 45 67", None),
        ("Carla Peeters", None, None),
    ]


def test_a_stopped_contact_stays_stopped(
    officer: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_import(tmp_path, LIST)
    with sqlite3.connect(officer) as conn:
        conn.execute(
            "UPDATE contacts SET active = 0, deactivated_at = updated_at WHERE name = 'Bert Claes'"
        )
    assert run_import(tmp_path, LIST) == 0
    assert "1 contactpersoon is eerder stopgezet en blijft gestopt." in capsys.readouterr().out
    with sqlite3.connect(officer) as conn:
        assert conn.execute("SELECT count(*) FROM contacts WHERE active = 1").fetchone() == (2,)


def test_a_dry_run_says_what_it_would_do_and_changes_nothing(
    officer: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_import(tmp_path, LIST, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "3 contactpersonen toegevoegd" in out and "niets bewaard" in out
    assert rows(officer) == []


def test_an_unknown_wijk_is_named_and_refused_unless_asked_for(
    officer: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = """naam,organisatie,rol,wijk
An,Bakkerij,winkelier,centrum
Bert,School,directeur,0470 12 34 56
Carla,Club,voorzitter,Noord
Dirk,Café,uitbater,Noord
"""
    assert run_import(tmp_path, text) == 1
    out = capsys.readouterr().out
    assert "Regel 3 overgeslagen: kolom wijk is geen naam van een wijk." in out
    assert "Regels 4, 5 overgeslagen: de zone kent geen wijk Noord." in out
    assert "De wijken van de zone: Centrum." in out
    assert rows(officer) == [("An", "Bakkerij", "Centrum")]  # the zone's spelling

    assert run_import(tmp_path, text, "--new-areas") == 1  # a phone number is never a wijk
    assert [area for _, _, area in rows(officer)] == ["Centrum", "Noord", "Noord"]
