"""A zone the size the issue asks for, seeded through the repositories for the benchmark:
50 officers, 5,000 contacts with five years of yearly scans, 20,000 concerns.

Random but reproducible (a fixed seed), and shaped like real answers: a few problems per
scan, compared with the previous one, meetings with concerns at a handful of streets.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import aiosqlite

from dialogs.wijk.figures import FEELINGS
from storage import actions, concerns, contacts, meetings, people, scans
from storage.actions import ActionStatus, NewAction
from storage.concerns import NewConcern
from storage.contacts import NewContact
from storage.meetings import MeetingKind, NewMeeting
from storage.people import Role
from storage.scans import FilledBy, NewScan, Trend

OFFICERS = 50
CONTACTS = 5_000
YEARS = 5
CONCERNS = 20_000
MEETINGS_PER_OFFICER_YEAR = 4
STREETS = ("Kerkstraat", "Marktplein", "Stationsstraat", "Schoolstraat", "Parklaan", "Dorpsstraat")
COMPARED = (Trend.SOLVED, Trend.IMPROVED, Trend.UNCHANGED, Trend.WORSE)
SUPPORTERS = 20  # residents who support others' concerns
ADMIN_TELEGRAM_ID = 1
FIRST_OFFICER_TELEGRAM_ID = 1000


@dataclass(frozen=True, slots=True)
class SeededZone:
    officer_telegram_ids: list[int]
    admin_telegram_id: int
    scans: int
    concerns: int


def officer_area(index: int) -> str:
    return f"Wijk {index + 1:02d}"


async def seed_zone(
    conn: aiosqlite.Connection, today: date, problems: list[str], rng: random.Random
) -> SeededZone:
    at = datetime.combine(today - timedelta(days=365 * YEARS + 30), datetime.min.time(), UTC)
    await people.create(
        conn, telegram_id=ADMIN_TELEGRAM_ID, name="Teamchef", role=Role.ADMIN, now=at
    )
    officer_ids: list[int] = []
    telegram_ids: list[int] = []
    for index in range(OFFICERS):
        telegram_id = FIRST_OFFICER_TELEGRAM_ID + index
        officer = await people.create(
            conn,
            telegram_id=telegram_id,
            name=f"Inspecteur {index + 1}",
            role=Role.OFFICER,
            now=at,
            area=officer_area(index),
        )
        officer_ids.append(officer.id)
        telegram_ids.append(telegram_id)
        await contacts.add_many(
            conn,
            officer.id,
            [
                NewContact(
                    name=f"Contact {index}-{n}",
                    organisation=f"Zaak {index}-{n}",
                    role="Winkelier",
                    area=officer_area(index),
                )
                for n in range(CONTACTS // OFFICERS)
            ],
            at,
        )
    scan_count = 0
    for officer_id in officer_ids:
        for contact in await contacts.list_for_officer(conn, officer_id):
            scan_count += await _scan_history(conn, contact.id, officer_id, today, problems, rng)
    residents = [
        (
            await people.create(
                conn, telegram_id=None, name=f"Inwoner {n}", role=Role.RESIDENT, now=at
            )
        ).id
        for n in range(SUPPORTERS)
    ]
    concern_count = await _meetings(conn, officer_ids, residents, today, problems, rng)
    return SeededZone(telegram_ids, ADMIN_TELEGRAM_ID, scan_count, concern_count)


async def _scan_history(
    conn: aiosqlite.Connection,
    contact_id: int,
    officer_id: int,
    today: date,
    problems: list[str],
    rng: random.Random,
) -> int:
    """One scan a year for five years, each compared with the one before."""
    first = today - timedelta(days=365 * YEARS - rng.randrange(0, 330))
    previous: set[str] = set()
    for year in range(YEARS):
        visited = first + timedelta(days=365 * year + rng.randrange(-20, 20))
        named = set(rng.sample(problems, rng.randrange(0, 5)))
        trends: dict[str, Trend] = {}
        if year:
            trends = {p: rng.choice(COMPARED) for p in previous}
            trends |= {p: Trend.NEW for p in named - previous}
        feeling = rng.choices(FEELINGS, weights=(3, 4, 4, 2, 1))[0]
        mark = rng.randint(3, 9)
        answers = {"gevoel": feeling, "rapport": mark, "problemen": sorted(named)}
        await scans.add(
            conn,
            NewScan(
                contact_id=contact_id,
                officer_id=officer_id,
                filled_by=FilledBy.OFFICER,
                form="sectorscan",
                form_version=1,
                visited_on=min(visited, today),
                feeling=feeling,
                mark=mark,
                priority=min(named) if named else None,
                answers=answers,
                problems={p: rng.choice(("beetje", "veel")) for p in sorted(named)},
                trends=trends,
            ),
            datetime.combine(min(visited, today), datetime.min.time(), UTC),
        )
        previous = named
    return YEARS


async def _meetings(
    conn: aiosqlite.Connection,
    officer_ids: list[int],
    residents: list[int],
    today: date,
    problems: list[str],
    rng: random.Random,
) -> int:
    meetings_total = len(officer_ids) * YEARS * MEETINGS_PER_OFFICER_YEAR
    per_meeting = CONCERNS // meetings_total
    added = 0
    for index, officer_id in enumerate(officer_ids):
        for number in range(YEARS * MEETINGS_PER_OFFICER_YEAR):
            day = today - timedelta(days=number * 91 + rng.randrange(0, 30))
            starts = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=18)
            meeting = await meetings.add(
                conn,
                officer_id,
                NewMeeting(
                    kind=rng.choice(list(MeetingKind)),
                    starts_at=starts,
                    place="Ontmoetingscentrum",
                    area=officer_area(index),
                    intake_until=starts - timedelta(days=1),
                ),
                starts - timedelta(days=30),
            )
            found = []
            for _ in range(per_meeting):
                concern = await concerns.add(
                    conn,
                    NewConcern(
                        meeting_id=meeting.id,
                        author_id=None,
                        problem=rng.choice(problems),
                        description="Overlast in de straat, vooral 's avonds.",
                        place=rng.choice(STREETS),
                        keep_informed=rng.random() < 0.3,
                    ),
                    starts - timedelta(days=10),
                )
                found.append(concern)
                added += 1
                for supporter in rng.sample(residents, rng.randrange(0, 3)):
                    await concerns.support(conn, concern.id, supporter, starts - timedelta(days=5))
            await _actions(conn, meeting.id, officer_id, found, starts, rng)
    return added


async def _actions(
    conn: aiosqlite.Connection,
    meeting_id: int,
    officer_id: int,
    found: list[concerns.Concern],
    starts: datetime,
    rng: random.Random,
) -> None:
    for concern in found[:3]:
        await actions.add_priority(conn, meeting_id, concern.problem, starts)
        action = await actions.add(
            conn,
            NewAction(
                meeting_id=meeting_id,
                problem=concern.problem,
                what="Extra toezicht",
                partner="gemeente",
                effect=rng.randint(1, 5),
                feasibility=rng.randint(1, 5),
                due_on=(starts + timedelta(days=60)).date(),
                concern_ids=[concern.id],
            ),
            officer_id,
            starts,
        )
        status = rng.choice(list(ActionStatus))
        if status is not ActionStatus.PLANNED:
            await actions.set_status(conn, action.id, status, starts + timedelta(days=30))
