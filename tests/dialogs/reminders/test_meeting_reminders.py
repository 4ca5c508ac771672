"""Which day-before reminders are due, and that each is queued once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dialogs.engine.engine import Engine
from dialogs.engine.replies import Message
from dialogs.reminders.meeting_reminders import queue_due
from storage import meetings, people
from storage.codecs import timestamp
from storage.people import Role
from tests.dialogs import buurtgesprek_seed as seed
from tests.dialogs.conftest import last_queued, queued

DAY_BEFORE_10 = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)  # 10:00 in Brussels


async def due(engine: Engine, now: datetime) -> list[Message]:
    before = await last_queued(engine)
    count = await queue_due(engine.db, engine.texts, engine.texts("nl"), now)
    found = [m for m in await queued(engine, before) if isinstance(m, Message)]
    assert count == len(found)
    return found


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
    reminders = await due(engine, DAY_BEFORE_10)
    assert sorted(r.to or 0 for r in reminders) == [901, 902]
    assert "Morgen: Buurtgesprek Centrum" in reminders[0].html
    assert "donderdag 12 maart 2026 om 19:30" in reminders[0].html
    assert await due(engine, DAY_BEFORE_10 + timedelta(hours=1)) == []  # queued: once
    async with engine.db.transaction() as conn:
        assert await people.get(conn, gone.id) is not None


async def test_a_meeting_moved_to_another_day_reminds_again(engine: Engine) -> None:
    officer = await seed.person(engine, 500, Role.OFFICER)
    meeting = await seed.meeting(engine, officer)
    await seed.concern(engine, meeting, await seed.person(engine, 901), "Voetpad")
    assert len(await due(engine, DAY_BEFORE_10)) == 1
    async with engine.db.transaction() as conn:
        await conn.execute(
            "UPDATE meetings SET starts_at = ? WHERE id = ?",
            (timestamp(seed.STARTS + timedelta(days=1)), meeting.id),
        )
    assert await due(engine, DAY_BEFORE_10 + timedelta(hours=1)) == []  # not the day before
    moved = await due(engine, DAY_BEFORE_10 + timedelta(days=1))
    assert [m.to for m in moved] == [901] and "vrijdag 13 maart 2026" in moved[0].html
