import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError

from storage import contacts, invites, people, scans
from storage.contacts import Contact, NewContact
from storage.db import Database
from storage.errors import NotFoundError
from storage.people import Person, Role
from storage.scans import FilledBy, NewScan


def _new(name: str = "Jan Janssens", **changes: object) -> NewContact:
    fields: dict[str, object] = {
        "name": name,
        "organisation": "Bakkerij Janssens",
        "role": "winkelier",
        "area": "Centrum",
    }
    return NewContact.model_validate(fields | changes)


def _scan(contact_id: int, visited_on: date) -> NewScan:
    return NewScan(
        contact_id=contact_id,
        officer_id=None,
        filled_by=FilledBy.OFFICER,
        form="sectorscan",
        form_version=1,
        visited_on=visited_on,
        feeling=None,
        mark=None,
        priority=None,
        answers={},
        problems={},
        trends={},
    )


def test_new_contact_strips_and_turns_blank_optionals_into_none() -> None:
    new = NewContact(
        name="  Jan  ",
        organisation=" Bakkerij ",
        role="winkelier\t",
        area=" Centrum",
        phone="   ",
        street=" Kerkstraat 1 ",
    )
    assert new == NewContact(
        name="Jan",
        organisation="Bakkerij",
        role="winkelier",
        area="Centrum",
        phone=None,
        street="Kerkstraat 1",
    )
    assert NewContact(name="A", organisation="B", role="C", area="D", street="").street is None


@pytest.mark.parametrize("field", ["name", "organisation", "role", "area"])
def test_new_contact_needs_the_required_fields_filled(field: str) -> None:
    with pytest.raises(ValidationError, match=field):
        _new(**{field: "  "})


async def test_add_and_get_round_trip(db: Database, officer: Person, now: datetime) -> None:
    async with db.transaction() as conn:
        added = await contacts.add(
            conn,
            officer.id,
            _new(" Café <b>&</b> 't Hoekske ", phone=" 09 123 45 67 ", street=""),
            now,
        )
        loaded = await contacts.get(conn, added.id)

    assert loaded == added
    assert added == Contact(
        id=added.id,
        officer_id=officer.id,
        person_id=None,
        name="Café <b>&</b> 't Hoekske",
        organisation="Bakkerij Janssens",
        role="winkelier",
        area="Centrum",
        phone="09 123 45 67",
        street=None,
        active=True,
        created_at=now,
        updated_at=now,
        deactivated_at=None,
        last_visit=None,
    )
    assert added.created_at.tzinfo is UTC


async def test_unknown_contacts_are_none(db: Database) -> None:
    async with db.transaction() as conn:
        assert await contacts.get(conn, 42) is None
        assert await contacts.by_person(conn, 42) is None


async def test_a_contact_needs_a_known_officer(db: Database, now: datetime) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        async with db.transaction() as conn:
            await contacts.add(conn, 999, _new(), now)


async def test_add_many(db: Database, officer: Person, now: datetime) -> None:
    rows = [_new("Anna"), _new("Bert", area="Zuid", phone="0470"), _new("Carl")]
    async with db.transaction() as conn:
        assert await contacts.add_many(conn, officer.id, rows, now) == 3
        assert await contacts.add_many(conn, officer.id, [], now) == 0
        listed = await contacts.list_for_officer(conn, officer.id)
    assert [(c.name, c.area, c.phone) for c in listed] == [
        ("Anna", "Centrum", None),
        ("Bert", "Zuid", "0470"),
        ("Carl", "Centrum", None),
    ]
    assert all(c.created_at == c.updated_at == now and c.active for c in listed)


async def test_last_visit_is_the_latest_scan_date(
    db: Database, officer: Person, now: datetime
) -> None:
    async with db.transaction() as conn:
        visited = await contacts.add(conn, officer.id, _new("Anna"), now)
        never = await contacts.add(conn, officer.id, _new("Bert"), now)
        # The later visit is stored first: it is the date that counts, not the order.
        await scans.add(conn, _scan(visited.id, date(2025, 2, 3)), now)
        await scans.add(conn, _scan(visited.id, date(2024, 2, 1)), now)
        loaded = await contacts.get(conn, visited.id)
        unvisited = await contacts.get(conn, never.id)
    assert loaded is not None
    assert unvisited is not None
    assert visited.last_visit is None
    assert loaded.last_visit == date(2025, 2, 3)
    assert unvisited.last_visit is None


async def test_list_for_officer_puts_never_visited_first_then_longest_ago(
    db: Database, officer: Person, now: datetime
) -> None:
    async with db.transaction() as conn:
        other = await people.create(conn, telegram_id=2, name="X", role=Role.OFFICER, now=now)
        await contacts.add(conn, other.id, _new("Aaron van een ander"), now)
        recent = await contacts.add(conn, officer.id, _new("Anna"), now)
        old = await contacts.add(conn, officer.id, _new("Zeger"), now)
        await contacts.add(conn, officer.id, _new("bram"), now)
        await contacts.add(conn, officer.id, _new("Bart"), now)
        gone = await contacts.add(conn, officer.id, _new("Aagje"), now)
        await scans.add(conn, _scan(recent.id, date(2025, 3, 1)), now)
        await scans.add(conn, _scan(old.id, date(2024, 5, 1)), now)
        await contacts.deactivate(conn, gone.id, now)
        active = await contacts.list_for_officer(conn, officer.id)
        everyone = await contacts.list_for_officer(conn, officer.id, include_inactive=True)
        nobody = await contacts.list_for_officer(conn, 999)
    assert [c.name for c in active] == ["Bart", "bram", "Zeger", "Anna"]
    assert [c.name for c in everyone] == ["Aagje", "Bart", "bram", "Zeger", "Anna"]
    assert nobody == []


async def test_update(db: Database, officer: Person, now: datetime) -> None:
    later = now + timedelta(days=2)
    async with db.transaction() as conn:
        contact = await contacts.add(conn, officer.id, _new(phone="0470", street="Markt 1"), now)
        changed = await contacts.update(
            conn,
            contact.id,
            _new("Jan J.", organisation="School", role="directeur school", area="Zuid"),
            later,
        )
        stored = await contacts.get(conn, contact.id)
    assert changed == stored
    assert changed == contact.model_copy(
        update={
            "name": "Jan J.",
            "organisation": "School",
            "role": "directeur school",
            "area": "Zuid",
            "phone": None,
            "street": None,
            "updated_at": later,
        }
    )


async def test_updating_an_unknown_contact_raises(db: Database, now: datetime) -> None:
    async with db.transaction() as conn:
        with pytest.raises(NotFoundError):
            await contacts.update(conn, 99, _new(), now)
        with pytest.raises(NotFoundError):
            await contacts.deactivate(conn, 99, now)
        with pytest.raises(NotFoundError):
            await contacts.link_person(conn, 99, 1, now)


async def test_deactivate_keeps_the_scans(db: Database, officer: Person, now: datetime) -> None:
    later, much_later = now + timedelta(days=1), now + timedelta(days=9)
    async with db.transaction() as conn:
        contact = await contacts.add(conn, officer.id, _new(), now)
        scan = await scans.add(conn, _scan(contact.id, date(2025, 1, 10)), now)
        await contacts.deactivate(conn, contact.id, later)
        await contacts.deactivate(conn, contact.id, much_later)  # keeps the first date
        stored = await contacts.get(conn, contact.id)
        history = await scans.list_for_contact(conn, contact.id)
    assert stored is not None
    assert (stored.active, stored.deactivated_at, stored.updated_at) == (False, later, later)
    assert stored.last_visit == date(2025, 1, 10)
    assert history == [scan]


async def test_link_person_and_find_by_person(db: Database, officer: Person, now: datetime) -> None:
    later = now + timedelta(hours=1)
    async with db.transaction() as conn:
        contact = await contacts.add(conn, officer.id, _new(), now)
        person = await people.create(conn, telegram_id=7, name="Jan", role=Role.CONTACT, now=now)
        await contacts.link_person(conn, contact.id, person.id, later)
        found = await contacts.by_person(conn, person.id)
    assert found is not None
    assert (found.id, found.person_id, found.updated_at) == (contact.id, person.id, later)


async def test_an_account_is_at_most_one_contact(
    db: Database, officer: Person, now: datetime
) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        async with db.transaction() as conn:
            first = await contacts.add(conn, officer.id, _new("A"), now)
            second = await contacts.add(conn, officer.id, _new("B"), now)
            person = await people.create(conn, telegram_id=7, name="P", role=Role.CONTACT, now=now)
            await contacts.link_person(conn, first.id, person.id, now)
            await contacts.link_person(conn, second.id, person.id, now)


async def test_the_contact_stays_when_the_linked_account_goes(
    db: Database, officer: Person, now: datetime
) -> None:
    async with db.transaction() as conn:
        contact = await contacts.add(conn, officer.id, _new(), now)
        person = await people.create(conn, telegram_id=7, name="Jan", role=Role.CONTACT, now=now)
        await contacts.link_person(conn, contact.id, person.id, now)
        await conn.execute("DELETE FROM people WHERE id = ?", (person.id,))
        stored = await contacts.get(conn, contact.id)
    assert stored is not None
    assert stored.person_id is None


async def test_an_invite_for_a_contact(db: Database, officer: Person, now: datetime) -> None:
    async with db.transaction() as conn:
        contact = await contacts.add(conn, officer.id, _new(), now)
        invite, token = await invites.create(
            conn,
            role=Role.CONTACT,
            now=now,
            expires_at=now + timedelta(days=14),
            created_by=officer.id,
            contact_id=contact.id,
        )
        found = await invites.find(conn, token)
        plain, _ = await invites.create(
            conn, role=Role.RESIDENT, now=now, expires_at=now + timedelta(days=1)
        )
    assert found == invite
    assert invite.contact_id == contact.id
    assert plain.contact_id is None


async def test_an_invite_needs_a_known_contact(db: Database, now: datetime) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        async with db.transaction() as conn:
            await invites.create(
                conn, role=Role.CONTACT, now=now, expires_at=now + timedelta(days=1), contact_id=5
            )
