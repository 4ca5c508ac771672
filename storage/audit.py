"""The audit log: who read or changed personal data, and when. Never the data itself."""

from __future__ import annotations

from datetime import datetime

import aiosqlite
from pydantic import BaseModel

from storage.codecs import UtcDatetime, timestamp


class AuditEntry(BaseModel):
    id: int
    at: UtcDatetime
    actor_id: int | None
    actor_name: str | None
    action: str
    subject_kind: str | None
    subject_id: int | None


async def record(
    conn: aiosqlite.Connection,
    actor_id: int | None,
    action: str,
    now: datetime,
    subject_kind: str | None = None,
    subject_id: int | None = None,
) -> None:
    await conn.execute(
        "INSERT INTO audit_log (at, actor_id, action, subject_kind, subject_id)"
        " VALUES (?, ?, ?, ?, ?)",
        (timestamp(now), actor_id, action, subject_kind, subject_id),
    )


async def since(
    conn: aiosqlite.Connection, start: datetime, limit: int = 10_000
) -> list[AuditEntry]:
    rows = await conn.execute_fetchall(
        "SELECT a.id, a.at, a.actor_id, p.name AS actor_name, a.action, a.subject_kind,"
        " a.subject_id FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id"
        " WHERE a.at >= ? ORDER BY a.at, a.id LIMIT ?",
        (timestamp(start), limit),
    )
    return [AuditEntry.model_validate(dict(row)) for row in rows]
