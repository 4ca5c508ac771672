"""An officer's network of partner contacts."""

from datetime import date, datetime

import aiosqlite
from pydantic import BaseModel, ConfigDict, Field, field_validator

from storage.codecs import UtcDatetime, timestamp
from storage.errors import NotFoundError
from storage.rows import inserted_id, one


class NewContact(BaseModel):
    """A contact as an officer types it or a CSV row gives it."""

    model_config = ConfigDict(str_strip_whitespace=True)

    name: str = Field(min_length=1)
    organisation: str = Field(min_length=1)
    role: str = Field(min_length=1)
    area: str = Field(min_length=1)
    phone: str | None = None
    street: str | None = None

    @field_validator("phone", "street")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        # An empty CSV cell means "not known", not an empty phone number.
        return value or None


class Contact(BaseModel):
    id: int
    officer_id: int
    person_id: int | None
    name: str
    organisation: str
    role: str
    area: str
    phone: str | None
    street: str | None
    active: bool
    created_at: UtcDatetime
    updated_at: UtcDatetime
    deactivated_at: UtcDatetime | None
    # Derived from the scans on every read, so it can never disagree with them.
    last_visit: date | None


_SELECT = (
    "SELECT c.id, c.officer_id, c.person_id, c.name, c.organisation, c.role, c.area,"
    " c.phone, c.street, c.active, c.created_at, c.updated_at, c.deactivated_at,"
    " (SELECT max(s.visited_on) FROM scans AS s WHERE s.contact_id = c.id) AS last_visit"
    " FROM contacts AS c"
)

_INSERT = (
    "INSERT INTO contacts (officer_id, name, organisation, role, area, phone, street,"
    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _insert_row(officer_id: int, new: NewContact, at: str) -> tuple[object, ...]:
    return (
        officer_id,
        new.name,
        new.organisation,
        new.role,
        new.area,
        new.phone,
        new.street,
        at,
        at,
    )


async def add(
    conn: aiosqlite.Connection, officer_id: int, new: NewContact, now: datetime
) -> Contact:
    cursor = await conn.execute(_INSERT, _insert_row(officer_id, new, timestamp(now)))
    contact_id = inserted_id(cursor)
    return await _existing(conn, contact_id)


async def add_many(
    conn: aiosqlite.Connection, officer_id: int, new: list[NewContact], now: datetime
) -> int:
    """Add a whole import at once; returns how many were added."""
    at = timestamp(now)
    await conn.executemany(_INSERT, [_insert_row(officer_id, contact, at) for contact in new])
    return len(new)


async def update_many(
    conn: aiosqlite.Connection, updates: dict[int, NewContact], now: datetime
) -> int:
    """New values for several contacts at once (an import); returns how many."""
    at = timestamp(now)
    await conn.executemany(
        "UPDATE contacts SET name = ?, organisation = ?, role = ?, area = ?, phone = ?,"
        " street = ?, updated_at = ? WHERE id = ?",
        [
            (new.name, new.organisation, new.role, new.area, new.phone, new.street, at, contact_id)
            for contact_id, new in updates.items()
        ],
    )
    return len(updates)


async def get(conn: aiosqlite.Connection, contact_id: int) -> Contact | None:
    return await _one(conn, f"{_SELECT} WHERE c.id = ?", contact_id)


async def by_person(conn: aiosqlite.Connection, person_id: int) -> Contact | None:
    return await _one(conn, f"{_SELECT} WHERE c.person_id = ?", person_id)


async def list_for_officer(
    conn: aiosqlite.Connection, officer_id: int, *, include_inactive: bool = False
) -> list[Contact]:
    """Never visited first, then the longest ago, so the list reads as a to-do list."""
    only_active = "" if include_inactive else " AND c.active = 1"
    rows = await conn.execute_fetchall(
        f"{_SELECT} WHERE c.officer_id = ?{only_active}"
        " ORDER BY last_visit NULLS FIRST, c.name COLLATE NOCASE, c.id",
        (officer_id,),
    )
    return [Contact.model_validate(dict(row)) for row in rows]


async def update(
    conn: aiosqlite.Connection, contact_id: int, new: NewContact, now: datetime
) -> Contact:
    cursor = await conn.execute(
        "UPDATE contacts SET name = ?, organisation = ?, role = ?, area = ?, phone = ?,"
        " street = ?, updated_at = ? WHERE id = ?",
        (
            new.name,
            new.organisation,
            new.role,
            new.area,
            new.phone,
            new.street,
            timestamp(now),
            contact_id,
        ),
    )
    _require_one(cursor, contact_id)
    return await _existing(conn, contact_id)


async def deactivate(conn: aiosqlite.Connection, contact_id: int, now: datetime) -> None:
    """Take the contact out of the network; the scans stay.

    Deactivating an inactive contact changes nothing, so the first date is kept.
    """
    at = timestamp(now)
    cursor = await conn.execute(
        "UPDATE contacts SET active = 0, deactivated_at = ?, updated_at = ?"
        " WHERE id = ? AND active = 1",
        (at, at, contact_id),
    )
    if cursor.rowcount == 1:
        return
    await _existing(conn, contact_id)


async def link_person(
    conn: aiosqlite.Connection, contact_id: int, person_id: int, now: datetime
) -> None:
    """Tie the Telegram account that opened the contact's invite to the contact.

    Raises sqlite3.IntegrityError when that account is already another contact.
    """
    cursor = await conn.execute(
        "UPDATE contacts SET person_id = ?, updated_at = ? WHERE id = ?",
        (person_id, timestamp(now), contact_id),
    )
    _require_one(cursor, contact_id)


async def _one(conn: aiosqlite.Connection, sql: str, key: int) -> Contact | None:
    row = await one(conn, sql, (key,))
    return None if row is None else Contact.model_validate(dict(row))


async def _existing(conn: aiosqlite.Connection, contact_id: int) -> Contact:
    contact = await get(conn, contact_id)
    if contact is None:
        raise NotFoundError(f"no contact with id {contact_id}")
    return contact


def _require_one(cursor: aiosqlite.Cursor, contact_id: int) -> None:
    if cursor.rowcount != 1:
        raise NotFoundError(f"no contact with id {contact_id}")


async def transfer(
    conn: aiosqlite.Connection, from_officer: int, to_officer: int, now: datetime
) -> int:
    """Hand an officer's network to another; scans keep the officer of their time."""
    cursor = await conn.execute(
        "UPDATE contacts SET officer_id = ?, updated_at = ? WHERE officer_id = ?",
        (to_officer, timestamp(now), from_officer),
    )
    return cursor.rowcount
