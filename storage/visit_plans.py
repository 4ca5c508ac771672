"""An officer's decision to keep a contact out of the visit digest for a while.

"Bezoek gepland" keeps him out until the planned day has passed, "later" for a week; the
latest decision replaces the one before.
"""

from datetime import date, datetime
from enum import StrEnum

import aiosqlite
from pydantic import BaseModel

from storage.codecs import UtcDatetime, timestamp
from storage.rows import one


class PlanKind(StrEnum):
    PLANNED = "planned"
    SNOOZED = "snoozed"


class VisitPlan(BaseModel):
    contact_id: int
    kind: PlanKind
    planned_on: date | None  # the visit day, when planned
    back_on: date  # the first day the contact is in the digest again
    set_by: int | None
    set_at: UtcDatetime


_SELECT = (
    "SELECT p.contact_id, p.kind, p.planned_on, p.back_on, p.set_by, p.set_at FROM visit_plans AS p"
)


async def put(
    conn: aiosqlite.Connection,
    contact_id: int,
    kind: PlanKind,
    back_on: date,
    set_by: int | None,
    now: datetime,
    planned_on: date | None = None,
) -> VisitPlan:
    kind = PlanKind(kind)
    await conn.execute(
        "INSERT INTO visit_plans (contact_id, kind, planned_on, back_on, set_by, set_at)"
        " VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (contact_id) DO UPDATE SET kind = excluded.kind,"
        " planned_on = excluded.planned_on, back_on = excluded.back_on,"
        " set_by = excluded.set_by, set_at = excluded.set_at",
        (
            contact_id,
            kind.value,
            planned_on.isoformat() if planned_on else None,
            back_on.isoformat(),
            set_by,
            timestamp(now),
        ),
    )
    return VisitPlan(
        contact_id=contact_id,
        kind=kind,
        planned_on=planned_on,
        back_on=back_on,
        set_by=set_by,
        set_at=now,
    )


async def get(conn: aiosqlite.Connection, contact_id: int) -> VisitPlan | None:
    row = await one(conn, f"{_SELECT} WHERE p.contact_id = ?", (contact_id,))
    return None if row is None else VisitPlan.model_validate(dict(row))


async def for_officer(conn: aiosqlite.Connection, officer_id: int) -> dict[int, VisitPlan]:
    """The plans of the officer's contacts, by contact id."""
    rows = await conn.execute_fetchall(
        f"{_SELECT} JOIN contacts AS c ON c.id = p.contact_id WHERE c.officer_id = ?",
        (officer_id,),
    )
    return {row["contact_id"]: VisitPlan.model_validate(dict(row)) for row in rows}
