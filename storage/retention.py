"""The retention rules in SQL: each removes or anonymises what has been kept long enough."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

import aiosqlite

from storage.codecs import timestamp
from storage.erasure import CONCERN_TEXTS
from storage.rows import inserted_id


async def anonymise_scans_before(
    conn: aiosqlite.Connection,
    before: date,
    free_text_questions: Collection[str],
    now: datetime,
) -> int:
    """Move scans visited before `before` to an anonymous archive of their contact.

    The archive keeps officer, area and role, so the zone's figures over the years stay
    the same, while nothing links those scans to the named contact any more.
    """
    at = timestamp(now)
    rows = await conn.execute_fetchall(
        "SELECT DISTINCT c.id, c.officer_id, c.role, c.area, c.created_at FROM scans s"
        " JOIN contacts c ON c.id = s.contact_id WHERE c.anonymous = 0 AND s.visited_on < ?",
        (before.isoformat(),),
    )
    contacts = [dict(row) for row in rows]
    moved = 0
    questions = list(free_text_questions)
    for contact in contacts:
        cursor = await conn.execute(
            "INSERT INTO contacts (officer_id, name, organisation, role, area, active,"
            " anonymous, created_at, updated_at, deactivated_at)"
            " VALUES (?, '', '', ?, ?, 0, 1, ?, ?, ?)",
            (
                contact["officer_id"],
                contact["role"],
                contact["area"],
                contact["created_at"],
                at,
                at,
            ),
        )
        archive = inserted_id(cursor)
        old = "SELECT id FROM scans WHERE contact_id = ? AND visited_on < ?"
        args = (contact["id"], before.isoformat())
        await conn.execute(
            "DELETE FROM scan_answers WHERE question IN ("
            + ",".join("?" * len(questions))
            + f") AND scan_id IN ({old})",
            (*questions, *args),
        )
        cursor = await conn.execute(
            "UPDATE scans SET contact_id = ? WHERE contact_id = ? AND visited_on < ?",
            (archive, *args),
        )
        moved += cursor.rowcount
    return moved


async def erase_concern_texts(conn: aiosqlite.Connection, ended_before: datetime) -> int:
    """Concerns of meetings that ended (closed, cancelled, or never closed but long past)
    before `ended_before` lose their texts, place, photo and author; problem and meeting stay.
    """
    cursor = await conn.execute(
        f"UPDATE concerns SET author_id = NULL, {CONCERN_TEXTS}, updated_at = ?"
        " WHERE (description IS NOT NULL OR place IS NOT NULL OR latitude IS NOT NULL"
        " OR photo_file_id IS NOT NULL OR solution IS NOT NULL OR author_id IS NOT NULL)"
        " AND meeting_id IN (SELECT id FROM meetings"
        " WHERE coalesce(closed_at, cancelled_at, starts_at) < ?)",
        (timestamp(ended_before), timestamp(ended_before)),
    )
    await conn.execute(
        "UPDATE supports SET person_id = NULL WHERE person_id IS NOT NULL AND concern_id IN"
        " (SELECT c.id FROM concerns c JOIN meetings m ON m.id = c.meeting_id"
        " WHERE coalesce(m.closed_at, m.cancelled_at, m.starts_at) < ?)",
        (timestamp(ended_before),),
    )
    return cursor.rowcount
