"""The reminder run apart from Telegram: what is due now, queued in the outbox once.

The database is the truth: what is due follows from contacts, scans and plans, and the outbox
holds one row per kind of reminder, person and period (its key). A run queues what is due in
one transaction with what follows from it (a scan reminder marks its request as reminded);
the dispatcher sends it. So whatever wakes the run, however often and in whichever process,
a reminder goes out once.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from datetime import datetime, tzinfo

import aiosqlite

from dialogs.engine.engine import flows_in
from dialogs.engine.outgoing import Outgoing, queue
from dialogs.engine.texts import Texts
from dialogs.engine.zone import Zone
from dialogs.reminders.digest import render
from dialogs.reminders.due import (
    Network,
    Planned,
    ReminderKind,
    Snapshot,
    Waiting,
    plan,
    sending_day,
)
from dialogs.sectorscan.scan import FLOW as SCAN_FLOW
from storage import (
    blocked_people,
    contacts,
    dialog_states,
    digest_preferences,
    invites,
    outbox,
    people,
    scan_requests,
    visit_plans,
)
from storage.db import Database
from storage.outbox import OutboxRow
from storage.people import Role

log = logging.getLogger(__name__)


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


async def queue_due(
    db: Database, zone: Zone, texts_for: Callable[[str], Texts], tz: tzinfo, now: datetime
) -> Counter[ReminderKind]:
    """Queue every reminder due now that was not queued before; returns how many per kind."""
    queued: Counter[ReminderKind] = Counter()
    if sending_day(now, zone, tz) is None:  # most wake-ups: nights, weekends, holidays
        return queued
    async with db.transaction() as conn:
        for item in plan(await snapshot(conn), now, zone, tz):
            if await outbox.by_key(conn, item.key) is not None:
                continue  # queued by an earlier run: sent, on its way, or given up
            texts = texts_for(item.person.language)
            message = render(item, texts, texts.local(now).date())
            await queue(conn, [Outgoing(message, item.cause, item.key, bulk=True)], now)
            queued[item.kind] += 1
            if item.waiting is not None:
                await scan_requests.mark_reminded(conn, item.waiting.request.id, now)
    if queued:
        log.info("reminders queued: %s", ", ".join(f"{k}={v}" for k, v in sorted(queued.items())))
    return queued


async def already(db: Database, planned: list[Planned]) -> list[OutboxRow | None]:
    """What the outbox holds for each planned reminder, for a dry run."""
    async with db.transaction() as conn:
        return [await outbox.by_key(conn, p.key) for p in planned]


async def came_back(db: Database, telegram_id: int) -> None:
    """The person unblocked the bot: reminders reach him again."""
    async with db.transaction() as conn:
        person = await people.by_telegram_id(conn, telegram_id)
        if person is not None and await blocked_people.clear(conn, person.id):
            log.info("person %s unblocked the bot", person.id)
