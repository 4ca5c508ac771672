"""Who gets which reminder at a given moment: the pure rules, with dates given."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from dialogs.engine.zone import Zone
from dialogs.reminders.due import (
    DueContact,
    Network,
    Planned,
    ReminderKind,
    Snapshot,
    Waiting,
    due_contacts,
    due_of,
    plan,
)
from dialogs.sectorscan.visit_rule import VisitDue, VisitStatus
from storage.contacts import Contact
from storage.digest_preferences import Frequency
from storage.people import Person, Role
from storage.scan_requests import ScanRequest
from storage.visit_plans import PlanKind, VisitPlan

BRUSSELS = ZoneInfo("Europe/Brussels")
ZONE = Zone()
LONG_AGO = datetime(2024, 1, 10, 12, tzinfo=UTC)


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """A local moment in Brussels."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BRUSSELS)


def person(person_id: int, role: Role = Role.OFFICER, name: str = "Peeters") -> Person:
    return Person(
        id=person_id,
        telegram_id=500 + person_id,
        name=name,
        role=role,
        area="Centrum",
        language="nl",
        created_at=LONG_AGO,
        updated_at=LONG_AGO,
    )


def contact(
    contact_id: int,
    organisation: str,
    last_visit: date | None,
    added: datetime = LONG_AGO,
    officer_id: int = 1,
) -> Contact:
    return Contact(
        id=contact_id,
        officer_id=officer_id,
        person_id=None,
        name="Iemand",
        organisation=organisation,
        role="winkelier",
        area="Centrum",
        phone=None,
        street=None,
        active=True,
        created_at=added,
        updated_at=added,
        deactivated_at=None,
        last_visit=last_visit,
    )


TODAY = date(2026, 3, 2)  # a Monday
NETWORK = Network(
    person(1),
    (
        contact(1, "Fine", date(2025, 6, 1)),  # due 2026-06-01: not yet
        contact(2, "Soon late", date(2025, 3, 25)),  # due 2026-03-25: within 30 days
        contact(3, "Just late", date(2025, 3, 1)),  # due 2026-03-01: overdue by a day
        contact(4, "Long late", date(2024, 11, 2)),  # due 2025-11-02
        # Never visited: due a year after the day he was added.
        contact(5, "Never visited", None, added=datetime(2025, 2, 1, 10, tzinfo=UTC)),
        contact(6, "Soon", date(2025, 3, 10)),  # due 2026-03-10
        contact(7, "Added today", None, added=datetime(2026, 3, 2, 7, tzinfo=UTC)),
        contact(8, "Added last March", None, added=datetime(2025, 3, 20, 9, tzinfo=UTC)),
    ),
)


def organisations(items: list[DueContact]) -> list[str]:
    return [item.contact.organisation for item in items]


def test_overdue_longest_first_then_due_soon_soonest_first() -> None:
    due = due_contacts(NETWORK, TODAY, ZONE, BRUSSELS)
    assert organisations(due) == [
        "Long late",
        "Never visited",  # added 2025-02-01, so due 2026-02-01
        "Just late",
        "Soon",
        "Added last March",  # due 2026-03-20
        "Soon late",
    ]
    statuses = [item.due.status for item in due]
    assert statuses == [VisitStatus.OVERDUE] * 3 + [VisitStatus.DUE] * 3


def test_a_contact_added_today_is_due_a_year_later_not_today() -> None:
    added = NETWORK.contacts[6]
    assert due_of(added, TODAY, ZONE, BRUSSELS) == VisitDue(VisitStatus.FINE, date(2027, 3, 2))
    for later in (1, 30, 300):
        day = TODAY + timedelta(days=later)
        assert "Added today" not in organisations(due_contacts(NETWORK, day, ZONE, BRUSSELS))


def test_the_zone_settings_move_the_dates() -> None:
    zone = Zone(visit_interval_months=6, visit_due_soon_days=0)
    due = due_contacts(NETWORK, TODAY, zone, BRUSSELS)
    # Every visit (or addition) more than six months ago is overdue; "due soon" is only the
    # due day itself.
    assert organisations(due) == [
        "Long late",
        "Never visited",
        "Just late",
        "Soon",
        "Added last March",
        "Soon late",
        "Fine",
    ]


def digests(planned: list[Planned]) -> list[tuple[str, date]]:
    return [(p.person.name, p.period) for p in planned if p.kind is ReminderKind.DIGEST]


@pytest.mark.parametrize(
    ("moment", "sends"),
    [
        (at(TODAY, 8, 29), False),  # before the reminder time
        (at(TODAY, 8, 30), True),
        (at(TODAY, 23, 59), True),  # down at the hour: still today
        (at(date(2026, 3, 7)), False),  # Saturday
        (at(date(2026, 3, 8)), False),  # Sunday
        (at(date(2026, 4, 6)), False),  # Paasmaandag
        (at(date(2026, 5, 1)), False),  # Dag van de Arbeid
        (at(date(2026, 4, 7)), True),
    ],
)
def test_working_days_after_the_hour_only(moment: datetime, sends: bool) -> None:
    planned = plan(Snapshot((NETWORK,), ()), moment, ZONE, BRUSSELS)
    assert bool(digests(planned)) is sends


def test_the_reminder_time_is_a_setting() -> None:
    zone = Zone(reminder_time=datetime(2026, 1, 1, 14, 0).time())
    snapshot = Snapshot((NETWORK,), ())
    assert plan(snapshot, at(TODAY, 13, 59), zone, BRUSSELS) == []
    assert digests(plan(snapshot, at(TODAY, 14, 0), zone, BRUSSELS))


def test_weekly_on_the_first_working_day_of_the_week_and_off_never() -> None:
    weekly = Snapshot((NETWORK,), (), frequencies={1: Frequency.WEEKLY})
    assert digests(plan(weekly, at(date(2026, 3, 2)), ZONE, BRUSSELS)) == [
        ("Peeters", date(2026, 3, 2))
    ]
    assert digests(plan(weekly, at(date(2026, 3, 3)), ZONE, BRUSSELS)) == []
    # After Paasmaandag the week starts on Tuesday; the period stays the week's Monday.
    assert digests(plan(weekly, at(date(2026, 4, 7)), ZONE, BRUSSELS)) == [
        ("Peeters", date(2026, 4, 6))
    ]
    off = Snapshot((NETWORK,), (), frequencies={1: Frequency.OFF})
    assert plan(off, at(TODAY), ZONE, BRUSSELS) == []


def test_staff_who_started_after_the_reminder_time_wait_for_the_next_one() -> None:
    admin = person(9, Role.ADMIN, "Teamchef")
    evening = at(TODAY, 21, 0)
    started = Snapshot((NETWORK,), (admin,), joined={1: evening, 9: evening})
    assert plan(started, at(TODAY, 21, 17), ZONE, BRUSSELS) == []
    tomorrow = plan(started, at(TODAY + timedelta(days=1)), ZONE, BRUSSELS)
    assert digests(tomorrow) == [("Peeters", TODAY + timedelta(days=1))]
    early = Snapshot((NETWORK,), (admin,), joined={1: at(TODAY, 8, 30), 9: at(TODAY, 8, 0)})
    kinds = {(p.person.name, p.kind) for p in plan(early, at(TODAY, 21, 17), ZONE, BRUSSELS)}
    assert kinds == {("Peeters", ReminderKind.DIGEST), ("Teamchef", ReminderKind.OVERVIEW)}


def test_nothing_due_means_no_digest() -> None:
    calm = Network(person(1), (contact(1, "Fine", date(2025, 6, 1)),))
    assert plan(Snapshot((calm,), ()), at(TODAY), ZONE, BRUSSELS) == []


def test_blocked_or_erased_people_get_nothing() -> None:
    blocked = Snapshot((NETWORK,), (), blocked=frozenset({1}))
    assert plan(blocked, at(TODAY), ZONE, BRUSSELS) == []
    erased = Network(NETWORK.person.model_copy(update={"telegram_id": None}), NETWORK.contacts)
    assert plan(Snapshot((erased,), ()), at(TODAY), ZONE, BRUSSELS) == []


def plan_of(kind: PlanKind, back_on: date, planned_on: date | None = None) -> VisitPlan:
    return VisitPlan(
        contact_id=4,
        kind=kind,
        planned_on=planned_on,
        back_on=back_on,
        set_by=1,
        set_at=LONG_AGO,
    )


def test_planned_and_snoozed_contacts_leave_the_list_until_their_day() -> None:
    planned = Network(
        NETWORK.person,
        NETWORK.contacts,
        {4: plan_of(PlanKind.PLANNED, date(2026, 3, 10), planned_on=date(2026, 3, 9))},
    )
    for day, listed in ((date(2026, 3, 9), False), (date(2026, 3, 10), True)):
        shown = organisations(due_contacts(planned, day, ZONE, BRUSSELS))
        kept = organisations(due_contacts(planned, day, ZONE, BRUSSELS, planned=True))
        assert ("Long late" in shown) is listed
        assert kept == ([] if listed else ["Long late"])


def test_the_admin_overview_counts_every_officer_weekly() -> None:
    admin = person(9, Role.ADMIN, "Teamchef")
    other = Network(person(2, name="Claes"), ())
    snapshot = Snapshot((NETWORK, other, Network(admin, ())), (admin,))
    monday = [p for p in plan(snapshot, at(TODAY), ZONE, BRUSSELS) if p.person == admin]
    assert [p.kind for p in monday] == [ReminderKind.OVERVIEW]
    counts = {(c.person.name, c.contacts, c.overdue, c.due_soon) for c in monday[0].counts}
    assert counts == {("Peeters", 8, 3, 3), ("Claes", 0, 0, 0)}  # the admin has no network
    tuesday = plan(snapshot, at(TODAY + timedelta(days=1)), ZONE, BRUSSELS)
    assert [p for p in tuesday if p.person == admin] == []
    off = Snapshot(snapshot.networks, (admin,), frequencies={9: Frequency.OFF})
    assert [p for p in plan(off, at(TODAY), ZONE, BRUSSELS) if p.person == admin] == []


def waiting(requested: datetime, *, reminded: bool = False, started: bool = False) -> Waiting:
    request = ScanRequest(
        id=1,
        contact_id=4,
        requested_by=1,
        requested_at=requested,
        reminded_at=requested + timedelta(days=8) if reminded else None,
        closed_at=None,
    )
    return Waiting(
        person(20, Role.CONTACT, "An"), contact(4, "Long late", None), "Peeters", request, started
    )


def test_a_scan_left_waiting_gets_one_reminder_a_week_later() -> None:
    sent = datetime(2026, 2, 23, 10, 0, tzinfo=UTC)  # a Monday, 11:00 in Brussels

    def reminders(item: Waiting, moment: datetime) -> list[Planned]:
        planned = plan(Snapshot((), (), (item,)), moment, ZONE, BRUSSELS)
        return [p for p in planned if p.kind is ReminderKind.SCAN_REMINDER]

    assert reminders(waiting(sent), at(date(2026, 3, 2), 10, 59)) == []  # not a week yet
    assert [p.period for p in reminders(waiting(sent), at(date(2026, 3, 2), 11, 0))] == [
        date(2026, 3, 2)
    ]
    assert reminders(waiting(sent, reminded=True), at(date(2026, 3, 9))) == []  # no more
    assert reminders(waiting(sent, started=True), at(date(2026, 3, 9))) == []
