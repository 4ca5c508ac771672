"""Which day-before reminders are due, and that each is claimed once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dialogs.engine.engine import Engine
from dialogs.reminders.meeting_reminders import claim_due, release
from storage import meetings, people
from storage.people import Role
from tests.dialogs import buurtgesprek_seed as seed

DAY_BEFORE_10 = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)  # 10:00 in Brussels


async def due(engine: Engine, now: datetime) -> list[tuple[int, int]]:
    found = await claim_due(engine.db, engine.texts, engine.texts("nl"), now)
    return [(r.meeting_id, r.message.to or 0) for r in found]


async def test_the_reminder_is_due_from_ten_the_day_before_until_the_start(
    engine: Engine,
) -> None:
    officer = await seed.person(engine, 500, Role.OFFICER)
    meeting = await seed.meeting(engine, officer)
    cancelled = await seed.meeting(engine, officer)
    author, supporter = await seed.person(engine, 901), await seed.person(engine, 902)
    await seed.concern(engine, meeting, author, "Voetpad", supporters=(supporter,))
    await seed.concern(engine, cancelled, author, "Ander")
    gone = await seed.person(engine, 903)
    await seed.concern(engine, meeting, gone, "Van iemand die gewist is")
    async with engine.db.transaction() as conn:
        await meetings.cancel(conn, cancelled.id, DAY_BEFORE_10)
        await conn.execute("UPDATE people SET telegram_id = NULL WHERE id = ?", (gone.id,))

    assert await due(engine, DAY_BEFORE_10 - timedelta(minutes=1)) == []
    assert await due(engine, seed.STARTS + timedelta(minutes=1)) == []  # too late: started
    reminders = await claim_due(engine.db, engine.texts, engine.texts("nl"), DAY_BEFORE_10)
    assert sorted(r.message.to or 0 for r in reminders) == [901, 902]
    assert "Morgen: Buurtgesprek Centrum" in reminders[0].message.html
    assert "donderdag 12 maart 2026 om 19:30" in reminders[0].message.html
    assert await due(engine, DAY_BEFORE_10 + timedelta(hours=1)) == []  # claimed: once

    await release(engine.db, reminders[0])
    again = await due(engine, DAY_BEFORE_10 + timedelta(hours=2))
    assert again == [(meeting.id, reminders[0].message.to)]
    async with engine.db.transaction() as conn:
        assert await people.get(conn, gone.id) is not None
