"""People known to the bot and their role."""

from datetime import datetime
from enum import StrEnum

import aiosqlite
from pydantic import BaseModel

from storage.codecs import UtcDatetime, timestamp
from storage.errors import NotFoundError
from storage.rows import inserted_id, one


class Role(StrEnum):
    ADMIN = "admin"
    OFFICER = "officer"
    CONTACT = "contact"
    RESIDENT = "resident"


class Person(BaseModel):
    id: int
    telegram_id: int | None
    name: str
    role: Role
    area: str | None
    language: str
    created_at: UtcDatetime
    updated_at: UtcDatetime


_COLUMNS = "id, telegram_id, name, role, area, language, created_at, updated_at"
_SELECT = f"SELECT {_COLUMNS} FROM people"


async def get(conn: aiosqlite.Connection, person_id: int) -> Person | None:
    return await _one(conn, f"{_SELECT} WHERE id = ?", person_id)


async def by_telegram_id(conn: aiosqlite.Connection, telegram_id: int) -> Person | None:
    return await _one(conn, f"{_SELECT} WHERE telegram_id = ?", telegram_id)


async def writer(conn: aiosqlite.Connection, telegram_id: int) -> tuple[Person, bool] | None:
    """The person whose update is handled, and whether he was marked as having blocked the
    bot: one read where a turn would otherwise need two."""
    row = await one(
        conn,
        f"SELECT {_COLUMNS}, EXISTS (SELECT 1 FROM blocked_people AS b"
        " WHERE b.person_id = people.id) AS blocked FROM people WHERE telegram_id = ?",
        (telegram_id,),
    )
    if row is None:
        return None
    values = dict(row)
    blocked = bool(values.pop("blocked"))
    return Person.model_validate(values), blocked


async def create(
    conn: aiosqlite.Connection,
    *,
    telegram_id: int | None,
    name: str,
    role: Role,
    now: datetime,
    area: str | None = None,
    language: str = "nl",
) -> Person:
    at = timestamp(now)
    cursor = await conn.execute(
        "INSERT INTO people (telegram_id, name, role, area, language, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (telegram_id, name, Role(role).value, area, language, at, at),
    )
    person_id = inserted_id(cursor)
    return await _existing(conn, person_id)


async def set_role(
    conn: aiosqlite.Connection, person_id: int, role: Role, area: str | None, now: datetime
) -> Person:
    """Change role and area together: an officer's area means nothing for another role."""
    cursor = await conn.execute(
        "UPDATE people SET role = ?, area = ?, updated_at = ? WHERE id = ?",
        (Role(role).value, area, timestamp(now), person_id),
    )
    _require_one(cursor, person_id)
    return await _existing(conn, person_id)


async def rename(conn: aiosqlite.Connection, person_id: int, name: str, now: datetime) -> None:
    cursor = await conn.execute(
        "UPDATE people SET name = ?, updated_at = ? WHERE id = ?",
        (name, timestamp(now), person_id),
    )
    _require_one(cursor, person_id)


async def set_language(
    conn: aiosqlite.Connection, person_id: int, language: str, now: datetime
) -> None:
    """The language a person chose to be spoken to in (a code such as "fr")."""
    cursor = await conn.execute(
        "UPDATE people SET language = ?, updated_at = ? WHERE id = ?",
        (language, timestamp(now), person_id),
    )
    _require_one(cursor, person_id)


async def list_by_role(conn: aiosqlite.Connection, role: Role) -> list[Person]:
    rows = await conn.execute_fetchall(
        f"{_SELECT} WHERE role = ? ORDER BY name COLLATE NOCASE, id", (Role(role).value,)
    )
    return [Person.model_validate(dict(row)) for row in rows]


async def _one(conn: aiosqlite.Connection, sql: str, key: int) -> Person | None:
    row = await one(conn, sql, (key,))
    return None if row is None else Person.model_validate(dict(row))


async def _existing(conn: aiosqlite.Connection, person_id: int) -> Person:
    person = await get(conn, person_id)
    if person is None:
        raise NotFoundError(f"no person with id {person_id}")
    return person


def _require_one(cursor: aiosqlite.Cursor, person_id: int) -> None:
    if cursor.rowcount != 1:
        raise NotFoundError(f"no person with id {person_id}")
