"""The reminder outbox and what reminders depend on: plans, preferences, blocked people."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from storage import blocked_people, contacts, deliveries, digest_preferences, visit_plans
from storage.contacts import NewContact
from storage.db import Database
from storage.deliveries import Delivery, DeliveryKind, DeliveryStatus
from storage.digest_preferences import Frequency
from storage.people import Person
from storage.visit_plans import PlanKind

DAY = date(2025, 3, 14)
LEASE = timedelta(minutes=15)


async def claim(
    db: Database, now: datetime, person_id: int, max_attempts: int = 5
) -> Delivery | None:
    async with db.transaction() as conn:
        return await deliveries.claim(
            conn,
            DeliveryKind.DIGEST,
            person_id,
            DAY,
            now,
            stale_before=now - LEASE,
            max_attempts=max_attempts,
        )


async def finish(db: Database, delivery_id: int, status: DeliveryStatus, now: datetime) -> None:
    async with db.transaction() as conn:
        await deliveries.finish(conn, delivery_id, status, now)


async def test_a_reminder_is_claimed_once(db: Database, officer: Person, now: datetime) -> None:
    first = await claim(db, now, officer.id)
    assert first is not None
    assert (first.status, first.attempts, first.period) == (DeliveryStatus.SENDING, 1, DAY)
    assert await claim(db, now, officer.id) is None  # another run is sending it
    await finish(db, first.id, DeliveryStatus.SENT, now)
    assert await claim(db, now + timedelta(hours=5), officer.id) is None  # sent: never again
    async with db.transaction() as conn:
        stored = await deliveries.get(conn, DeliveryKind.DIGEST, officer.id, DAY)
        other_kind = await deliveries.get(conn, DeliveryKind.OVERVIEW, officer.id, DAY)
    assert stored is not None and stored.status is DeliveryStatus.SENT
    assert stored.finished_at == now and other_kind is None


async def test_a_temporary_failure_is_claimed_again_until_the_attempts_run_out(
    db: Database, officer: Person, now: datetime
) -> None:
    delivery = await claim(db, now, officer.id, max_attempts=2)
    assert delivery is not None
    await finish(db, delivery.id, DeliveryStatus.RETRY, now)
    again = await claim(db, now, officer.id, max_attempts=2)
    assert again is not None and again.id == delivery.id and again.attempts == 2
    await finish(db, again.id, DeliveryStatus.RETRY, now)
    assert await claim(db, now, officer.id, max_attempts=2) is None


async def test_a_claim_left_by_a_run_that_died_is_taken_over_after_the_lease(
    db: Database, officer: Person, now: datetime
) -> None:
    assert await claim(db, now, officer.id) is not None
    assert await claim(db, now + LEASE - timedelta(seconds=1), officer.id) is None
    taken = await claim(db, now + LEASE + timedelta(seconds=1), officer.id)
    assert taken is not None and taken.attempts == 2


async def test_two_processes_claim_one_reminder_once(
    db_path: Path, db: Database, officer: Person, now: datetime
) -> None:
    other = await Database.open(db_path)  # a second connection, as a second process has
    try:
        results = await asyncio.gather(
            *(claim(database, now, officer.id) for database in (db, other, db, other))
        )
    finally:
        await other.close()
    assert sum(result is not None for result in results) == 1


async def test_a_running_sending_cannot_be_finished_as_sending(
    db: Database, officer: Person, now: datetime
) -> None:
    delivery = await claim(db, now, officer.id)
    assert delivery is not None
    with pytest.raises(ValueError):
        await finish(db, delivery.id, DeliveryStatus.SENDING, now)


async def test_the_period_is_a_date(db: Database, officer: Person, now: datetime) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO deliveries (kind, person_id, period, status, claimed_at)"
                " VALUES ('digest', ?, 'gisteren', 'sending', '')",
                (officer.id,),
            )


async def test_visit_plans_keep_the_latest_decision(
    db: Database, officer: Person, now: datetime
) -> None:
    async with db.transaction() as conn:
        contact = await contacts.add(
            conn, officer.id, NewContact(name="An", organisation="O", role="r", area="A"), now
        )
        assert await visit_plans.get(conn, contact.id) is None
        await visit_plans.put(
            conn,
            contact.id,
            PlanKind.PLANNED,
            date(2025, 3, 22),
            officer.id,
            now,
            planned_on=date(2025, 3, 21),
        )
        later = await visit_plans.put(
            conn, contact.id, PlanKind.SNOOZED, date(2025, 3, 28), officer.id, now
        )
        assert await visit_plans.get(conn, contact.id) == later
        assert await visit_plans.for_officer(conn, officer.id) == {contact.id: later}
        assert await visit_plans.for_officer(conn, officer.id + 1) == {}
        with pytest.raises(sqlite3.IntegrityError):  # a planned visit needs its day
            await visit_plans.put(conn, contact.id, PlanKind.PLANNED, DAY, officer.id, now)


async def test_preferences_default_to_daily(db: Database, officer: Person, now: datetime) -> None:
    async with db.transaction() as conn:
        assert await digest_preferences.get(conn, officer.id) is Frequency.DAILY
        await digest_preferences.put(conn, officer.id, Frequency.WEEKLY, now)
        await digest_preferences.put(conn, officer.id, Frequency.OFF, now)
        assert await digest_preferences.get(conn, officer.id) is Frequency.OFF
        assert await digest_preferences.all_set(conn) == {officer.id: Frequency.OFF}


async def test_blocked_people(db: Database, officer: Person, now: datetime) -> None:
    async with db.transaction() as conn:
        await blocked_people.mark(conn, officer.id, now)
        await blocked_people.mark(conn, officer.id, now + timedelta(days=1))
        assert await blocked_people.ids(conn) == {officer.id}
        assert await blocked_people.clear(conn, officer.id) is True
        assert await blocked_people.clear(conn, officer.id) is False
        assert await blocked_people.ids(conn) == set()
