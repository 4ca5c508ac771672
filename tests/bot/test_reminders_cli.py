"""`wijkbot reminders --dry-run`: who would get what on a date, with nothing sent or recorded."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.cli import main
from storage.db import Database
from storage.people import Role
from tests import visit_seed

LONG_AGO = datetime(2024, 1, 10, 12, tzinfo=UTC)


@pytest.fixture
def database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WIJKBOT_REMINDER_TIME", raising=False)

    async def make() -> None:
        db = await Database.open(tmp_path / "wijkbot.db")
        try:
            officer = await visit_seed.person(db, 500, "Inspecteur Peeters", Role.OFFICER, LONG_AGO)
            await visit_seed.contact(db, officer, "Bakkerij <Ons>", LONG_AGO, date(2025, 1, 5))
            await visit_seed.person(db, 900, "Teamchef", Role.ADMIN, LONG_AGO)
        finally:
            await db.close()

    asyncio.run(make())
    return tmp_path / "wijkbot.db"


def test_a_dry_run_prints_each_message_and_sends_nothing(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["reminders", "--dry-run", "--date", "2026-03-02"]) == 0
    out = capsys.readouterr().out
    assert "Herinneringen van maandag 2 maart 2026 om 08:30" in out
    assert "Aan Inspecteur Peeters (Telegram 500): bezoekherinnering" in out
    assert "1. Bakkerij <Ons> – An Janssens" in out  # as a person reads it, not as HTML
    assert "[1 · Uitnodigen] [1 · Gepland] [1 · Later]" in out
    assert "Aan Teamchef (Telegram 900): weekoverzicht per inspecteur" in out
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM outbox").fetchone() == (0,)


def test_tuesday_has_no_overview_and_the_outbox_is_shown(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(database) as conn:
        conn.execute(
            "INSERT INTO outbox (chat_id, cause, dedupe_key, status, created_at)"
            " VALUES (500, 'reminder.digest', 'reminder.digest:1:2026-03-03', 'sent',"
            " '2026-03-03T07:30:00.000000+00:00')"
        )
    assert main(["reminders", "--dry-run", "--date", "2026-03-03"]) == 0
    out = capsys.readouterr().out
    assert "bezoekherinnering [al verstuurd]" in out
    assert "Teamchef" not in out


@pytest.mark.parametrize(
    ("day", "said"),
    [
        ("2026-03-07", "weekenddag"),
        ("2026-04-06", "feestdag (Paasmaandag)"),
        ("2026-12-25", "feestdag (Kerstmis)"),
    ],
)
def test_no_reminders_on_weekends_and_holidays(
    database: Path, capsys: pytest.CaptureFixture[str], day: str, said: str
) -> None:
    assert main(["reminders", "--dry-run", "--date", day]) == 0
    out = capsys.readouterr().out
    assert said in out and "Aan " not in out


def test_nothing_due(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reminders", "--dry-run", "--date", "2024-01-11"]) == 0
    out = capsys.readouterr().out
    assert "Niemand krijgt een herinnering." in out


def test_only_a_dry_run_is_offered(database: Path) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["reminders"])
    assert stopped.value.code == 2
