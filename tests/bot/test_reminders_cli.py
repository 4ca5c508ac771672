"""`wijkbot reminders --dry-run`: who would get what on a date, with nothing sent or recorded."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.cli import main
from dialogs.reminders import meeting_reminders
from storage import concerns, meetings, outbox, people
from storage.concerns import NewConcern
from storage.db import Database
from storage.meetings import MeetingKind, NewMeeting
from storage.outbox import OutboxStatus
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
    assert "Aan Teamchef (Telegram 900): weekoverzicht per wijkinspecteur" in out
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


@pytest.fixture
def meeting_tomorrow(database: Path) -> Path:
    """A meeting on Tuesday 3 March 19:30 with a concern of Els and the support of Tom, and one
    on Sunday 8 March with Els's concern."""

    async def make() -> None:
        db = await Database.open(database)
        try:
            officer = await visit_seed.person(db, 501, "Inspecteur Claes", Role.OFFICER, LONG_AGO)
            els = await visit_seed.person(db, 800, "Els", Role.RESIDENT, LONG_AGO)
            tom = await visit_seed.person(db, 801, "Tom", Role.RESIDENT, LONG_AGO)
            async with db.transaction() as conn:
                for starts in (datetime(2026, 3, 3, 18, 30, tzinfo=UTC), SUNDAY):
                    meeting = await meetings.add(
                        conn,
                        officer.id,
                        NewMeeting(
                            kind=MeetingKind.INVENTORY,
                            starts_at=starts,
                            place="Zaal De Kring",
                            area="Centrum",
                            intake_until=starts,
                        ),
                        LONG_AGO,
                    )
                    concern = await concerns.add(
                        conn,
                        NewConcern(
                            meeting_id=meeting.id,
                            author_id=els.id,
                            problem="horeca",
                            description="Lawaai na sluitingstijd",
                        ),
                        LONG_AGO,
                    )
                    if starts != SUNDAY:
                        await concerns.support(conn, concern.id, tom.id, LONG_AGO)
        finally:
            await db.close()

    asyncio.run(make())
    return database


SUNDAY = datetime(2026, 3, 8, 10, 0, tzinfo=UTC)


def test_the_residents_reminders_of_tomorrow_s_meeting_are_shown(
    meeting_tomorrow: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["reminders", "--dry-run", "--date", "2026-03-02"]) == 0
    out = capsys.readouterr().out
    assert "Om 10:00: herinneringen aan de buurtgesprekken van morgen" in out
    assert "Aan Els (Telegram 800): herinnering aan het buurtgesprek van morgen" in out
    assert "Aan Tom (Telegram 801): herinnering aan het buurtgesprek van morgen" in out
    assert "Morgen: " in out and "Zaal De Kring" in out
    with sqlite3.connect(meeting_tomorrow) as conn:
        assert conn.execute("SELECT count(*) FROM outbox").fetchone() == (0,)  # a dry run
    asyncio.run(_sent_to_els(meeting_tomorrow))
    main(["reminders", "--dry-run", "--date", "2026-03-02"])
    assert "herinnering aan het buurtgesprek van morgen [al verstuurd]" in capsys.readouterr().out


async def _sent_to_els(database: Path) -> None:
    """As the dispatcher records it: Els's reminder of the meeting went out."""
    db = await Database.open(database)
    try:
        async with db.transaction() as conn:
            meeting = await meetings.get(conn, 1)
            els = await people.by_telegram_id(conn, 800)
            assert meeting is not None and els is not None
            key = meeting_reminders.key_of(meeting, els.id)
            now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
            await outbox.enqueue(
                conn,
                chat_id=800,
                cause=meeting_reminders.CAUSE,
                dedupe_key=key,
                payload="{}",
                now=now,
            )
            row = await outbox.by_key(conn, key)
            assert row is not None
            await outbox.finish(conn, row.id, OutboxStatus.SENT, now)
    finally:
        await db.close()


def test_a_meeting_reminder_goes_out_on_a_weekend_day_too(
    meeting_tomorrow: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["reminders", "--dry-run", "--date", "2026-03-07"]) == 0
    out = capsys.readouterr().out
    assert "weekenddag: er gaan geen herinneringen aan bezoeken uit" in out
    assert "Aan Els (Telegram 800): herinnering aan het buurtgesprek van morgen" in out
    assert "Tom" not in out
