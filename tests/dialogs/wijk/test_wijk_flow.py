"""/wijk and /zone through the engine: the message first, then pictures; areas are checked."""

from __future__ import annotations

import pytest

from dialogs.engine.engine import Engine
from dialogs.engine.replies import Deferred
from dialogs.wijk.view import area_key
from storage import people
from storage.people import Role
from tests.dialogs.conftest import Chat
from tests.wijk_seed import ADMIN, CONTACT_PERSON, OFFICER, OTHER_OFFICER, SILENT_RESIDENT, seed

REFUSED = "Dat kan ik voor jou niet doen"


@pytest.fixture
async def seeded(engine: Engine) -> None:
    async with engine.db.transaction() as conn:
        await seed(conn)


def pictures(chat: Chat) -> list[Deferred]:
    return [r for r in chat.replies if isinstance(r, Deferred)]


@pytest.mark.usefixtures("seeded")
async def test_an_officer_chooses_his_area_and_reads_its_figures(engine: Engine) -> None:
    officer = Chat(engine, OFFICER, "Peeters")
    await officer.send("/wijk")
    assert "Van welke wijk" in officer.text
    assert officer.labels == ["Centrum", "Haven"]

    await officer.press("Centrum")
    text = officer.text
    assert "Wijk Centrum" in text
    assert "Laatste 12 maanden (april 2025 – maart 2026)" in text
    assert "3 van 4 contactpersonen bevraagd (periode ervoor: 1 van 4 contactpersonen)" in text
    assert "nooit 0% · zelden 33% · soms 33% · vaak 33% · altijd 0%" in text
    assert "gemiddeld 6,7 (periode ervoor: 6)" in text
    assert "1. Te snel rijden: 2 (was 1) · verslechterd 1" in text
    assert "2. Drugsoverlast: 2 (was 0) · onveranderd 1" in text
    assert "Woninginbraak: 3 feiten (was 4)" in text
    assert "Kerkstraat (3)" in text
    assert "1 gepland of bezig · 1 uitgevoerd · 0 niet haalbaar" in text
    assert "Horeca" not in text  # the other officer's contact
    # The message comes first, then the pictures, made only when they are sent.
    assert len(pictures(officer)) == 2
    assert officer.replies.index(pictures(officer)[0]) > 0
    assert officer.labels == ["• Laatste 12 maanden", "2025", "2024", "📍 Andere wijk"]

    await officer.press("2024")
    assert "2024 (januari 2024 – december 2024)" in officer.text
    assert "1 van 4 contactpersonen bevraagd" in officer.text

    await officer.press("📍 Andere wijk")
    await officer.press("Haven")
    assert "Nog geen gegevens in deze periode" in officer.text
    assert pictures(officer) == []


@pytest.mark.usefixtures("seeded")
async def test_areas_are_checked_and_residents_refused(engine: Engine) -> None:
    other = Chat(engine, OTHER_OFFICER, "Janssens")
    await other.event_button_data(f"m:wijk_show:{area_key('Haven')}_12m")
    assert REFUSED in other.text
    await other.event_button_data(f"m:wijk_show:{area_key('Centrum')}_12m")
    # His own contact in Centrum only: one scanned, and none of his colleague's problems.
    assert "1 van 1 contactpersoon bevraagd" in other.text
    assert "Te snel rijden" not in other.text
    await other.event_button_data(f"m:wijk_show:{area_key('Centrum')}_y1999")
    assert REFUSED in other.text
    await other.send("/zone")
    assert REFUSED in other.text

    for telegram_id in (SILENT_RESIDENT, CONTACT_PERSON):
        outsider = Chat(engine, telegram_id, "Buiten")
        await outsider.send("/wijk")
        assert REFUSED in outsider.text
        await outsider.event_button_data(f"m:wijk_show:{area_key('Centrum')}_12m")
        assert REFUSED in outsider.text
        assert pictures(outsider) == []


@pytest.mark.usefixtures("seeded")
async def test_the_admin_sees_the_zone_and_every_area(engine: Engine) -> None:
    admin = Chat(engine, ADMIN, "Chef")
    await admin.send("/zone")
    text = admin.text
    assert "De hele zone" in text
    assert "4 van 6 contactpersonen bevraagd" in text
    assert "Centrum: 4/5 · 5,2 · 50%" in text
    assert "Haven: 0/1 · - · -" in text
    assert len(pictures(admin)) == 3  # heat map, trends, marks
    await admin.press("📍 Per wijk")
    assert admin.labels == ["Centrum", "Haven", "Noord"]
    await admin.press("Centrum")
    assert "4 van 5 contactpersonen bevraagd" in admin.text


async def test_an_officer_without_any_area(engine: Engine) -> None:
    async with engine.db.transaction() as conn:
        await people.create(
            conn, telegram_id=42, name="Nieuw", role=Role.OFFICER, now=engine.clock()
        )
    officer = Chat(engine, 42, "Nieuw")
    await officer.send("/wijk")
    assert "nog geen wijk" in officer.text
