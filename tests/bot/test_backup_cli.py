"""`wijkbot backup`, `restore` and `check` from the command line, as an operator runs them."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from storage import people
from storage.db import Database
from storage.people import Role


@pytest.fixture
def database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)

    async def make() -> None:
        db = await Database.open(tmp_path / "wijkbot.db")
        async with db.transaction() as conn:
            await people.create(
                conn, telegram_id=1, name="Beheerder", role=Role.ADMIN, now=datetime.now(UTC)
            )
        await db.close()

    asyncio.run(make())
    yield tmp_path / "wijkbot.db"


def test_backup_check_and_restore(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", "backups/copy.db"]) == 0
    assert "Back-up gemaakt: backups/copy.db" in capsys.readouterr().out
    assert main(["check", "backups/copy.db"]) == 0
    assert "backups/copy.db is in orde" in capsys.readouterr().out
    with closing(sqlite3.connect(database)) as conn:
        conn.execute("DELETE FROM people")
        conn.commit()
    assert main(["restore", "backups/copy.db"]) == 0
    out = capsys.readouterr().out
    assert "is teruggezet als wijkbot.db" in out and "bewaard als wijkbot.db.before-restore" in out
    with closing(sqlite3.connect(database)) as conn:
        assert conn.execute("SELECT name FROM people").fetchall() == [("Beheerder",)]
    assert main(["check"]) == 0


def test_check_names_what_is_wrong(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with closing(sqlite3.connect(database)) as conn:
        conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'x', 'x')"
        )
        conn.commit()
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "wijkbot.db is niet in orde" in err
    assert "gemaakt door een nieuwere versie van wijkbot (migratie 9999)" in err


def test_restore_refuses_a_copy_that_fails_its_checks(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("copy.db").write_bytes(b"not a database" * 1000)
    before = database.read_bytes()
    assert main(["restore", "copy.db"]) == 1
    err = capsys.readouterr().err
    assert "Niet teruggezet: copy.db is niet in orde" in err
    assert "geen leesbare SQLite-databank" in err
    assert database.read_bytes() == before


def test_restore_refuses_while_a_bot_holds_the_database(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", "copy.db"]) == 0

    async def restore_while_open() -> int:
        db = await Database.open(database)  # as a running bot holds it
        try:
            return await asyncio.to_thread(main, ["restore", "copy.db"])
        finally:
            await db.close()

    assert asyncio.run(restore_while_open()) == 1
    assert "een bot of een ander wijkbot-commando heeft wijkbot.db open" in capsys.readouterr().err
