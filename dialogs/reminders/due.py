"""Who gets which reminder at a given moment. Pure: the data comes in, nothing is read or sent,
so a test, a dry run and the job ask the same question about any date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from dialogs.engine.zone import Zone
from dialogs.reminders.holidays import first_working_day_of_week, is_working_day, week_start
from dialogs.sectorscan.visit_rule import VisitDue, VisitStatus, visit_due
from storage.contacts import Contact
from storage.digest_preferences import DEFAULT, Frequency
from storage.people import Person, Role
from storage.scan_requests import ScanRequest
from storage.visit_plans import VisitPlan


class ReminderKind(StrEnum):
    DIGEST = "digest"  # an officer's contacts due for a visit
    OVERVIEW = "overview"  # the admin's weekly overview per officer
    SCAN_REMINDER = "scan_reminder"  # a contact's one reminder of a scan left waiting


SNOOZE = timedelta(days=7)  # "later"
SCAN_REMINDER_AFTER = timedelta(days=7)  # a scan set ready and not started, reminded once
_ORDER = {VisitStatus.OVERDUE: 0, VisitStatus.DUE: 1, VisitStatus.FINE: 2}


@dataclass(frozen=True, slots=True)
class DueContact:
    contact: Contact
    due: VisitDue
    request: ScanRequest | None = None  # a scan set ready and not yet done
    plan: VisitPlan | None = None


@dataclass(frozen=True, slots=True)
class Network:
    """A member of staff with his active contacts, as the reminders need them."""

    person: Person
    contacts: tuple[Contact, ...]
    plans: Mapping[int, VisitPlan] = field(default_factory=dict)  # by contact id
    requests: Mapping[int, ScanRequest] = field(default_factory=dict)  # open, by contact id


@dataclass(frozen=True, slots=True)
class Waiting:
    """A scan set ready for a contact; started means he is filling it in."""

    person: Person
    contact: Contact
    officer_name: str
    request: ScanRequest
    started: bool


@dataclass(frozen=True, slots=True)
class Snapshot:
    networks: tuple[Network, ...]
    admins: tuple[Person, ...]
    waiting: tuple[Waiting, ...] = ()
    frequencies: Mapping[int, Frequency] = field(default_factory=dict)  # by person id
    blocked: frozenset[int] = frozenset()
    # When each member of staff took up the role, by person id: the last staff invite he
    # used. Staff always join by invite; one written straight into the database has no date.
    joined: Mapping[int, datetime] = field(default_factory=dict)

    def frequency(self, person: Person) -> Frequency:
        return self.frequencies.get(person.id, DEFAULT)

    def started_before(self, person: Person, moment: datetime) -> bool:
        """Whether the person was staff at `moment`: a reminder time before he started is
        not his, so he waits for the next one instead of getting it late in the evening."""
        joined = self.joined.get(person.id)
        return joined is None or joined <= moment

    def reachable(self, person: Person) -> bool:
        return person.telegram_id is not None and person.id not in self.blocked


@dataclass(frozen=True, slots=True)
class Counts:
    person: Person
    contacts: int
    overdue: int
    due_soon: int


@dataclass(frozen=True, slots=True)
class Planned:
    """One reminder to send: to whom, for which period, and what it is about."""

    kind: ReminderKind
    person: Person
    period: date
    due: tuple[DueContact, ...] = ()
    counts: tuple[Counts, ...] = ()
    waiting: Waiting | None = None

    @property
    def cause(self) -> str:
        return f"reminder.{self.kind}"

    @property
    def key(self) -> str:
        """One reminder of a kind per person and period: the outbox queues it once."""
        return f"{self.cause}:{self.person.id}:{self.period.isoformat()}"


def sending_day(now: datetime, zone: Zone, tz: tzinfo) -> date | None:
    """Today, when reminders may go out now: a working day, at or after the reminder time."""
    local = now.astimezone(tz)
    if not is_working_day(local.date()) or local.time() < zone.reminder_time:
        return None
    return local.date()


def reminder_moment(day: date, zone: Zone, tz: tzinfo) -> datetime:
    """The day's reminder time as a moment."""
    return datetime.combine(day, zone.reminder_time, tzinfo=tz)


def digest_period(frequency: Frequency, today: date) -> date | None:
    """The period a digest sent today counts for; None when none is due today.

    A weekly one goes out on the week's first working day only, like a daily one on its day:
    a day the bot was down is not made up for later.
    """
    if frequency is Frequency.DAILY:
        return today
    if frequency is Frequency.WEEKLY and first_working_day_of_week(today) == today:
        return week_start(today)
    return None


def hidden(plan: VisitPlan | None, today: date) -> bool:
    return plan is not None and today < plan.back_on


def due_of(contact: Contact, today: date, zone: Zone, tz: tzinfo) -> VisitDue:
    added_on = contact.created_at.astimezone(tz).date()
    return visit_due(contact.last_visit, added_on, today, zone)


def due_contacts(
    network: Network, today: date, zone: Zone, tz: tzinfo, *, planned: bool = False
) -> list[DueContact]:
    """Contacts due for a visit: overdue first, longest overdue first, then due soon.

    Contacts kept out by "bezoek gepland" or "later" are left out, or with `planned` they are
    the only ones given.
    """
    found = []
    for contact in network.contacts:
        due = due_of(contact, today, zone, tz)
        plan = network.plans.get(contact.id)
        if due.status is VisitStatus.FINE or hidden(plan, today) != planned:
            continue
        found.append(DueContact(contact, due, network.requests.get(contact.id), plan))
    return sorted(found, key=_order)


def _order(item: DueContact) -> tuple[int, date, str, int]:
    contact = item.contact
    return (_ORDER[item.due.status], item.due.due_on, contact.organisation.casefold(), contact.id)


def counts(network: Network, today: date, zone: Zone, tz: tzinfo) -> Counts:
    """How the officer's network stands, whatever he planned or put off."""
    statuses = [due_of(contact, today, zone, tz).status for contact in network.contacts]
    return Counts(
        network.person,
        len(statuses),
        statuses.count(VisitStatus.OVERDUE),
        statuses.count(VisitStatus.DUE),
    )


def overview_counts(snapshot: Snapshot, today: date, zone: Zone, tz: tzinfo) -> tuple[Counts, ...]:
    """Every officer, and any admin who keeps contacts of his own."""
    return tuple(
        counts(network, today, zone, tz)
        for network in snapshot.networks
        if network.person.role is Role.OFFICER or network.contacts
    )


def scan_reminder_due(waiting: Waiting, now: datetime) -> bool:
    request = waiting.request
    return (
        not waiting.started
        and request.closed_at is None
        and request.reminded_at is None
        and now >= request.requested_at + SCAN_REMINDER_AFTER
    )


def plan(snapshot: Snapshot, now: datetime, zone: Zone, tz: tzinfo) -> list[Planned]:
    """Every reminder due at `now`, whether or not it was already sent (the outbox decides)."""
    today = sending_day(now, zone, tz)
    if today is None:
        return []
    planned: list[Planned] = []
    moment = reminder_moment(today, zone, tz)
    for network in snapshot.networks:
        person = network.person
        period = digest_period(snapshot.frequency(person), today)
        if period is None or not snapshot.reachable(person):
            continue
        if not snapshot.started_before(person, moment):
            continue
        due = due_contacts(network, today, zone, tz)
        if due:
            planned.append(Planned(ReminderKind.DIGEST, person, period, due=tuple(due)))
    if first_working_day_of_week(today) == today:
        overview = overview_counts(snapshot, today, zone, tz)
        for admin in snapshot.admins:
            wanted = snapshot.frequency(admin) is not Frequency.OFF
            started = snapshot.started_before(admin, moment)
            if overview and wanted and started and snapshot.reachable(admin):
                planned.append(
                    Planned(ReminderKind.OVERVIEW, admin, week_start(today), counts=overview)
                )
    for waiting in snapshot.waiting:
        if snapshot.reachable(waiting.person) and scan_reminder_due(waiting, now):
            planned.append(
                Planned(ReminderKind.SCAN_REMINDER, waiting.person, today, waiting=waiting)
            )
    return planned
