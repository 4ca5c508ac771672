"""Members' answers to BIN alerts ("ik heb iets gezien"): kept for the officer, erased with
the member, counted per alert."""

from __future__ import annotations

from datetime import datetime

import aiosqlite
from pydantic import BaseModel

from storage.codecs import UtcDatetime, timestamp


class NewAnswer(BaseModel):
    alert_id: int
    person_id: int
    what: str
    place: str | None
    latitude: float | None
    longitude: float | None
    seen_when: str
    photo_file_id: str | None


class Answer(NewAnswer):
    id: int
    created_at: UtcDatetime


async def add(conn: aiosqlite.Connection, answer: NewAnswer, now: datetime) -> int:
    async with conn.execute(
        "INSERT INTO bin_answers (alert_id, person_id, what, place, latitude, longitude,"
        " seen_when, photo_file_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            answer.alert_id,
            answer.person_id,
            answer.what,
            answer.place,
            answer.latitude,
            answer.longitude,
            answer.seen_when,
            answer.photo_file_id,
            timestamp(now),
        ),
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return int(row[0])


async def count_for_areas(conn: aiosqlite.Connection, areas: list[str]) -> dict[str, int]:
    """Answers received per wijk (an answer to an alert to two wijken counts for both)."""
    found = dict.fromkeys(areas, 0)
    rows = await conn.execute_fetchall(
        "SELECT j.value AS area, count(*) AS n FROM bin_answers a"
        " JOIN bin_alerts b ON b.id = a.alert_id, json_each(b.areas) j GROUP BY j.value"
    )
    for row in rows:
        if row["area"] in found:
            found[str(row["area"])] = int(row["n"])
    return found


_GONE = (
    "person_id = NULL, what = NULL, place = NULL, latitude = NULL, longitude = NULL,"
    " seen_when = NULL, photo_file_id = NULL"
)


async def erase_person(conn: aiosqlite.Connection, person_id: int) -> int:
    """The member's texts, place and photo go; that an answer came stays, without him."""
    cursor = await conn.execute(f"UPDATE bin_answers SET {_GONE} WHERE person_id = ?", (person_id,))
    return cursor.rowcount


async def erase_before(conn: aiosqlite.Connection, cutoff: datetime) -> int:
    """Answers given before `cutoff` lose who gave them, what they said and their photo; that
    an answer came stays, for the figures."""
    cursor = await conn.execute(
        f"UPDATE bin_answers SET {_GONE} WHERE created_at < ?"
        " AND (person_id IS NOT NULL OR what IS NOT NULL OR place IS NOT NULL"
        " OR latitude IS NOT NULL OR photo_file_id IS NOT NULL)",
        (timestamp(cutoff),),
    )
    return cursor.rowcount


async def count_for_person(conn: aiosqlite.Connection, person_id: int) -> int:
    async with conn.execute(
        "SELECT count(*) FROM bin_answers WHERE person_id = ?", (person_id,)
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0
