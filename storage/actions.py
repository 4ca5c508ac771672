"""After a meeting: the priorities chosen and the actions agreed for them."""

from datetime import date, datetime
from enum import StrEnum

import aiosqlite
from pydantic import BaseModel, Field

from storage.codecs import UtcDatetime, timestamp
from storage.errors import NotFoundError
from storage.rows import inserted_id


class ActionStatus(StrEnum):
    PLANNED = "planned"  # gepland
    IN_PROGRESS = "in_progress"  # bezig
    DONE = "done"  # uitgevoerd
    NOT_FEASIBLE = "not_feasible"  # niet haalbaar


class Priority(BaseModel):
    meeting_id: int
    problem: str
    position: int


class NewAction(BaseModel):
    meeting_id: int
    problem: str  # the priority it serves
    what: str
    partner: str | None
    effect: int = Field(ge=1, le=5)
    feasibility: int = Field(ge=1, le=5)
    due_on: date | None
    concern_ids: list[int]  # the concerns it answers


class Action(NewAction):
    id: int
    status: ActionStatus
    created_by: int | None
    created_at: UtcDatetime
    updated_at: UtcDatetime


_SELECT = (
    "SELECT id, meeting_id, problem, what, partner, effect, feasibility, due_on, status,"
    " created_by, created_at, updated_at FROM actions"
)


async def add_priority(
    conn: aiosqlite.Connection, meeting_id: int, problem: str, now: datetime
) -> bool:
    """Add a priority after the ones chosen before; False when it already is one."""
    cursor = await conn.execute(
        "INSERT INTO priorities (meeting_id, problem, position, created_at)"
        " SELECT ?, ?, coalesce(max(position), 0) + 1, ? FROM priorities WHERE meeting_id = ?"
        " ON CONFLICT DO NOTHING",
        (meeting_id, problem, timestamp(now), meeting_id),
    )
    return cursor.rowcount == 1


async def priorities(conn: aiosqlite.Connection, meeting_id: int) -> list[Priority]:
    rows = await conn.execute_fetchall(
        "SELECT meeting_id, problem, position FROM priorities WHERE meeting_id = ?"
        " ORDER BY position",
        (meeting_id,),
    )
    return [Priority.model_validate(dict(row)) for row in rows]


async def add(
    conn: aiosqlite.Connection, new: NewAction, created_by: int | None, now: datetime
) -> Action:
    at = timestamp(now)
    cursor = await conn.execute(
        "INSERT INTO actions (meeting_id, problem, what, partner, effect, feasibility, due_on,"
        " created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            new.meeting_id,
            new.problem,
            new.what,
            new.partner,
            new.effect,
            new.feasibility,
            new.due_on.isoformat() if new.due_on else None,
            created_by,
            at,
            at,
        ),
    )
    action_id = inserted_id(cursor)
    await conn.executemany(
        "INSERT INTO action_concerns (action_id, concern_id) VALUES (?, ?)",
        [(action_id, concern_id) for concern_id in dict.fromkeys(new.concern_ids)],
    )
    action = await get(conn, action_id)
    if action is None:
        raise NotFoundError(f"action {action_id} vanished right after being stored")
    return action


async def get(conn: aiosqlite.Connection, action_id: int) -> Action | None:
    found = await _many(conn, f"{_SELECT} WHERE id = ?", action_id)
    return found[0] if found else None


async def list_for_meeting(conn: aiosqlite.Connection, meeting_id: int) -> list[Action]:
    return await _many(conn, f"{_SELECT} WHERE meeting_id = ? ORDER BY id", meeting_id)


async def list_for_concerns(conn: aiosqlite.Connection, concern_ids: list[int]) -> list[Action]:
    """The actions that answer any of these concerns."""
    if not concern_ids:
        return []
    marks = ", ".join("?" * len(concern_ids))
    return await _many(
        conn,
        f"{_SELECT} WHERE id IN (SELECT action_id FROM action_concerns"
        f" WHERE concern_id IN ({marks})) ORDER BY id",
        *concern_ids,
    )


async def set_status(
    conn: aiosqlite.Connection, action_id: int, status: ActionStatus, now: datetime
) -> bool:
    """Change the status; False when it already had this status, so nothing changed."""
    cursor = await conn.execute(
        "UPDATE actions SET status = ?, updated_at = ? WHERE id = ? AND status <> ?",
        (ActionStatus(status).value, timestamp(now), action_id, ActionStatus(status).value),
    )
    if cursor.rowcount == 1:
        return True
    if await get(conn, action_id) is None:
        raise NotFoundError(f"no action with id {action_id}")
    return False


async def _many(conn: aiosqlite.Connection, sql: str, *args: object) -> list[Action]:
    rows = await conn.execute_fetchall(sql, args)
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    marks = ", ".join("?" * len(ids))
    answered: dict[int, list[int]] = {action_id: [] for action_id in ids}
    for row in await conn.execute_fetchall(
        f"SELECT action_id, concern_id FROM action_concerns WHERE action_id IN ({marks})"
        " ORDER BY concern_id",
        ids,
    ):
        answered[row["action_id"]].append(row["concern_id"])
    return [
        Action.model_validate({**dict(row), "concern_ids": answered[row["id"]]}) for row in rows
    ]
