import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError

from storage import contacts, scans
from storage.contacts import NewContact
from storage.db import Database
from storage.people import Person
from storage.scans import FilledBy, NewScan, Scan, Trend

ANSWERS = {
    "gevoel": "soms",
    "problemen": ["te_snel_rijden", "sluikstorten", "drugsoverlast"],
    "ernst": {"te_snel_rijden": "veel", "sluikstorten": "beetje"},
    "vergelijking": {"vandalisme": "opgelost", "te_snel_rijden": "verslechterd"},
    "eerst": "te_snel_rijden",
    "rapport": 6,
    "opmerking": 'Scooters <b>&</b> "racers" — \'s avonds',
    "bellen": False,
    "leeg": None,
}


def _scan(contact_id: int, visited_on: date, **changes: object) -> NewScan:
    fields: dict[str, object] = {
        "contact_id": contact_id,
        "officer_id": None,
        "filled_by": FilledBy.CONTACT,
        "form": "sectorscan",
        "form_version": 1,
        "visited_on": visited_on,
        "feeling": None,
        "mark": None,
        "priority": None,
        "answers": {},
        "problems": {},
        "trends": {},
    }
    return NewScan.model_validate(fields | changes)


def _full_scan(contact_id: int, officer_id: int | None) -> NewScan:
    return _scan(
        contact_id,
        date(2025, 3, 10),
        officer_id=officer_id,
        feeling="soms",
        mark=6,
        priority="te_snel_rijden",
        answers=ANSWERS,
        problems={"te_snel_rijden": "veel", "sluikstorten": "beetje", "drugsoverlast": None},
        trends={
            "te_snel_rijden": Trend.WORSE,
            "vandalisme": Trend.SOLVED,
            "sluikstorten": Trend.NEW,
            "drugsoverlast": Trend.NEW,
        },
    )


async def _contact(db: Database, officer: Person, now: datetime, area: str = "Centrum") -> int:
    async with db.transaction() as conn:
        new = NewContact(name="Jan", organisation="Bakkerij", role="winkelier", area=area)
        return (await contacts.add(conn, officer.id, new, now)).id


async def test_add_and_get_round_trip(db: Database, officer: Person, now: datetime) -> None:
    contact_id = await _contact(db, officer, now)
    new = _full_scan(contact_id, officer.id)
    async with db.transaction() as conn:
        added = await scans.add(conn, new, now)
        loaded = await scans.get(conn, added.id)

    assert loaded == added
    assert added == Scan(**new.model_dump(), id=added.id, submitted_at=now)
    assert list(added.answers) == list(ANSWERS)  # the order they were given in
    assert added.submitted_at.tzinfo is UTC
    assert isinstance(added.trends["vandalisme"], Trend)


async def test_unknown_scans_are_none(db: Database, officer: Person, now: datetime) -> None:
    contact_id = await _contact(db, officer, now)
    async with db.transaction() as conn:
        assert await scans.get(conn, 42) is None
        assert await scans.latest_for_contact(conn, contact_id) is None
        assert await scans.list_for_contact(conn, contact_id) == []


async def test_add_writes_every_answer_problem_and_trend(
    db: Database, officer: Person, now: datetime
) -> None:
    contact_id = await _contact(db, officer, now)
    async with db.transaction() as conn:
        scan = await scans.add(conn, _full_scan(contact_id, officer.id), now)
        row = list(
            await conn.execute_fetchall(
                "SELECT contact_id, officer_id, filled_by, form, form_version, visited_on,"
                " submitted_at, feeling, mark, priority FROM scans WHERE id = ?",
                (scan.id,),
            )
        )
        answers = list(
            await conn.execute_fetchall(
                "SELECT question, value FROM scan_answers WHERE scan_id = ? ORDER BY question",
                (scan.id,),
            )
        )
        problems = list(
            await conn.execute_fetchall(
                "SELECT problem, severity FROM scan_problems WHERE scan_id = ? ORDER BY problem",
                (scan.id,),
            )
        )
        trends = list(
            await conn.execute_fetchall(
                "SELECT problem, trend FROM scan_trends WHERE scan_id = ? ORDER BY problem",
                (scan.id,),
            )
        )
    assert tuple(row[0]) == (
        contact_id,
        officer.id,
        "contact",
        "sectorscan",
        1,
        "2025-03-10",
        "2025-03-14T09:26:53.589793+00:00",
        "soms",
        6,
        "te_snel_rijden",
    )
    assert len(answers) == len(ANSWERS)
    assert dict(map(tuple, answers))["rapport"] == "6"
    assert dict(map(tuple, answers))["leeg"] == "null"
    assert [tuple(r) for r in problems] == [
        ("drugsoverlast", None),
        ("sluikstorten", "beetje"),
        ("te_snel_rijden", "veel"),
    ]
    assert [tuple(r) for r in trends] == [
        ("drugsoverlast", "new"),
        ("sluikstorten", "new"),
        ("te_snel_rijden", "worse"),
        ("vandalisme", "solved"),
    ]


async def test_a_scan_is_stored_whole_or_not_at_all(
    db: Database, officer: Person, now: datetime
) -> None:
    contact_id = await _contact(db, officer, now)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        async with db.transaction() as conn:
            await scans.add(conn, _scan(contact_id, date(2025, 1, 1), problems={"a": "erg"}), now)
    async with db.transaction() as conn:
        for table in ("scans", "scan_answers", "scan_problems", "scan_trends"):
            rows = list(await conn.execute_fetchall(f"SELECT count(*) FROM {table}"))
            assert rows[0][0] == 0, table


async def test_latest_and_list_go_by_visit_date_then_by_id(
    db: Database, officer: Person, now: datetime
) -> None:
    contact_id, other_id = await _contact(db, officer, now), await _contact(db, officer, now)
    async with db.transaction() as conn:
        middle = await scans.add(conn, _scan(contact_id, date(2024, 6, 1)), now)
        newest_first = await scans.add(conn, _scan(contact_id, date(2025, 6, 1)), now)
        oldest = await scans.add(conn, _scan(contact_id, date(2023, 6, 1)), now)
        newest_second = await scans.add(conn, _scan(contact_id, date(2025, 6, 1)), now)
        await scans.add(conn, _scan(other_id, date(2026, 1, 1)), now)
        latest = await scans.latest_for_contact(conn, contact_id)
        listed = await scans.list_for_contact(conn, contact_id)
    assert latest == newest_second
    assert listed == [newest_second, newest_first, middle, oldest]


async def test_list_keeps_each_scans_own_details(
    db: Database, officer: Person, now: datetime
) -> None:
    contact_id = await _contact(db, officer, now)
    later = now + timedelta(days=365)
    async with db.transaction() as conn:
        first = await scans.add(conn, _full_scan(contact_id, officer.id), now)
        second = await scans.add(
            conn,
            _scan(
                contact_id,
                date(2026, 3, 2),
                answers={"rapport": 8},
                problems={"horeca": "beetje"},
                trends={"te_snel_rijden": Trend.IMPROVED, "horeca": Trend.NEW},
            ),
            later,
        )
        listed = await scans.list_for_contact(conn, contact_id)
    assert listed == [second, first]
    assert listed[0].trends == {"te_snel_rijden": Trend.IMPROVED, "horeca": Trend.NEW}


async def test_the_schema_refuses_a_bad_trend(db: Database, officer: Person, now: datetime) -> None:
    contact_id = await _contact(db, officer, now)
    async with db.transaction() as conn:
        scan = await scans.add(conn, _scan(contact_id, date(2025, 1, 1)), now)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO scan_trends (scan_id, problem, trend) VALUES (?, ?, ?)",
                (scan.id, "a", "better"),
            )


@pytest.mark.parametrize(
    "changes",
    [
        {"problems": {"a": "erg"}},
        {"feeling": "meestal"},
        {"mark": 0},
        {"mark": 11},
    ],
)
async def test_the_schema_refuses_bad_values(
    db: Database, officer: Person, now: datetime, changes: dict[str, object]
) -> None:
    contact_id = await _contact(db, officer, now)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        async with db.transaction() as conn:
            await scans.add(conn, _scan(contact_id, date(2025, 1, 1), **changes), now)


async def test_the_schema_refuses_a_visit_date_that_is_not_a_date(
    db: Database, officer: Person, now: datetime
) -> None:
    contact_id = await _contact(db, officer, now)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO scans (contact_id, filled_by, form, form_version, visited_on,"
                " submitted_at) VALUES (?, 'officer', 'f', 1, ?, ?)",
                (contact_id, "2025-01-01T10:00:00", "t"),
            )


def test_the_model_refuses_an_unknown_trend_or_author() -> None:
    with pytest.raises(ValidationError):
        _scan(1, date(2025, 1, 1), trends={"a": "better"})
    with pytest.raises(ValidationError):
        _scan(1, date(2025, 1, 1), filled_by="resident")


async def test_deleting_a_scan_deletes_its_rows(
    db: Database, officer: Person, now: datetime
) -> None:
    contact_id = await _contact(db, officer, now)
    async with db.transaction() as conn:
        scan = await scans.add(conn, _full_scan(contact_id, officer.id), now)
        await conn.execute("DELETE FROM scans WHERE id = ?", (scan.id,))
        for table in ("scan_answers", "scan_problems", "scan_trends"):
            rows = list(await conn.execute_fetchall(f"SELECT count(*) FROM {table}"))
            assert rows[0][0] == 0, table
