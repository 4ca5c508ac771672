"""A small zone with figures worked out by hand, for the tests of the wijk in view.

"Today" is 2 March 2026 (the test clock), so the default period runs from 1 April 2025 to
1 April 2026 and the one before from 1 April 2024.

Officer Peeters (Centrum), his contacts and their latest scan in the period:
  1  zelden, mark 7, te_snel_rijden (veel); trends te_snel_rijden worse, sluikstorten solved
     (before: 10 June 2024, soms, mark 6, te_snel_rijden + sluikstorten)
  2  soms, mark 8, te_snel_rijden + drugsoverlast; a first scan, no trends
  3  vaak, mark 5, drugsoverlast; trend unchanged (and earlier in the period: altijd, mark 3)
  4  never scanned
  5  in Haven, never scanned: an area without scans
Officer Janssens has one contact in Centrum (altijd, mark 1), seen only by admins.
A meeting in Centrum (1 October 2025) with two concerns at the Kerkstraat and one support;
one action planned, one done. Registered crime in Centrum: woninginbraak 3 (before 4),
fietsdiefstal 2, and a category that matches no problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import aiosqlite

from storage import actions, concerns, contacts, crime, meetings, people, scans
from storage.actions import ActionStatus, NewAction
from storage.concerns import NewConcern
from storage.contacts import NewContact
from storage.crime import CrimeCount
from storage.meetings import MeetingKind, NewMeeting
from storage.people import Role
from storage.scans import FilledBy, NewScan, Trend

LONG_AGO = datetime(2023, 1, 1, 9, 0, tzinfo=UTC)

OFFICER = 500
OTHER_OFFICER = 501
ADMIN = 600
INFORMED_RESIDENT = 800
SILENT_RESIDENT = 801
CONTACT_PERSON = 900


@dataclass
class Seeded:
    officer_id: int
    other_officer_id: int
    contact_ids: list[int]
    scan_ids: list[int]
    meeting_id: int
    informed_concern_id: int
    silent_concern_id: int


async def _scan(
    conn: aiosqlite.Connection,
    contact_id: int,
    officer_id: int,
    visited_on: date,
    feeling: str,
    mark: int,
    problems: dict[str, str | None],
    trends: dict[str, Trend] | None = None,
    remark: str | None = None,
) -> int:
    answers: dict[str, Any] = {"gevoel": feeling, "rapport": mark, "problemen": list(problems)}
    if remark:
        answers["opmerking"] = remark
    scan = await scans.add(
        conn,
        NewScan(
            contact_id=contact_id,
            officer_id=officer_id,
            filled_by=FilledBy.OFFICER,
            form="sectorscan",
            form_version=1,
            visited_on=visited_on,
            feeling=feeling,
            mark=mark,
            priority=next(iter(problems), None),
            answers=answers,
            problems=problems,
            trends=trends or {},
        ),
        LONG_AGO,
    )
    return scan.id


async def seed(conn: aiosqlite.Connection) -> Seeded:
    officer = await people.create(
        conn,
        telegram_id=OFFICER,
        name="Inspecteur Peeters",
        role=Role.OFFICER,
        now=LONG_AGO,
        area="Centrum",
    )
    other = await people.create(
        conn,
        telegram_id=OTHER_OFFICER,
        name="Inspecteur Janssens",
        role=Role.OFFICER,
        now=LONG_AGO,
        area="Noord",
    )
    await people.create(conn, telegram_id=ADMIN, name="Chef", role=Role.ADMIN, now=LONG_AGO)
    informed = await people.create(
        conn, telegram_id=INFORMED_RESIDENT, name="Els Inwoner", role=Role.RESIDENT, now=LONG_AGO
    )
    silent = await people.create(
        conn, telegram_id=SILENT_RESIDENT, name="Stille Inwoner", role=Role.RESIDENT, now=LONG_AGO
    )
    contact_person = await people.create(
        conn, telegram_id=CONTACT_PERSON, name="Partner", role=Role.CONTACT, now=LONG_AGO
    )

    def new(name: str, area: str = "Centrum") -> NewContact:
        return NewContact(name=name, organisation=f"Zaak {name}", role="Winkelier", area=area)

    ids = [(await contacts.add(conn, officer.id, new(f"C{i}"), LONG_AGO)).id for i in (1, 2, 3, 4)]
    ids.append((await contacts.add(conn, officer.id, new("C5", "Haven"), LONG_AGO)).id)
    ids.append((await contacts.add(conn, other.id, new("C6"), LONG_AGO)).id)
    await contacts.link_person(conn, ids[0], contact_person.id, LONG_AGO)

    c1, c2, c3, _c4, _c5, c6 = ids
    scan_ids = [
        await _scan(
            conn,
            c1,
            officer.id,
            date(2024, 6, 10),
            "soms",
            6,
            {"te_snel_rijden": "veel", "sluikstorten": "beetje"},
        ),
        await _scan(
            conn,
            c1,
            officer.id,
            date(2025, 6, 10),
            "zelden",
            7,
            {"te_snel_rijden": "veel"},
            {"te_snel_rijden": Trend.WORSE, "sluikstorten": Trend.SOLVED},
            remark="Er wordt 's nachts gedeald aan het <station>",
        ),
        await _scan(
            conn,
            c2,
            officer.id,
            date(2025, 9, 1),
            "soms",
            8,
            {"te_snel_rijden": "beetje", "drugsoverlast": "veel"},
        ),
        await _scan(conn, c3, officer.id, date(2025, 5, 1), "altijd", 3, {"drugsoverlast": "veel"}),
        await _scan(
            conn,
            c3,
            officer.id,
            date(2026, 2, 1),
            "vaak",
            5,
            {"drugsoverlast": "veel"},
            {"drugsoverlast": Trend.UNCHANGED},
        ),
        await _scan(conn, c6, other.id, date(2025, 7, 1), "altijd", 1, {"horeca": "veel"}),
    ]

    meeting = await meetings.add(
        conn,
        officer.id,
        NewMeeting(
            kind=MeetingKind.INVENTORY,
            starts_at=datetime(2025, 10, 1, 17, 30, tzinfo=UTC),
            place="Zaal De Kroon",
            area="Centrum",
            intake_until=datetime(2025, 9, 30, 22, 0, tzinfo=UTC),
        ),
        LONG_AGO,
    )
    informed_concern = await concerns.add(
        conn,
        NewConcern(
            meeting_id=meeting.id,
            author_id=informed.id,
            problem="drugsoverlast",
            description="Dealers aan het <b>station</b>",
            place="Kerkstraat",
            keep_informed=True,
            contactable=True,
        ),
        LONG_AGO,
    )
    silent_concern = await concerns.add(
        conn,
        NewConcern(
            meeting_id=meeting.id,
            author_id=silent.id,
            problem="te_snel_rijden",
            description='=HYPERLINK("http://x")',
            place=" kerkstraat ",
            latitude=51.05,
            longitude=3.72,
            # Wants to hear back from the bot, but did not agree to be contacted: unnamed.
            keep_informed=True,
        ),
        LONG_AGO,
    )
    await concerns.support(conn, informed_concern.id, silent.id, LONG_AGO)
    await actions.add_priority(conn, meeting.id, "drugsoverlast", LONG_AGO)
    for what in ("Extra patrouilles", "Camera plaatsen"):
        await actions.add(
            conn,
            NewAction(
                meeting_id=meeting.id,
                problem="drugsoverlast",
                what=what,
                partner="gemeente",
                effect=4,
                feasibility=3,
                due_on=date(2025, 12, 1),
                concern_ids=[informed_concern.id],
            ),
            officer.id,
            LONG_AGO,
        )
    done = await actions.list_for_meeting(conn, meeting.id)
    await actions.set_status(
        conn, done[1].id, ActionStatus.DONE, datetime(2025, 11, 15, 10, tzinfo=UTC)
    )
    await crime.add_many(
        conn,
        [
            CrimeCount(area="Centrum", month=date(2025, 5, 1), category="woninginbraak", count=3),
            CrimeCount(area="Centrum", month=date(2024, 5, 1), category="Woninginbraak", count=4),
            CrimeCount(area="Centrum", month=date(2025, 6, 1), category="Fietsdiefstal", count=2),
            CrimeCount(area="Centrum", month=date(2025, 6, 1), category="cybercrime", count=7),
        ],
        LONG_AGO,
    )
    return Seeded(
        officer_id=officer.id,
        other_officer_id=other.id,
        contact_ids=ids,
        scan_ids=scan_ids,
        meeting_id=meeting.id,
        informed_concern_id=informed_concern.id,
        silent_concern_id=silent_concern.id,
    )
