"""BIN storage: join codes, memberships counted without the blocked, alerts per wijk."""

from __future__ import annotations

from datetime import datetime

from storage import bin_alerts, bin_members, blocked_people, people
from storage.bin_alerts import AlertKind
from storage.db import Database
from storage.people import Person, Role


async def test_a_wijk_keeps_its_first_code(db: Database, now: datetime) -> None:
    async with db.transaction() as conn:
        first = await bin_members.link_code(conn, "Centrum", "aaaa1111", now)
        again = await bin_members.link_code(conn, "Centrum", "bbbb2222", now)
        assert first == again == "aaaa1111"
        assert await bin_members.area_of_code(conn, "aaaa1111") == "Centrum"
        assert await bin_members.area_of_code(conn, "bbbb2222") is None


async def test_recipients_are_each_member_once_and_never_the_blocked(
    db: Database, now: datetime, officer: Person
) -> None:
    async with db.transaction() as conn:
        ids = []
        for telegram_id in (11, 12, 13):
            person = await people.create(
                conn, telegram_id=telegram_id, name="Lid", role=Role.RESIDENT, now=now
            )
            ids.append(person.id)
        for person_id in ids:
            await bin_members.join(conn, person_id, "Centrum", now)
        assert await bin_members.join(conn, ids[0], "Haven", now)
        assert not await bin_members.join(conn, ids[0], "Haven", now)  # already a member
        await blocked_people.mark(conn, ids[2], now)
        both = ["Centrum", "Haven"]
        assert await bin_members.reachable(conn, both) == 2
        everyone = await bin_members.reachable_after(conn, both, 0, 10)
        assert everyone == [(ids[0], 11), (ids[1], 12)]
        # A slice at a time, in person order, each member once.
        assert await bin_members.reachable_after(conn, both, 0, 1) == [(ids[0], 11)]
        assert await bin_members.reachable_after(conn, both, ids[0], 1) == [(ids[1], 12)]
        assert await bin_members.reachable_after(conn, both, ids[1], 1) == []
        assert await bin_members.counts(conn, ["Centrum", "Haven", "Dorp"]) == {
            "Centrum": 2,
            "Haven": 1,
            "Dorp": 0,
        }
        assert await bin_members.leave(conn, ids[0], ["Centrum", "Haven"]) == 2
        assert await bin_members.areas_of(conn, ids[0]) == []
        alert = await bin_alerts.create(
            conn,
            sender_id=officer.id,
            kind=AlertKind.LOOKOUT,
            areas=["Centrum", "Haven"],
            text="Let op",
            photo_file_id=None,
            answers=True,
            paid=False,
            recipients=2,
            now=now,
        )
        assert alert.batch == f"bin:{alert.id}"
        assert await bin_alerts.count_for_areas(conn, ["Centrum", "Dorp"]) == {
            "Centrum": 1,
            "Dorp": 0,
        }
        await bin_alerts.mark_reported(conn, alert.id, now, delivered=1, blocked=1, failed=0)
        assert await bin_alerts.unreported(conn) == []
        reported = await bin_alerts.get(conn, alert.id)
        assert reported is not None and (reported.delivered, reported.blocked) == (1, 1)
