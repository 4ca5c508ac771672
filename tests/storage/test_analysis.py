"""Counts for the view of a wijk: here the trends, counted per area, problem and trend."""

from datetime import UTC, date, datetime

from storage import analysis, contacts, scans
from storage.analysis import Scope, Span, TrendCount
from storage.contacts import NewContact
from storage.db import Database
from storage.people import Person
from storage.scans import FilledBy, NewScan, Trend

YEAR_2025 = Span(
    since=date(2025, 1, 1),
    until=date(2026, 1, 1),
    since_at=datetime(2025, 1, 1, tzinfo=UTC),
    until_at=datetime(2026, 1, 1, tzinfo=UTC),
)


async def _contact(db: Database, officer: Person, now: datetime, area: str) -> int:
    async with db.transaction() as conn:
        new = NewContact(name="Jan", organisation="Bakkerij", role="winkelier", area=area)
        return (await contacts.add(conn, officer.id, new, now)).id


def _scan(contact_id: int, visited_on: date, trends: dict[str, Trend]) -> NewScan:
    return NewScan(
        contact_id=contact_id,
        officer_id=None,
        filled_by=FilledBy.CONTACT,
        form="sectorscan",
        form_version=1,
        visited_on=visited_on,
        feeling=None,
        mark=None,
        priority=None,
        answers={},
        problems={},
        trends=trends,
    )


def _counted(rows: list[TrendCount]) -> set[tuple[str, str, str, int]]:
    return {(row.area, row.problem, row.trend, row.scans) for row in rows}


async def test_trends_per_problem_in_an_area_and_period(
    db: Database, officer: Person, now: datetime
) -> None:
    centrum_1 = await _contact(db, officer, now, "Centrum")
    centrum_2 = await _contact(db, officer, now, "Centrum")
    zuid = await _contact(db, officer, now, "Zuid")
    data = [
        # before the period
        (centrum_1, date(2024, 12, 31), {"te_snel_rijden": Trend.WORSE, "vandalisme": Trend.NEW}),
        (
            centrum_1,
            date(2025, 6, 1),
            {"te_snel_rijden": Trend.WORSE, "vandalisme": Trend.SOLVED, "drugsoverlast": Trend.NEW},
        ),
        # on the first day: inside
        (
            centrum_2,
            date(2025, 1, 1),
            {"te_snel_rijden": Trend.WORSE, "vandalisme": Trend.IMPROVED},
        ),
        # on the end date: outside
        (centrum_2, date(2026, 1, 1), {"te_snel_rijden": Trend.IMPROVED}),
        (zuid, date(2025, 3, 1), {"te_snel_rijden": Trend.UNCHANGED, "horeca": Trend.WORSE}),
    ]
    async with db.transaction() as conn:
        for contact_id, visited_on, trends in data:
            await scans.add(conn, _scan(contact_id, visited_on, trends), now)
        # A contact who left still counts for the years they were there.
        await contacts.deactivate(conn, centrum_2, now)
        centrum = await analysis.trends(conn, YEAR_2025, Scope(areas=("Centrum",)))
        south = await analysis.trends(conn, YEAR_2025, Scope(areas=("Zuid",)))
        nowhere = await analysis.trends(conn, YEAR_2025, Scope(areas=("Noord",)))
        zone = await analysis.trends(conn, YEAR_2025, Scope())

    assert _counted(centrum) == {
        ("Centrum", "drugsoverlast", "new", 1),
        ("Centrum", "te_snel_rijden", "worse", 2),
        ("Centrum", "vandalisme", "solved", 1),
        ("Centrum", "vandalisme", "improved", 1),
    }
    assert _counted(south) == {
        ("Zuid", "horeca", "worse", 1),
        ("Zuid", "te_snel_rijden", "unchanged", 1),
    }
    assert nowhere == []
    assert _counted(zone) == _counted(centrum) | _counted(south)  # each area on its own rows


async def test_trends_are_one_query(db: Database, officer: Person, now: datetime) -> None:
    contact_id = await _contact(db, officer, now, "Centrum")
    async with db.transaction() as conn:
        await scans.add(conn, _scan(contact_id, date(2025, 2, 1), {"a": Trend.NEW}), now)
        statements: list[str] = []
        await conn.set_trace_callback(statements.append)
        result = await analysis.trends(conn, YEAR_2025, Scope(areas=("Centrum",)))
        # sqlite3 takes None to stop tracing; aiosqlite's hint leaves None out.
        await conn.set_trace_callback(None)  # type: ignore[arg-type]
    assert _counted(result) == {("Centrum", "a", "new", 1)}
    assert len(statements) == 1


async def test_a_problem_called_worse_or_unchanged_is_counted_as_a_problem_now(
    db: Database, officer: Person, now: datetime
) -> None:
    """A scan stored before the form added such a problem to the ticked ones still counts it,
    once, as does one where it was ticked as well."""
    only_compared = await _contact(db, officer, now, "Centrum")
    ticked_too = await _contact(db, officer, now, "Centrum")
    solved = await _contact(db, officer, now, "Centrum")
    async with db.transaction() as conn:
        await scans.add(
            conn, _scan(only_compared, date(2025, 5, 1), {"drugsoverlast": Trend.WORSE}), now
        )
        both = _scan(ticked_too, date(2025, 5, 1), {"drugsoverlast": Trend.UNCHANGED})
        await scans.add(conn, both.model_copy(update={"problems": {"drugsoverlast": "veel"}}), now)
        await scans.add(conn, _scan(solved, date(2025, 5, 1), {"drugsoverlast": Trend.SOLVED}), now)
        named = await analysis.problems_named(conn, YEAR_2025, Scope(areas=("Centrum",)))
    assert [(row.problem, row.contacts) for row in named] == [("drugsoverlast", 2)]
