"""The rows of the export for the zonal safety plan: one row per fact, ready for a pivot table.

Nothing here names a person: contacts appear by number and role, concerns without their
author, location or photo. The scope is the same as the analysis's (areas, and an officer's
own contacts and meetings); a span of None means everything.
"""

from __future__ import annotations

from datetime import date

import aiosqlite
from pydantic import BaseModel

from storage.analysis import Scope, Span, scope_sql
from storage.codecs import UtcDatetime, timestamp
from storage.crime import first_month_from


class ScanRow(BaseModel):
    scan_id: int
    visited_on: date
    area: str
    contact_id: int
    contact_role: str
    filled_by: str
    feeling: str | None
    evolution: str | None
    mark: int | None
    priority: str | None
    problems: int


class ScanProblemRow(BaseModel):
    scan_id: int
    visited_on: date
    area: str
    contact_id: int
    problem: str
    severity: str | None  # None for a problem solved since the previous scan
    trend: str | None  # None in a contact's first scan


class MeetingRow(BaseModel):
    meeting_id: int
    starts_at: UtcDatetime
    area: str
    kind: str
    place: str
    theme: str | None
    cancelled: bool
    closed: bool
    concerns: int
    supports: int


class ConcernRow(BaseModel):
    concern_id: int
    meeting_id: int
    area: str
    created_at: UtcDatetime
    problem: str
    description: str | None
    place: str | None
    latitude: float | None
    longitude: float | None
    solution: str | None
    merged_into: int | None
    supports: int


class ActionRow(BaseModel):
    action_id: int
    meeting_id: int
    area: str
    problem: str
    what: str
    partner: str | None
    effect: int
    feasibility: int
    due_on: date | None
    status: str
    concerns: int
    created_at: UtcDatetime
    updated_at: UtcDatetime


class CrimeRow(BaseModel):
    area: str
    month: str
    category: str
    count: int


def _visits(span: Span | None) -> tuple[str, list[object]]:
    if span is None:
        return "", []
    return " AND s.visited_on >= ? AND s.visited_on < ?", [
        span.since.isoformat(),
        span.until.isoformat(),
    ]


def _meetings(span: Span | None, scope: Scope) -> tuple[str, list[object]]:
    where, params = scope_sql(scope, "m.area", "m.officer_id")
    if span is not None:
        where += " AND m.starts_at >= ? AND m.starts_at < ?"
        params += [timestamp(span.since_at), timestamp(span.until_at)]
    return where, params


async def scans(conn: aiosqlite.Connection, span: Span | None, scope: Scope) -> list[ScanRow]:
    where, params = scope_sql(scope, "c.area", "c.officer_id")
    visits, between = _visits(span)
    rows = await conn.execute_fetchall(
        "SELECT s.id AS scan_id, s.visited_on, c.area, s.contact_id, c.role AS contact_role,"
        " s.filled_by, s.feeling, json_extract(e.value, '$') AS evolution, s.mark, s.priority,"
        " (SELECT count(*) FROM scan_problems AS p WHERE p.scan_id = s.id) AS problems"
        " FROM scans AS s JOIN contacts AS c ON c.id = s.contact_id"
        " LEFT JOIN scan_answers AS e ON e.scan_id = s.id AND e.question = 'evolutie'"
        f" WHERE 1 = 1{where}{visits} ORDER BY s.visited_on, s.id",
        [*params, *between],
    )
    return [ScanRow.model_validate(dict(row)) for row in rows]


async def scan_problems(
    conn: aiosqlite.Connection, span: Span | None, scope: Scope
) -> list[ScanProblemRow]:
    """Every problem a scan named or compared: named ones with their trend, solved ones too."""
    where, params = scope_sql(scope, "c.area", "c.officer_id")
    visits, between = _visits(span)
    rows = await conn.execute_fetchall(
        "SELECT s.id AS scan_id, s.visited_on, c.area, s.contact_id, p.problem, p.severity,"
        " t.trend FROM scans AS s JOIN contacts AS c ON c.id = s.contact_id"
        " JOIN scan_problems AS p ON p.scan_id = s.id"
        " LEFT JOIN scan_trends AS t ON t.scan_id = s.id AND t.problem = p.problem"
        f" WHERE 1 = 1{where}{visits}"
        " UNION ALL"
        " SELECT s.id, s.visited_on, c.area, s.contact_id, t.problem, NULL, t.trend"
        " FROM scans AS s JOIN contacts AS c ON c.id = s.contact_id"
        " JOIN scan_trends AS t ON t.scan_id = s.id"
        f" WHERE NOT EXISTS (SELECT 1 FROM scan_problems AS p WHERE p.scan_id = s.id"
        f" AND p.problem = t.problem){where}{visits}"
        " ORDER BY 2, 1, 5",
        [*params, *between, *params, *between],
    )
    return [ScanProblemRow.model_validate(dict(row)) for row in rows]


async def meetings(conn: aiosqlite.Connection, span: Span | None, scope: Scope) -> list[MeetingRow]:
    where, params = _meetings(span, scope)
    rows = await conn.execute_fetchall(
        "SELECT m.id AS meeting_id, m.starts_at, m.area, m.kind, m.place, m.theme,"
        " m.cancelled_at IS NOT NULL AS cancelled, m.closed_at IS NOT NULL AS closed,"
        " (SELECT count(*) FROM concerns AS c WHERE c.meeting_id = m.id) AS concerns,"
        " (SELECT count(*) FROM supports AS s JOIN concerns AS c ON c.id = s.concern_id"
        " WHERE c.meeting_id = m.id) AS supports"
        f" FROM meetings AS m WHERE 1 = 1{where} ORDER BY m.starts_at, m.id",
        params,
    )
    return [MeetingRow.model_validate(dict(row)) for row in rows]


async def concerns(conn: aiosqlite.Connection, span: Span | None, scope: Scope) -> list[ConcernRow]:
    """Concerns without who wrote them: no author, no photo; the place, typed or shared."""
    where, params = _meetings(span, scope)
    rows = await conn.execute_fetchall(
        "SELECT c.id AS concern_id, c.meeting_id, m.area, c.created_at, c.problem,"
        " c.description, c.place, c.latitude, c.longitude, c.solution, c.merged_into,"
        " (SELECT count(*) FROM supports AS s WHERE s.concern_id = c.id) AS supports"
        " FROM concerns AS c JOIN meetings AS m ON m.id = c.meeting_id"
        f" WHERE 1 = 1{where} ORDER BY m.starts_at, c.meeting_id, c.id",
        params,
    )
    return [ConcernRow.model_validate(dict(row)) for row in rows]


async def actions(conn: aiosqlite.Connection, span: Span | None, scope: Scope) -> list[ActionRow]:
    where, params = _meetings(span, scope)
    rows = await conn.execute_fetchall(
        "SELECT a.id AS action_id, a.meeting_id, m.area, a.problem, a.what, a.partner, a.effect,"
        " a.feasibility, a.due_on, a.status, a.created_at, a.updated_at,"
        " (SELECT count(*) FROM action_concerns AS x WHERE x.action_id = a.id) AS concerns"
        " FROM actions AS a JOIN meetings AS m ON m.id = a.meeting_id"
        f" WHERE 1 = 1{where} ORDER BY m.starts_at, a.meeting_id, a.id",
        params,
    )
    return [ActionRow.model_validate(dict(row)) for row in rows]


async def crime(conn: aiosqlite.Connection, span: Span | None, scope: Scope) -> list[CrimeRow]:
    """Registered crime is no personal data, but an officer gets only his own areas'."""
    sql = "SELECT area, month, category, count FROM crime_counts WHERE 1 = 1"
    params: list[object] = []
    if scope.areas is not None:
        sql += f" AND area IN ({', '.join('?' * len(scope.areas))})"
        params += list(scope.areas)
    if scope.officer_id is not None:  # an officer's own areas
        sql += (
            " AND area IN (SELECT area FROM contacts WHERE officer_id = ?"
            " UNION SELECT area FROM meetings WHERE officer_id = ?"
            " UNION SELECT area FROM people WHERE id = ?)"
        )
        params += [scope.officer_id] * 3
    if span is not None:
        sql += " AND month >= ? AND month < ?"
        params += [first_month_from(span.since), first_month_from(span.until)]
    rows = await conn.execute_fetchall(sql + " ORDER BY month, area, category", params)
    return [CrimeRow.model_validate(dict(row)) for row in rows]
