"""Where each person is in a multi-step dialog, so a dialog survives a restart."""

from datetime import datetime
from typing import Any

import aiosqlite
from pydantic import BaseModel

from storage.codecs import UtcDatetime, from_json, timestamp, to_json
from storage.rows import one


class DialogState(BaseModel):
    person_id: int
    flow: str
    step: str
    token: str
    data: dict[str, Any]
    message_id: int | None
    started_at: UtcDatetime
    updated_at: UtcDatetime


async def get(conn: aiosqlite.Connection, person_id: int) -> DialogState | None:
    row = await one(
        conn,
        "SELECT person_id, flow, step, token, data, message_id, started_at, updated_at"
        " FROM dialog_states WHERE person_id = ?",
        (person_id,),
    )
    if row is None:
        return None
    return DialogState.model_validate({**dict(row), "data": from_json(row["data"])})


async def save(conn: aiosqlite.Connection, state: DialogState) -> None:
    """Insert or replace the person's state: one dialog at a time per person."""
    await conn.execute(
        "INSERT INTO dialog_states"
        " (person_id, flow, step, token, data, message_id, started_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (person_id) DO UPDATE SET"
        " flow = excluded.flow, step = excluded.step, token = excluded.token,"
        " data = excluded.data, message_id = excluded.message_id,"
        " started_at = excluded.started_at, updated_at = excluded.updated_at",
        (
            state.person_id,
            state.flow,
            state.step,
            state.token,
            to_json(state.data),
            state.message_id,
            timestamp(state.started_at),
            timestamp(state.updated_at),
        ),
    )


async def delete(conn: aiosqlite.Connection, person_id: int) -> None:
    await conn.execute("DELETE FROM dialog_states WHERE person_id = ?", (person_id,))


async def delete_untouched_since(conn: aiosqlite.Connection, cutoff: datetime) -> int:
    """Drop dialogs abandoned before `cutoff`; returns how many."""
    cursor = await conn.execute(
        "DELETE FROM dialog_states WHERE updated_at < ?", (timestamp(cutoff),)
    )
    return cursor.rowcount
