"""What the reminders depend on: visit plans, digest preferences, blocked people."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

import pytest

from storage import blocked_people, contacts, digest_preferences, visit_plans
from storage.contacts import NewContact
from storage.db import Database
from storage.digest_preferences import Frequency
from storage.people import Person
from storage.visit_plans import PlanKind

DAY = date(2025, 3, 14)


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
