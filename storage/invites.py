"""One-time invitations that let a new person join with a given role.

The plain token travels in a `/start` link; only its SHA-256 is stored, so a copy of the
database cannot be turned into working invitations.
"""

import hashlib
import secrets
from datetime import datetime

import aiosqlite
from pydantic import BaseModel

from storage.codecs import UtcDatetime, timestamp
from storage.people import Role
from storage.rows import inserted_id, one


class Invite(BaseModel):
    id: int
    role: Role
    name: str | None
    area: str | None
    created_by: int | None
    created_at: UtcDatetime
    expires_at: UtcDatetime
    used_at: UtcDatetime | None
    used_by: int | None
    # Set when the invite is for one contact of an officer's network.
    contact_id: int | None = None

    def usable(self, now: datetime) -> bool:
        """Not used yet and not expired; it expires at `expires_at` exactly."""
        return self.used_at is None and now < self.expires_at


_SELECT = (
    "SELECT id, role, name, area, created_by, created_at, expires_at, used_at, used_by,"
    " contact_id FROM invites"
)


def new_token() -> str:
    # 128 random bits in 22 URL-safe characters: fits a /start payload (A-Za-z0-9_-, max 64).
    return secrets.token_urlsafe(16)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create(
    conn: aiosqlite.Connection,
    *,
    role: Role,
    now: datetime,
    expires_at: datetime,
    name: str | None = None,
    area: str | None = None,
    created_by: int | None = None,
    contact_id: int | None = None,
) -> tuple[Invite, str]:
    """Store a new invite; the plain token is returned here and never again."""
    token = new_token()
    cursor = await conn.execute(
        "INSERT INTO invites"
        " (token_hash, role, name, area, created_by, created_at, expires_at, contact_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            hash_token(token),
            Role(role).value,
            name,
            area,
            created_by,
            timestamp(now),
            timestamp(expires_at),
            contact_id,
        ),
    )
    invite_id = inserted_id(cursor)
    invite = await _one(conn, f"{_SELECT} WHERE id = ?", invite_id)
    if invite is None:
        raise RuntimeError(f"invite {invite_id} vanished right after being stored")
    return invite, token


async def find(conn: aiosqlite.Connection, token: str) -> Invite | None:
    """The invite for `token`, used or expired or not; check `usable()` before honouring it."""
    return await _one(conn, f"{_SELECT} WHERE token_hash = ?", hash_token(token))


async def mark_used(
    conn: aiosqlite.Connection, invite_id: int, person_id: int, now: datetime
) -> bool:
    """Claim the invite; False when it was already used, e.g. by a simultaneous claim."""
    cursor = await conn.execute(
        "UPDATE invites SET used_at = ?, used_by = ? WHERE id = ? AND used_at IS NULL",
        (timestamp(now), person_id, invite_id),
    )
    return cursor.rowcount == 1


async def delete_expired(conn: aiosqlite.Connection, now: datetime) -> int:
    """Delete unused invites past their expiry; used ones stay as the record of who joined how."""
    cursor = await conn.execute(
        "DELETE FROM invites WHERE used_at IS NULL AND expires_at <= ?", (timestamp(now),)
    )
    return cursor.rowcount


async def joined_staff(conn: aiosqlite.Connection) -> dict[int, datetime]:
    """When each person last took up a staff role (officer, admin) through an invite."""
    rows = await conn.execute_fetchall(
        "SELECT used_by, MAX(used_at) AS joined FROM invites"
        " WHERE used_by IS NOT NULL AND role IN ('officer', 'admin') GROUP BY used_by"
    )
    return {row["used_by"]: datetime.fromisoformat(row["joined"]) for row in rows}


async def get(conn: aiosqlite.Connection, invite_id: int) -> Invite | None:
    return await _one(conn, f"{_SELECT} WHERE id = ?", invite_id)


async def list_open(conn: aiosqlite.Connection, now: datetime) -> list[Invite]:
    """Unused invites that still work, oldest first."""
    rows = await conn.execute_fetchall(
        f"{_SELECT} WHERE used_at IS NULL AND expires_at > ? ORDER BY created_at, id",
        (timestamp(now),),
    )
    return [Invite.model_validate(dict(row)) for row in rows]


async def revoke(conn: aiosqlite.Connection, invite_id: int) -> bool:
    """Withdraw an unused invite; its link stops working at once."""
    cursor = await conn.execute(
        "DELETE FROM invites WHERE id = ? AND used_at IS NULL", (invite_id,)
    )
    return cursor.rowcount == 1


async def _one(conn: aiosqlite.Connection, sql: str, key: object) -> Invite | None:
    row = await one(conn, sql, (key,))
    return None if row is None else Invite.model_validate(dict(row))
