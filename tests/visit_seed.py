"""Officers and contacts of a given age, written straight to the database for reminder tests."""

from __future__ import annotations

from datetime import date, datetime

from storage import contacts, people, scans
from storage.contacts import NewContact
from storage.db import Database
from storage.people import Person, Role
from storage.scans import FilledBy, NewScan


async def person(
    db: Database, telegram_id: int, name: str, role: Role, now: datetime, area: str = "Centrum"
) -> Person:
    async with db.transaction() as conn:
        return await people.create(
            conn, telegram_id=telegram_id, name=name, role=role, now=now, area=area
        )


async def contact(
    db: Database,
    officer: Person,
    organisation: str,
    added: datetime,
    visited: date | None = None,
    linked: Person | None = None,
) -> int:
    """A contact added at `added`, with a scan on `visited`, linked to `linked`'s Telegram."""
    async with db.transaction() as conn:
        new = NewContact(name="An Janssens", organisation=organisation, role="winkelier", area="C")
        added_contact = await contacts.add(conn, officer.id, new, added)
        if linked is not None:
            await contacts.link_person(conn, added_contact.id, linked.id, added)
        if visited is not None:
            await scans.add(
                conn,
                NewScan(
                    contact_id=added_contact.id,
                    officer_id=officer.id,
                    filled_by=FilledBy.OFFICER,
                    form="sectorscan",
                    form_version=1,
                    visited_on=visited,
                    feeling=None,
                    mark=None,
                    priority=None,
                    answers={},
                    problems={},
                    trends={},
                ),
                added,
            )
    return added_contact.id
