"""BIN alerts: what the police sent to which wijken, and how its sending is followed.

An alert is the zone's own communication: its text, sender, time and figures are kept. The
messages themselves are outbox rows of the alert's batch, which say how far it has come.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import aiosqlite
from pydantic import BaseModel

from storage.codecs import UtcDatetime, from_json, timestamp, to_json


class AlertKind(StrEnum):
    WARNING = "warning"  # waarschuwing
    LOOKOUT = "lookout"  # oproep om uit te kijken
    INFORMATION = "information"
    PREVENTION = "prevention"  # preventietip


class Alert(BaseModel):
    id: int
    sender_id: int | None
    kind: AlertKind
    areas: list[str]
    text: str
    photo_file_id: str | None
    answers: bool
    paid: bool
    recipients: int
    sent_at: UtcDatetime
    progress_message_id: int | None
    reported_at: UtcDatetime | None
    delivered: int | None
    blocked: int | None
    failed: int | None

    @property
    def batch(self) -> str:
        """The outbox batch of its messages to members."""
        return f"bin:{self.id}"


_COLUMNS = (
    "id, sender_id, kind, areas, text, photo_file_id, answers, paid, recipients, sent_at,"
    " progress_message_id, reported_at, delivered, blocked, failed"
)


def _alert(row: aiosqlite.Row) -> Alert:
    data = dict(row)
    data["areas"] = from_json(data["areas"])
    return Alert.model_validate(data)


async def create(
    conn: aiosqlite.Connection,
    *,
    sender_id: int,
    kind: AlertKind,
    areas: list[str],
    text: str,
    photo_file_id: str | None,
    answers: bool,
    paid: bool,
    recipients: int,
    now: datetime,
) -> Alert:
    async with conn.execute(
        "INSERT INTO bin_alerts (sender_id, kind, areas, text, photo_file_id, answers, paid,"
        f" recipients, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING {_COLUMNS}",
        (
            sender_id,
            kind.value,
            to_json(areas),
            text,
            photo_file_id,
            int(answers),
            int(paid),
            recipients,
            timestamp(now),
        ),
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return _alert(row)


async def get(conn: aiosqlite.Connection, alert_id: int) -> Alert | None:
    async with conn.execute(
        f"SELECT {_COLUMNS} FROM bin_alerts WHERE id = ?", (alert_id,)
    ) as cursor:
        row = await cursor.fetchone()
    return None if row is None else _alert(row)


async def latest(
    conn: aiosqlite.Connection, sender_id: int | None = None, limit: int = 10
) -> list[Alert]:
    """The latest alerts, of one sender or of everyone."""
    where, params = ("WHERE sender_id = ?", [sender_id]) if sender_id is not None else ("", [])
    rows = await conn.execute_fetchall(
        f"SELECT {_COLUMNS} FROM bin_alerts {where} ORDER BY id DESC LIMIT ?", [*params, limit]
    )
    return [_alert(row) for row in rows]


async def unreported(conn: aiosqlite.Connection) -> list[Alert]:
    """Alerts whose sender has not had the final report yet."""
    rows = await conn.execute_fetchall(
        f"SELECT {_COLUMNS} FROM bin_alerts WHERE reported_at IS NULL ORDER BY id"
    )
    return [_alert(row) for row in rows]


async def set_progress_message(conn: aiosqlite.Connection, alert_id: int, message_id: int) -> None:
    await conn.execute(
        "UPDATE bin_alerts SET progress_message_id = ? WHERE id = ?", (message_id, alert_id)
    )


async def mark_reported(
    conn: aiosqlite.Connection,
    alert_id: int,
    now: datetime,
    *,
    delivered: int,
    blocked: int,
    failed: int,
) -> None:
    """The sending is over: its figures are kept with the alert."""
    await conn.execute(
        "UPDATE bin_alerts SET reported_at = ?, delivered = ?, blocked = ?, failed = ?"
        " WHERE id = ?",
        (timestamp(now), delivered, blocked, failed, alert_id),
    )


async def count_for_areas(conn: aiosqlite.Connection, areas: list[str]) -> dict[str, int]:
    """Alerts sent per wijk."""
    found = dict.fromkeys(areas, 0)
    rows = await conn.execute_fetchall(
        "SELECT j.value AS area, count(*) AS n FROM bin_alerts, json_each(bin_alerts.areas) j"
        " GROUP BY j.value"
    )
    for row in rows:
        if row["area"] in found:
            found[str(row["area"])] = int(row["n"])
    return found
