"""Concerns residents bring to a meeting, and the supports ("ik herken dit ook") they get."""

from datetime import datetime

import aiosqlite
from pydantic import BaseModel

from storage.codecs import UtcDatetime, timestamp
from storage.errors import NotFoundError
from storage.rows import inserted_id


class NewConcern(BaseModel):
    meeting_id: int
    author_id: int | None
    problem: str
    description: str | None
    place: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    photo_file_id: str | None = None
    solution: str | None = None
    keep_informed: bool = False
    contactable: bool = False  # the police may reach the author about it


class Concern(NewConcern):
    id: int
    merged_into: int | None
    created_at: UtcDatetime
    updated_at: UtcDatetime


class Support(BaseModel):
    id: int
    concern_id: int
    person_id: int | None
    keep_informed: bool
    created_at: UtcDatetime


_COLUMNS = (
    "id, meeting_id, author_id, problem, description, place, latitude, longitude,"
    " photo_file_id, solution, keep_informed, contactable, merged_into, created_at, updated_at"
)
_SELECT = f"SELECT {_COLUMNS} FROM concerns"
_SUPPORTS = "SELECT id, concern_id, person_id, keep_informed, created_at FROM supports"


async def add(conn: aiosqlite.Connection, new: NewConcern, now: datetime) -> Concern:
    at = timestamp(now)
    cursor = await conn.execute(
        "INSERT INTO concerns (meeting_id, author_id, problem, description, place, latitude,"
        " longitude, photo_file_id, solution, keep_informed, contactable, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            new.meeting_id,
            new.author_id,
            new.problem,
            new.description,
            new.place,
            new.latitude,
            new.longitude,
            new.photo_file_id,
            new.solution,
            int(new.keep_informed),
            int(new.contactable),
            at,
            at,
        ),
    )
    concern_id = inserted_id(cursor)
    concern = await get(conn, concern_id)
    if concern is None:
        raise NotFoundError(f"concern {concern_id} vanished right after being stored")
    return concern


async def get(conn: aiosqlite.Connection, concern_id: int) -> Concern | None:
    found = await _many(conn, f"{_SELECT} WHERE id = ?", concern_id)
    return found[0] if found else None


async def list_for_meeting(conn: aiosqlite.Connection, meeting_id: int) -> list[Concern]:
    """Every concern of the meeting, merged ones included, in the order they came in."""
    return await _many(conn, f"{_SELECT} WHERE meeting_id = ? ORDER BY id", meeting_id)


async def list_by_author(conn: aiosqlite.Connection, person_id: int) -> list[Concern]:
    """A resident's own concerns, newest first."""
    return await _many(conn, f"{_SELECT} WHERE author_id = ? ORDER BY id DESC", person_id)


async def withdraw(conn: aiosqlite.Connection, concern_id: int) -> None:
    """The author takes a concern back: it goes, with its supports.

    Concerns merged into it stand on their own again.
    """
    cursor = await conn.execute("DELETE FROM concerns WHERE id = ?", (concern_id,))
    if cursor.rowcount != 1:
        raise NotFoundError(f"no concern with id {concern_id}")


async def merge(conn: aiosqlite.Connection, concern_id: int, into_id: int, now: datetime) -> None:
    """Merge a duplicate into another concern; what was merged into it moves along.

    Both must belong to the same meeting; the caller checks that. A chain is never made:
    every merged concern points at one that is not merged itself.
    """
    if concern_id == into_id:
        raise ValueError("a concern cannot be merged into itself")
    at = timestamp(now)
    cursor = await conn.execute(
        "UPDATE concerns SET merged_into = ?, updated_at = ? WHERE id = ?",
        (into_id, at, concern_id),
    )
    if cursor.rowcount != 1:
        raise NotFoundError(f"no concern with id {concern_id}")
    await conn.execute(
        "UPDATE concerns SET merged_into = ?, updated_at = ? WHERE merged_into = ?",
        (into_id, at, concern_id),
    )


async def unmerge(conn: aiosqlite.Connection, concern_id: int, now: datetime) -> None:
    cursor = await conn.execute(
        "UPDATE concerns SET merged_into = NULL, updated_at = ? WHERE id = ?",
        (timestamp(now), concern_id),
    )
    if cursor.rowcount != 1:
        raise NotFoundError(f"no concern with id {concern_id}")


# -- supports ------------------------------------------------------------------------------


async def support(
    conn: aiosqlite.Connection, concern_id: int, person_id: int, now: datetime
) -> bool:
    """Add this person's support; False when they already support the concern."""
    cursor = await conn.execute(
        "INSERT INTO supports (concern_id, person_id, created_at) VALUES (?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        (concern_id, person_id, timestamp(now)),
    )
    return cursor.rowcount == 1


async def follow_support(
    conn: aiosqlite.Connection, concern_id: int, person_id: int, keep_informed: bool
) -> bool:
    """Whether a supporter hears of the actions on the concern; False when no such support."""
    cursor = await conn.execute(
        "UPDATE supports SET keep_informed = ? WHERE concern_id = ? AND person_id = ?",
        (int(keep_informed), concern_id, person_id),
    )
    return cursor.rowcount == 1


async def supports_for_meeting(conn: aiosqlite.Connection, meeting_id: int) -> list[Support]:
    rows = await conn.execute_fetchall(
        f"{_SUPPORTS} WHERE concern_id IN (SELECT id FROM concerns WHERE meeting_id = ?)"
        " ORDER BY id",
        (meeting_id,),
    )
    return [Support.model_validate(dict(row)) for row in rows]


async def supports_by_person(conn: aiosqlite.Connection, person_id: int) -> list[Support]:
    rows = await conn.execute_fetchall(f"{_SUPPORTS} WHERE person_id = ? ORDER BY id", (person_id,))
    return [Support.model_validate(dict(row)) for row in rows]


async def involved(conn: aiosqlite.Connection, meeting_id: int) -> list[int]:
    """Everyone who submitted or supported a concern of the meeting (person ids)."""
    rows = await conn.execute_fetchall(
        "SELECT author_id FROM concerns WHERE meeting_id = ? AND author_id IS NOT NULL"
        " UNION SELECT s.person_id FROM supports AS s JOIN concerns AS c ON c.id = s.concern_id"
        " WHERE c.meeting_id = ? AND s.person_id IS NOT NULL ORDER BY 1",
        (meeting_id, meeting_id),
    )
    return [row[0] for row in rows]


async def followers(conn: aiosqlite.Connection, concern_ids: list[int]) -> list[int]:
    """People who asked to be kept informed about any of these concerns (person ids).

    Those of concerns merged into one of them count too: merging joins their cases.
    """
    if not concern_ids:
        return []
    marks = ", ".join("?" * len(concern_ids))
    rows = await conn.execute_fetchall(
        "SELECT author_id FROM concerns WHERE keep_informed = 1 AND author_id IS NOT NULL"
        f" AND (id IN ({marks}) OR merged_into IN ({marks}))"
        " UNION SELECT s.person_id FROM supports AS s JOIN concerns AS c ON c.id = s.concern_id"
        " WHERE s.keep_informed = 1 AND s.person_id IS NOT NULL"
        f" AND (c.id IN ({marks}) OR c.merged_into IN ({marks})) ORDER BY 1",
        (*concern_ids, *concern_ids, *concern_ids, *concern_ids),
    )
    return [row[0] for row in rows]


async def authors(conn: aiosqlite.Connection, concern_ids: list[int]) -> set[int]:
    """Who wrote these concerns, or one merged into them (person ids); not who supported."""
    if not concern_ids:
        return set()
    marks = ", ".join("?" * len(concern_ids))
    rows = await conn.execute_fetchall(
        "SELECT author_id FROM concerns WHERE author_id IS NOT NULL"
        f" AND (id IN ({marks}) OR merged_into IN ({marks}))",
        (*concern_ids, *concern_ids),
    )
    return {row[0] for row in rows}


async def _many(conn: aiosqlite.Connection, sql: str, *args: object) -> list[Concern]:
    rows = await conn.execute_fetchall(sql, args)
    return [Concern.model_validate(dict(row)) for row in rows]
