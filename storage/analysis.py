"""Aggregates for the view of a wijk and of the zone: counted in SQL, grouped by area.

Every query reads one span and returns small grouped rows (areas x problems at most), so a
zone of thousands of contacts and tens of thousands of concerns is summed by SQLite, never
row by row in Python. The scope narrows to some areas and, for an officer, to his own
contacts and meetings; admins pass no officer and see the whole zone.
"""

from __future__ import annotations

from datetime import date, datetime

import aiosqlite
from pydantic import BaseModel

from storage.codecs import timestamp


class Span(BaseModel):
    """[since, until) as local dates (for visit dates) and as moments (for timestamps)."""

    since: date
    until: date
    since_at: datetime
    until_at: datetime


class Scope(BaseModel):
    areas: tuple[str, ...] | None = None  # None: every area
    officer_id: int | None = None  # an officer sees his own contacts and meetings


class FeelingCount(BaseModel):
    """Contacts whose latest scan in the span gave this feeling, with their marks summed."""

    area: str
    feeling: str | None
    contacts: int
    mark_sum: int
    mark_count: int


class ProblemCount(BaseModel):
    area: str
    problem: str
    contacts: int


class TrendCount(BaseModel):
    area: str
    problem: str
    trend: str
    scans: int


class AreaCount(BaseModel):
    area: str
    count: int


class QuarterMarks(BaseModel):
    area: str
    year: int
    quarter: int
    mark_sum: int
    mark_count: int


class PlaceCount(BaseModel):
    area: str
    place: str
    concerns: int
    supports: int


class ConcernTotals(BaseModel):
    area: str
    meetings: int
    concerns: int
    supports: int


class ActionCount(BaseModel):
    area: str
    status: str
    actions: int


def scope_sql(scope: Scope, area: str, officer: str) -> tuple[str, list[object]]:
    """The scope as " AND ..." conditions on the given area and officer columns."""
    sql = ""
    params: list[object] = []
    if scope.areas is not None:
        sql += f" AND {area} IN ({', '.join('?' * len(scope.areas))})"
        params += list(scope.areas)
    if scope.officer_id is not None:
        sql += f" AND {officer} = ?"
        params.append(scope.officer_id)
    return sql, params


def _latest_scans(span: Span, scope: Scope) -> tuple[str, list[object]]:
    """A CTE `latest` of each contact's last scan in the span: one voice per contact."""
    where, params = scope_sql(scope, "c.area", "c.officer_id")
    return (
        "WITH latest AS (SELECT s.id, s.feeling, s.mark, c.area, row_number() OVER"
        " (PARTITION BY s.contact_id ORDER BY s.visited_on DESC, s.id DESC) AS rank"
        " FROM scans AS s JOIN contacts AS c ON c.id = s.contact_id"
        f" WHERE s.visited_on >= ? AND s.visited_on < ?{where})",
        [span.since.isoformat(), span.until.isoformat(), *params],
    )


async def areas(conn: aiosqlite.Connection, officer_id: int | None = None) -> list[str]:
    """The areas of an officer (his own, his contacts', his meetings'), or of the whole zone."""
    if officer_id is None:
        rows = await conn.execute_fetchall(
            "SELECT area FROM contacts UNION SELECT area FROM meetings"
            " UNION SELECT area FROM people WHERE role = 'officer' AND area IS NOT NULL"
        )
    else:
        rows = await conn.execute_fetchall(
            "SELECT area FROM contacts WHERE officer_id = ?"
            " UNION SELECT area FROM meetings WHERE officer_id = ?"
            " UNION SELECT area FROM people WHERE id = ? AND area IS NOT NULL",
            (officer_id, officer_id, officer_id),
        )
    found = {row["area"].strip() for row in rows if row["area"] and row["area"].strip()}
    return sorted(found, key=lambda area: (area.casefold(), area))


async def network_sizes(conn: aiosqlite.Connection, span: Span, scope: Scope) -> list[AreaCount]:
    """Contacts in the network at some time during the span, or scanned in it."""
    where, params = scope_sql(scope, "c.area", "c.officer_id")
    rows = await conn.execute_fetchall(
        "SELECT c.area, count(*) AS count FROM contacts AS c"
        " WHERE ((c.created_at < ? AND (c.deactivated_at IS NULL OR c.deactivated_at >= ?))"
        " OR EXISTS (SELECT 1 FROM scans AS s WHERE s.contact_id = c.id"
        f" AND s.visited_on >= ? AND s.visited_on < ?)){where} GROUP BY c.area",
        [
            timestamp(span.until_at),
            timestamp(span.since_at),
            span.since.isoformat(),
            span.until.isoformat(),
            *params,
        ],
    )
    return [AreaCount.model_validate(dict(row)) for row in rows]


async def feelings(conn: aiosqlite.Connection, span: Span, scope: Scope) -> list[FeelingCount]:
    latest, params = _latest_scans(span, scope)
    rows = await conn.execute_fetchall(
        f"{latest} SELECT area, feeling, count(*) AS contacts, coalesce(sum(mark), 0) AS mark_sum,"
        " count(mark) AS mark_count FROM latest WHERE rank = 1 GROUP BY area, feeling",
        params,
    )
    return [FeelingCount.model_validate(dict(row)) for row in rows]


async def problems_named(
    conn: aiosqlite.Connection, span: Span, scope: Scope
) -> list[ProblemCount]:
    """How many contacts have each problem now, by their latest scan of the span.

    A problem the comparison calls unchanged or worse is one of them even where it was not
    ticked: scans stored before the form said so have it only as a trend.
    """
    latest, params = _latest_scans(span, scope)
    rows = await conn.execute_fetchall(
        f"{latest}, named AS (SELECT l.area, p.problem FROM latest AS l"
        " JOIN scan_problems AS p ON p.scan_id = l.id WHERE l.rank = 1"
        " UNION ALL SELECT l.area, t.problem FROM latest AS l"
        " JOIN scan_trends AS t ON t.scan_id = l.id WHERE l.rank = 1"
        " AND t.trend IN ('unchanged', 'worse') AND NOT EXISTS (SELECT 1 FROM scan_problems AS p"
        " WHERE p.scan_id = t.scan_id AND p.problem = t.problem))"
        " SELECT area, problem, count(*) AS contacts FROM named GROUP BY area, problem",
        params,
    )
    return [ProblemCount.model_validate(dict(row)) for row in rows]


async def trends(conn: aiosqlite.Connection, span: Span, scope: Scope) -> list[TrendCount]:
    """Every comparison made in the span: each one is a change a contact saw."""
    where, params = scope_sql(scope, "c.area", "c.officer_id")
    rows = await conn.execute_fetchall(
        "SELECT c.area, t.problem, t.trend, count(*) AS scans FROM scans AS s"
        " JOIN contacts AS c ON c.id = s.contact_id JOIN scan_trends AS t ON t.scan_id = s.id"
        f" WHERE s.visited_on >= ? AND s.visited_on < ?{where}"
        " GROUP BY c.area, t.problem, t.trend",
        [span.since.isoformat(), span.until.isoformat(), *params],
    )
    return [TrendCount.model_validate(dict(row)) for row in rows]


async def marks_by_quarter(
    conn: aiosqlite.Connection, span: Span, scope: Scope
) -> list[QuarterMarks]:
    """The marks of each contact's last scan in each quarter: one voice per contact, as in
    `feelings` for a whole span, so a quarter's mean agrees with the period's."""
    where, params = scope_sql(scope, "c.area", "c.officer_id")
    rows = await conn.execute_fetchall(
        "WITH quarterly AS (SELECT c.area, CAST(substr(s.visited_on, 1, 4) AS INTEGER) AS year,"
        " (CAST(substr(s.visited_on, 6, 2) AS INTEGER) + 2) / 3 AS quarter, s.contact_id,"
        " s.visited_on, s.id, s.mark FROM scans AS s JOIN contacts AS c ON c.id = s.contact_id"
        f" WHERE s.visited_on >= ? AND s.visited_on < ?{where}),"
        " latest AS (SELECT area, year, quarter, mark, row_number() OVER (PARTITION BY"
        " contact_id, year, quarter ORDER BY visited_on DESC, id DESC) AS rank FROM quarterly)"
        " SELECT area, year, quarter, sum(mark) AS mark_sum, count(mark) AS mark_count"
        " FROM latest WHERE rank = 1 AND mark IS NOT NULL GROUP BY area, year, quarter",
        [span.since.isoformat(), span.until.isoformat(), *params],
    )
    return [QuarterMarks.model_validate(dict(row)) for row in rows]


async def places_named(
    conn: aiosqlite.Connection, span: Span, scope: Scope, per_area: int = 5
) -> list[PlaceCount]:
    """The places residents named most in concerns for meetings in the span, per area.

    Ranked by residents: those who wrote a concern there and those who supported it. The
    same street typed in other capitals counts as one place, shown capitalised if anyone
    typed it so (capitals sort first).
    """
    where, params = scope_sql(scope, "m.area", "m.officer_id")
    rows = await conn.execute_fetchall(
        "WITH named AS (SELECT m.area, lower(trim(c.place)) AS key, min(trim(c.place)) AS place,"
        " count(*) AS concerns,"
        " sum((SELECT count(*) FROM supports AS s WHERE s.concern_id = c.id)) AS supports"
        " FROM concerns AS c JOIN meetings AS m ON m.id = c.meeting_id"
        " WHERE c.place IS NOT NULL AND trim(c.place) <> ''"
        f" AND m.starts_at >= ? AND m.starts_at < ?{where} GROUP BY m.area, key),"
        " ranked AS (SELECT *, row_number() OVER"
        " (PARTITION BY area ORDER BY concerns + supports DESC, key) AS rank FROM named)"
        " SELECT area, place, concerns, supports FROM ranked WHERE rank <= ?"
        " ORDER BY area, rank",
        [timestamp(span.since_at), timestamp(span.until_at), *params, per_area],
    )
    return [PlaceCount.model_validate(dict(row)) for row in rows]


async def concern_totals(
    conn: aiosqlite.Connection, span: Span, scope: Scope
) -> list[ConcernTotals]:
    """Meetings held (not cancelled) in the span, and the concerns and supports of all."""
    where, params = scope_sql(scope, "m.area", "m.officer_id")
    rows = await conn.execute_fetchall(
        "SELECT m.area, sum(m.cancelled_at IS NULL) AS meetings,"
        " sum((SELECT count(*) FROM concerns AS c WHERE c.meeting_id = m.id)) AS concerns,"
        " sum((SELECT count(*) FROM supports AS s JOIN concerns AS c ON c.id = s.concern_id"
        " WHERE c.meeting_id = m.id)) AS supports"
        f" FROM meetings AS m WHERE m.starts_at >= ? AND m.starts_at < ?{where} GROUP BY m.area",
        [timestamp(span.since_at), timestamp(span.until_at), *params],
    )
    return [ConcernTotals.model_validate(dict(row)) for row in rows]


async def action_counts(conn: aiosqlite.Connection, span: Span, scope: Scope) -> list[ActionCount]:
    """Actions open now, and those finished (done or not feasible) during the span."""
    where, params = scope_sql(scope, "m.area", "m.officer_id")
    rows = await conn.execute_fetchall(
        "SELECT m.area, a.status, count(*) AS actions FROM actions AS a"
        " JOIN meetings AS m ON m.id = a.meeting_id"
        " WHERE (a.status IN ('planned', 'in_progress')"
        f" OR (a.updated_at >= ? AND a.updated_at < ?)){where} GROUP BY m.area, a.status",
        [timestamp(span.since_at), timestamp(span.until_at), *params],
    )
    return [ActionCount.model_validate(dict(row)) for row in rows]
