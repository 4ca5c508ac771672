"""Migration 0009: the inbox and outbox arrive, and what the reminders had sent moves into the
outbox under the keys the runs now use, so nothing goes twice across the upgrade."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest

from dialogs.reminders.meeting_reminders import key_of
from storage import meetings, outbox, people
from storage.codecs import timestamp
from storage.db import connect
from storage.meetings import MeetingKind, NewMeeting
from storage.migrations import default_folder, load, migrate
from storage.outbox import OutboxStatus
from storage.people import Role


@pytest.fixture
def before_0009(tmp_path: Path) -> Path:
    """A migrations folder as it was before this migration."""
    path = tmp_path / "migrations_0008"
    path.mkdir()
    for migration in load():
        if migration.version < 9:
            name = f"{migration.version:04d}_{migration.name}.sql"
            (path / name).write_text((default_folder() / name).read_text(encoding="utf-8"))
    return path


@pytest.fixture
async def conn(db_path: Path) -> AsyncIterator[aiosqlite.Connection]:
    connection = await connect(db_path)
    try:
        yield connection
    finally:
        await connection.close()


async def test_sent_reminders_move_into_the_outbox_and_claims_in_progress_do_not(
    conn: aiosqlite.Connection, before_0009: Path, now: datetime
) -> None:
    await migrate(conn, before_0009)
    officer = await people.create(conn, telegram_id=500, name="P", role=Role.OFFICER, now=now)
    resident = await people.create(conn, telegram_id=901, name="R", role=Role.RESIDENT, now=now)
    gone = await people.create(conn, telegram_id=None, name="", role=Role.RESIDENT, now=now)
    starts = now + timedelta(days=2)
    meeting = await meetings.add(
        conn,
        officer.id,
        NewMeeting(
            kind=MeetingKind.INVENTORY,
            starts_at=starts,
            place="Zaal",
            area="Centrum",
            intake_until=starts - timedelta(days=1),
        ),
        now,
    )
    at = timestamp(now)
    for kind, period, status in (
        ("digest", "2025-03-14", "sent"),
        ("overview", "2025-03-10", "blocked"),
        ("digest", "2025-03-13", "sending"),  # a run that died: left to the next run
    ):
        await conn.execute(
            "INSERT INTO deliveries (kind, person_id, period, status, claimed_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (kind, officer.id, period, status, at),
        )
    for person in (resident, gone):
        await conn.execute(
            "INSERT INTO meeting_reminders (meeting_id, person_id, sent_at) VALUES (?, ?, ?)",
            (meeting.id, person.id, at),
        )
    await conn.commit()

    assert (await migrate(conn))[0] == 9  # and whatever came after it
    rows = await outbox.for_chat(conn, 500)
    assert [(r.dedupe_key, r.status, r.payload) for r in rows] == [
        (f"reminder.digest:{officer.id}:2025-03-14", OutboxStatus.SENT, None),
        (f"reminder.overview:{officer.id}:2025-03-10", OutboxStatus.BLOCKED, None),
    ]
    (reminded,) = await outbox.for_chat(conn, 901)
    assert reminded.dedupe_key == key_of(meeting, resident.id)  # the key a run now makes
    tables = await conn.execute_fetchall("SELECT name FROM sqlite_schema WHERE type = 'table'")
    names = {row[0] for row in tables}
    assert {"inbox", "outbox"} <= names and not {"deliveries", "meeting_reminders"} & names
