"""BIN alerts: what the police sent to which wijken, and how its sending is followed.

An alert is the zone's own communication: its text, sender, time and figures are kept. The
messages themselves are outbox rows of the alert's batch, which say how far it has come. They
are queued a slice of members at a time (`next_to_queue`, `queued`), as the outbox sends them:
until the last member is queued the alert keeps what each member gets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import aiosqlite
from pydantic import BaseModel

from storage import rows
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
    queued_until: int | None  # the last member (person id) queued so far; None: all are

    @property
    def all_queued(self) -> bool:
        """Every member's message is in the outbox (or the alert went to nobody)."""
        return self.queued_until is None

    @property
    def batch(self) -> str:
        """The outbox batch of its messages to members."""
        return f"bin:{self.id}"


_COLUMNS = (
    "id, sender_id, kind, areas, text, photo_file_id, answers, paid, recipients, sent_at,"
    " progress_message_id, reported_at, delivered, blocked, failed, queued_until"
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
    """The alert, with nobody's message queued yet (see `to_queue`)."""
    async with conn.execute(
        "INSERT INTO bin_alerts (sender_id, kind, areas, text, photo_file_id, answers, paid,"
        " recipients, sent_at, queued_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)"
        f" RETURNING {_COLUMNS}",
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


@dataclass(frozen=True, slots=True)
class ToQueue:
    """What each member of an alert gets, as stored replies: its photo, if any, then its text."""

    alert: Alert
    photo: str | None
    message: str


async def set_to_queue(
    conn: aiosqlite.Connection, alert_id: int, photo: str | None, message: str
) -> None:
    await conn.execute(
        "UPDATE bin_alerts SET to_queue = ? WHERE id = ?",
        (to_json({"photo": photo, "message": message}), alert_id),
    )


async def next_to_queue(conn: aiosqlite.Connection, paid: bool) -> ToQueue | None:
    """The oldest alert of this lane (paid broadcasts or not) whose members are not all queued."""
    row = await rows.one(
        conn,
        f"SELECT {_COLUMNS}, to_queue FROM bin_alerts WHERE to_queue IS NOT NULL AND paid = ?"
        " ORDER BY id LIMIT 1",
        (int(paid),),
    )
    if row is None:
        return None
    data = dict(row)
    replies = from_json(data.pop("to_queue"))
    data["areas"] = from_json(data["areas"])
    return ToQueue(Alert.model_validate(data), replies["photo"], replies["message"])


async def queueing(conn: aiosqlite.Connection) -> bool:
    """Whether some alert still has members to queue."""
    row = await rows.one(
        conn, "SELECT EXISTS (SELECT 1 FROM bin_alerts WHERE to_queue IS NOT NULL)"
    )
    return bool(row and row[0])


async def queued(conn: aiosqlite.Connection, alert_id: int, until: int | None) -> None:
    """Members up to person `until` are queued; None: all are, and what they get is let go."""
    if until is None:
        await conn.execute(
            "UPDATE bin_alerts SET queued_until = NULL, to_queue = NULL WHERE id = ?", (alert_id,)
        )
    else:
        await conn.execute("UPDATE bin_alerts SET queued_until = ? WHERE id = ?", (until, alert_id))


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
