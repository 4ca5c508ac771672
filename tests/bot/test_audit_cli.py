"""`wijkbot audit --since DATE` prints who did what and when, from that date on."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from storage import audit, people
from storage.db import Database
from storage.people import Role


def test_audit_since_a_date(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)

    async def seed() -> None:
        db = await Database.open(tmp_path / "wijkbot.db")
        async with db.transaction() as conn:
            officer = await people.create(
                conn,
                telegram_id=5,
                name="Inspecteur Peeters",
                role=Role.OFFICER,
                now=datetime(2026, 1, 1, tzinfo=UTC),
            )
            await audit.record(conn, officer.id, "contacts.list", datetime(2026, 1, 2, tzinfo=UTC))
            await audit.record(
                conn, officer.id, "contact.read", datetime(2026, 3, 2, tzinfo=UTC), "contact", 7
            )
        await db.close()

    asyncio.run(seed())
    assert main(["audit", "--since", "2026-02-01"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and out[-1] == "1 regel."
    assert out[0].endswith("Inspecteur Peeters bekeek de fiche van contactpersoon nr. 7 (gewist)")
    assert "contact.read" not in out[0]
