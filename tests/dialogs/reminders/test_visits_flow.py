"""`/bezoeken` and the digest's buttons through the engine, with a controlled clock."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dialogs.engine.engine import Engine
from storage import digest_preferences, people, visit_plans
from storage.digest_preferences import Frequency
from storage.people import Role
from tests import visit_seed
from tests.dialogs.conftest import Chat, Clock

LONG_AGO = datetime(2024, 1, 10, 12, tzinfo=UTC)


@pytest.fixture
async def officer(engine: Engine, clock: Clock) -> Chat:
    peeters = await visit_seed.person(engine.db, 500, "Inspecteur Peeters", Role.OFFICER, clock())
    db = engine.db
    await visit_seed.contact(db, peeters, "Café Sport", LONG_AGO, date(2025, 3, 20))  # soon
    await visit_seed.contact(db, peeters, "Bakkerij", LONG_AGO, date(2024, 12, 1))  # late
    await visit_seed.contact(db, peeters, "School", LONG_AGO, date(2025, 2, 20))  # just late
    await visit_seed.contact(db, peeters, "Apotheek", LONG_AGO, date(2025, 9, 1))  # fine
    contact = await visit_seed.person(db, 777, "An", Role.CONTACT, clock())
    await visit_seed.contact(db, peeters, "Kapper", LONG_AGO, date(2025, 3, 30), linked=contact)
    return Chat(engine, 500, "Peeters")


def listed(chat: Chat) -> list[str]:
    """The organisations in the numbered list, in order."""
    names = ("Café Sport", "Bakkerij", "School", "Apotheek", "Kapper")
    lines = [line for line in chat.text.splitlines() if line[:1].isdigit()]
    return [next(name for name in names if name in line) for line in lines]


async def test_the_list_overdue_first_with_buttons(officer: Chat) -> None:
    await officer.send("/bezoeken")
    assert listed(officer) == ["Bakkerij", "School", "Café Sport", "Kapper"]
    assert "Te laat: 2 · binnenkort: 2" in officer.text
    assert "3 maanden te laat · laatste bezoek 15 maanden geleden (1 december 2024)" in (
        officer.text
    )
    assert "bezoek tegen 20 maart 2026" in officer.text
    # A contact on Telegram gets the scan sent; one who is not yet gets an invite.
    assert officer.labels[:3] == ["1 · Uitnodigen", "1 · Gepland", "1 · Later"]
    assert officer.labels[9:12] == ["4 · Scan sturen", "4 · Gepland", "4 · Later"]
    assert officer.labels[-3:] == ["✅ Elke werkdag", "Wekelijks", "Uit"]


async def test_a_planned_visit_leaves_the_list_until_the_day_has_passed(
    engine: Engine, officer: Chat, clock: Clock
) -> None:
    await officer.send("/bezoeken")
    await officer.press("1 · Gepland")
    assert "Wanneer ga je langs bij Bakkerij" in officer.text
    assert officer.labels == [
        "Volgende week: maandag 9 maart 2026",
        "Over twee weken: maandag 16 maart 2026",
        "Over een maand: donderdag 2 april 2026",
        "Annuleren",
    ]
    await officer.press("Volgende week: maandag 9 maart 2026")
    assert "gepland op maandag 9 maart 2026" in officer.text
    await officer.send("/bezoeken")
    assert listed(officer) == ["School", "Café Sport", "Kapper"]
    assert "Bakkerij: bezoek gepland op 9 maart 2026" in officer.text

    clock.now = datetime(2026, 3, 9, 20, 0, tzinfo=UTC)  # the day itself: still out
    await officer.send("/bezoeken")
    assert "Bakkerij" not in listed(officer)
    clock.now = datetime(2026, 3, 10, 6, 0, tzinfo=UTC)  # the next morning: back in
    await officer.send("/bezoeken")
    assert listed(officer)[0] == "Bakkerij"


async def test_no_visit_is_offered_on_a_public_holiday_or_a_weekend(
    officer: Chat, clock: Clock
) -> None:
    clock.now = datetime(2025, 12, 25, 9, 0, tzinfo=UTC)  # Christmas: a week on is 1 January
    await officer.send("/bezoeken")
    await officer.press("1 · Gepland")
    assert officer.labels[:3] == [
        "Volgende week: vrijdag 2 januari 2026",  # not Nieuwjaar
        "Over twee weken: donderdag 8 januari 2026",
        "Over een maand: maandag 26 januari 2026",  # not Sunday 25 January
    ]


async def test_a_typed_date_plans_the_visit(engine: Engine, officer: Chat) -> None:
    await officer.send("/bezoeken")
    await officer.press("1 · Gepland")
    await officer.send("binnenkort")
    assert "Die datum begrijp ik niet. Typ een dag, bijvoorbeeld 12/3" in officer.text
    await officer.send("1/3/2026")
    assert "Die dag is al voorbij" in officer.text
    await officer.send("2/3/2028")
    assert "kies een dag van vandaag tot binnen een jaar" in officer.text
    await officer.send("vrijdag 13/3")
    assert "Bezoek aan Bakkerij gepland op vrijdag 13 maart 2026" in officer.text
    async with engine.db.transaction() as conn:
        plan = await visit_plans.get(conn, 2)
    assert plan is not None and plan.planned_on == date(2026, 3, 13)
    await officer.send("14/3")  # the flow has ended: a date now means nothing
    assert "Bezoek aan" not in officer.text


async def test_a_typed_holiday_is_planned_with_a_warning(officer: Chat) -> None:
    await officer.send("/bezoeken")
    await officer.press("2 · Gepland")
    await officer.send("6 april")
    assert "gepland op maandag 6 april 2026" in officer.text
    assert "Let op: die dag is een feestdag (Paasmaandag)" in officer.text


async def test_planning_can_be_cancelled(engine: Engine, officer: Chat) -> None:
    await officer.send("/bezoeken")
    await officer.press("1 · Gepland")
    await officer.press("Annuleren")
    assert "Geen bezoek gepland" in officer.text
    async with engine.db.transaction() as conn:
        assert await visit_plans.get(conn, 2) is None


async def test_later_puts_a_contact_off_for_a_week(officer: Chat, clock: Clock) -> None:
    await officer.send("/bezoeken")
    await officer.press("2 · Later")
    assert "School komt terug in je herinneringen op maandag 9 maart 2026" in officer.text
    clock.advance(days=6)
    await officer.send("/bezoeken")
    assert "School" not in listed(officer)
    assert "School: terug in de lijst op 9 maart 2026" in officer.text
    clock.advance(days=1)
    await officer.send("/bezoeken")
    assert "School" in listed(officer)


async def test_the_digest_can_be_weekly_or_off(engine: Engine, officer: Chat) -> None:
    await officer.send("/bezoeken")
    await officer.press("Wekelijks")
    assert officer.labels[-3:] == ["Elke werkdag", "✅ Wekelijks", "Uit"]
    assert "wekelijks, op de eerste werkdag van de week om 08:30" in officer.text
    await officer.press("Uit")
    async with engine.db.transaction() as conn:
        peeters = await people.by_telegram_id(conn, 500)
        assert peeters is not None
        assert await digest_preferences.get(conn, peeters.id) is Frequency.OFF


async def test_plans_are_only_for_ones_own_contacts_and_sensible_dates(
    engine: Engine, officer: Chat
) -> None:
    other = Chat(engine, 501, "Claes")
    await visit_seed.person(engine.db, 501, "Inspecteur Claes", Role.OFFICER, engine.clock())
    for data in ("m:visit_plan:1_20260309", "m:visit_later:1", "m:visit_when:1"):
        await other.event_button_data(data)
        assert "Dat kan ik voor jou niet doen" in other.text and "Café" not in other.text
    async with engine.db.transaction() as conn:
        assert await visit_plans.get(conn, 1) is None
    for bad in ("1_20250101", "1_20990101", "1_20261345", "1_x", "1"):
        await officer.event_button_data(f"m:visit_plan:{bad}")
        assert "Die datum kan ik niet gebruiken" in officer.text
    await officer.event_button_data("m:digest_set:hourly")
    assert "Dat kan ik voor jou niet doen" in officer.text


async def test_an_admin_sees_the_overview_per_officer(engine: Engine, officer: Chat) -> None:
    await visit_seed.person(engine.db, 900, "Teamchef", Role.ADMIN, engine.clock())
    admin = Chat(engine, 900, "Teamchef")
    await admin.send("/bezoeken")
    assert "Inspecteur Peeters (Centrum) – contactpersonen: 5 · te laat: 2 · binnenkort: 2" in (
        admin.text
    )
    assert "Je hebt nog geen eigen contactpersonen" in admin.text
