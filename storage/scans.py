"""Sectorscans: the yearly questionnaire with a contact, and how it compares with the last one.

Every answer is kept as given; the problems and the trends are also stored one row per
problem, so analysis can count them in SQL without reading the answers.
"""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

import aiosqlite
from pydantic import BaseModel

from storage.codecs import UtcDatetime, from_json, timestamp, to_json
from storage.rows import inserted_id


class Trend(StrEnum):
    NEW = "new"
    WORSE = "worse"
    UNCHANGED = "unchanged"
    IMPROVED = "improved"
    SOLVED = "solved"


class FilledBy(StrEnum):
    CONTACT = "contact"
    OFFICER = "officer"


class NewScan(BaseModel):
    contact_id: int
    officer_id: int | None
    filled_by: FilledBy
    form: str
    form_version: int
    visited_on: date
    feeling: str | None
    mark: int | None
    priority: str | None
    answers: dict[str, Any]
    # problem id -> severity ('beetje' or 'veel'), None when not asked
    problems: dict[str, str | None]
    trends: dict[str, Trend]


class Scan(NewScan):
    id: int
    submitted_at: UtcDatetime


_SELECT = (
    "SELECT id, contact_id, officer_id, filled_by, form, form_version, visited_on,"
    " submitted_at, feeling, mark, priority FROM scans"
)


async def add(conn: aiosqlite.Connection, scan: NewScan, now: datetime) -> Scan:
    encoded = {question: to_json(value) for question, value in scan.answers.items()}
    cursor = await conn.execute(
        "INSERT INTO scans (contact_id, officer_id, filled_by, form, form_version, visited_on,"
        " submitted_at, feeling, mark, priority) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            scan.contact_id,
            scan.officer_id,
            FilledBy(scan.filled_by).value,
            scan.form,
            scan.form_version,
            scan.visited_on.isoformat(),
            timestamp(now),
            scan.feeling,
            scan.mark,
            scan.priority,
        ),
    )
    scan_id = inserted_id(cursor)
    await conn.executemany(
        "INSERT INTO scan_answers (scan_id, question, value) VALUES (?, ?, ?)",
        [(scan_id, question, value) for question, value in encoded.items()],
    )
    await conn.executemany(
        "INSERT INTO scan_problems (scan_id, problem, severity) VALUES (?, ?, ?)",
        [(scan_id, problem, severity) for problem, severity in scan.problems.items()],
    )
    await conn.executemany(
        "INSERT INTO scan_trends (scan_id, problem, trend) VALUES (?, ?, ?)",
        [(scan_id, problem, Trend(trend).value) for problem, trend in scan.trends.items()],
    )
    return Scan.model_validate(
        {
            **scan.model_dump(),
            "id": scan_id,
            "submitted_at": now,
            # Decoded again so the caller gets exactly what get() will return.
            "answers": {question: from_json(value) for question, value in encoded.items()},
        }
    )


async def get(conn: aiosqlite.Connection, scan_id: int) -> Scan | None:
    found = await _scans(conn, f"{_SELECT} WHERE id = ?", scan_id)
    return found[0] if found else None


async def latest_for_contact(conn: aiosqlite.Connection, contact_id: int) -> Scan | None:
    """The scan of the latest visit; of two on one day, the one stored last."""
    found = await _scans(
        conn,
        f"{_SELECT} WHERE contact_id = ? ORDER BY visited_on DESC, id DESC LIMIT 1",
        contact_id,
    )
    return found[0] if found else None


async def list_for_contact(conn: aiosqlite.Connection, contact_id: int) -> list[Scan]:
    """The contact's scans, newest visit first."""
    return await _scans(
        conn, f"{_SELECT} WHERE contact_id = ? ORDER BY visited_on DESC, id DESC", contact_id
    )


async def _scans(conn: aiosqlite.Connection, sql: str, key: int) -> list[Scan]:
    """The scans `sql` selects, in its order, each with its answers, problems and trends."""
    rows = await conn.execute_fetchall(sql, (key,))
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    marks = ", ".join("?" * len(ids))
    answers: dict[int, dict[str, Any]] = {scan_id: {} for scan_id in ids}
    problems: dict[int, dict[str, str | None]] = {scan_id: {} for scan_id in ids}
    trends: dict[int, dict[str, Trend]] = {scan_id: {} for scan_id in ids}
    # rowid follows insertion, which keeps the order in which they were given.
    for row in await conn.execute_fetchall(
        f"SELECT scan_id, question, value FROM scan_answers WHERE scan_id IN ({marks})"
        " ORDER BY scan_id, rowid",
        ids,
    ):
        answers[row["scan_id"]][row["question"]] = from_json(row["value"])
    for row in await conn.execute_fetchall(
        f"SELECT scan_id, problem, severity FROM scan_problems WHERE scan_id IN ({marks})"
        " ORDER BY scan_id, rowid",
        ids,
    ):
        problems[row["scan_id"]][row["problem"]] = row["severity"]
    for row in await conn.execute_fetchall(
        f"SELECT scan_id, problem, trend FROM scan_trends WHERE scan_id IN ({marks})"
        " ORDER BY scan_id, rowid",
        ids,
    ):
        trends[row["scan_id"]][row["problem"]] = Trend(row["trend"])
    return [
        Scan.model_validate(
            {
                **dict(row),
                "answers": answers[row["id"]],
                "problems": problems[row["id"]],
                "trends": trends[row["id"]],
            }
        )
        for row in rows
    ]
