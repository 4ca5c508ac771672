"""The reminder run apart from Telegram: read what is due, claim each reminder, record the end.

The database is the truth: what is due follows from contacts, scans and plans; what was sent
is in `deliveries`. The caller sends between `claim` and `record`, so whatever wakes the run,
however often, a reminder goes out once.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum

import aiosqlite

from dialogs.engine.engine import flows_in
from dialogs.engine.zone import Zone
from dialogs.reminders.due import Network, Planned, Snapshot, Waiting, plan, sending_day
from dialogs.sectorscan.scan import FLOW as SCAN_FLOW
from storage import (
    blocked_people,
    contacts,
    deliveries,
    dialog_states,
    digest_preferences,
    invites,
    people,
    scan_requests,
    visit_plans,
)
from storage.db import Database
from storage.deliveries import Delivery, DeliveryStatus
from storage.people import Role

log = logging.getLogger(__name__)

# A claim this old whose run never recorded an end belongs to a run that died; longer than
# one message can take with the rate limiter's retries.
STALE_CLAIM = timedelta(minutes=15)
MAX_ATTEMPTS = 5  # then a reminder that keeps failing is given up for its period


class Outcome(StrEnum):
    SENT = "sent"
    BLOCKED = "blocked"  # the person blocked the bot
    RETRY = "retry"  # a temporary error: a later run tries again
    FAILED = "failed"  # Telegram refused it for good


async def snapshot(conn: aiosqlite.Connection) -> Snapshot:
    """Everything the reminders depend on, read in one transaction."""
    staff = [
        p for role in (Role.OFFICER, Role.ADMIN) for p in await people.list_by_role(conn, role)
    ]
    open_requests = await scan_requests.list_open(conn)
    return Snapshot(
        networks=tuple([await network_of(conn, person, open_requests) for person in staff]),
        admins=tuple(p for p in staff if p.role is Role.ADMIN),
        waiting=tuple(await _waiting(conn, open_requests)),
        frequencies=await digest_preferences.all_set(conn),
        blocked=frozenset(await blocked_people.ids(conn)),
        joined=await invites.joined_staff(conn),
    )


async def network_of(
    conn: aiosqlite.Connection,
    person: people.Person,
    open_requests: list[scan_requests.ScanRequest] | None = None,
) -> Network:
    """The person's active contacts with their plans and the scans set ready for them."""
    if open_requests is None:
        open_requests = await scan_requests.list_open(conn)
    by_contact = {request.contact_id: request for request in open_requests}
    own = await contacts.list_for_officer(conn, person.id)
    return Network(
        person,
        tuple(own),
        await visit_plans.for_officer(conn, person.id),
        {c.id: by_contact[c.id] for c in own if c.id in by_contact},
    )


async def _waiting(
    conn: aiosqlite.Connection, requests: list[scan_requests.ScanRequest]
) -> list[Waiting]:
    """Open scan requests that could still earn their one reminder."""
    found = []
    for request in requests:
        if request.reminded_at is not None:
            continue
        contact = await contacts.get(conn, request.contact_id)
        if contact is None or not contact.active or contact.person_id is None:
            continue
        person = await people.get(conn, contact.person_id)
        officer = await people.get(conn, contact.officer_id)
        if person is None or person.role is not Role.CONTACT:
            continue
        state = await dialog_states.get(conn, person.id)
        started = SCAN_FLOW in flows_in(state)
        found.append(Waiting(person, contact, officer.name if officer else "-", request, started))
    return found


async def due_now(db: Database, zone: Zone, tz: tzinfo, now: datetime) -> list[Planned]:
    if sending_day(now, zone, tz) is None:  # most wake-ups: nights, weekends, holidays
        return []
    async with db.transaction() as conn:
        return plan(await snapshot(conn), now, zone, tz)


async def claim(db: Database, planned: Planned, now: datetime) -> Delivery | None:
    """The right to send this reminder now, or None when it is not ours to send."""
    async with db.transaction() as conn:
        return await deliveries.claim(
            conn,
            planned.kind,
            planned.person.id,
            planned.period,
            now,
            stale_before=now - STALE_CLAIM,
            max_attempts=MAX_ATTEMPTS,
        )


async def record(
    db: Database, delivery: Delivery, planned: Planned, outcome: Outcome, now: datetime
) -> DeliveryStatus:
    """Store how the sending ended, with what follows from it; returns the status stored."""
    status = {
        Outcome.SENT: DeliveryStatus.SENT,
        Outcome.BLOCKED: DeliveryStatus.BLOCKED,
        Outcome.FAILED: DeliveryStatus.FAILED,
        Outcome.RETRY: (
            DeliveryStatus.RETRY if delivery.attempts < MAX_ATTEMPTS else DeliveryStatus.FAILED
        ),
    }[outcome]
    async with db.transaction() as conn:
        await deliveries.finish(conn, delivery.id, status, now)
        if outcome is Outcome.SENT and planned.waiting is not None:
            await scan_requests.mark_reminded(conn, planned.waiting.request.id, now)
        if outcome is Outcome.BLOCKED:
            await blocked_people.mark(conn, planned.person.id, now)
    if status is not DeliveryStatus.SENT:
        log.warning(
            "%s for person %s (%s) ended %s after %s attempt(s)",
            planned.kind,
            planned.person.id,
            planned.period,
            status,
            delivery.attempts,
        )
    return status


async def already(db: Database, planned: list[Planned]) -> list[Delivery | None]:
    """What the outbox holds for each planned reminder, for a dry run."""
    async with db.transaction() as conn:
        return [await deliveries.get(conn, p.kind, p.person.id, p.period) for p in planned]


async def came_back(db: Database, telegram_id: int) -> None:
    """The person unblocked the bot: reminders reach him again."""
    async with db.transaction() as conn:
        person = await people.by_telegram_id(conn, telegram_id)
        if person is not None and await blocked_people.clear(conn, person.id):
            log.info("person %s unblocked the bot", person.id)
