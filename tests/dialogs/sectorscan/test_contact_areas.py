"""A contact's wijk: one of the zone's, on buttons; a new one only after a yes."""

from __future__ import annotations

import pytest

from dialogs.engine.engine import Engine
from storage import contacts, people
from storage.people import Role
from tests.dialogs.conftest import Chat
from tests.dialogs.sectorscan.test_scan_flow import make


@pytest.fixture
async def officer(engine: Engine) -> Chat:
    await make(engine, 501, Role.OFFICER, "Inspecteur Claes")  # his wijk: Centrum too
    async with engine.db.transaction() as conn:
        other = await people.by_telegram_id(conn, 501)
        assert other is not None
        await people.set_role(conn, other.id, Role.OFFICER, "Brugse Poort", engine.clock())
    return await make(engine, 500, Role.OFFICER, "Inspecteur Peeters")


async def to_the_wijk(officer: Chat) -> None:
    await officer.send("/contacten")
    await officer.press("➕ Contactpersoon toevoegen")
    await officer.send("An Janssens")
    await officer.send("Bakkerij Janssens")
    await officer.press("Winkelier")
    assert "In welke wijk?" in officer.text


async def finish(officer: Chat) -> str:
    await officer.press("Overslaan")
    await officer.press("Overslaan")
    await officer.press("✅ Opslaan")
    async with officer.engine.db.transaction() as conn:
        owner = await people.by_telegram_id(conn, 500)
        assert owner is not None
        (contact,) = await contacts.list_for_officer(conn, owner.id)
    return contact.area


async def test_the_zone_s_wijken_are_buttons_his_own_first(officer: Chat) -> None:
    await to_the_wijk(officer)
    assert officer.labels[:3] == ["Centrum", "Brugse Poort", "Een andere wijk…"]
    await officer.press("Brugse Poort")
    assert await finish(officer) == "Brugse Poort"


async def test_a_phone_number_is_no_wijk(officer: Chat) -> None:
    await to_the_wijk(officer)
    await officer.send("0470 12 34 56")  # typed where the buttons are
    assert "Kies je antwoord met de knoppen" in officer.text
    await officer.press("Een andere wijk…")
    await officer.send("0470 12 34 56")
    assert "geen naam van een wijk" in officer.text
    assert "Telefoonnummer" not in officer.text  # still at the wijk
    await officer.send("Brugse Poort")
    assert "Telefoonnummer" in officer.text
    assert await finish(officer) == "Brugse Poort"


async def test_a_known_wijk_typed_differently_is_the_known_one(officer: Chat) -> None:
    await to_the_wijk(officer)
    await officer.press("Een andere wijk…")
    await officer.send("brugse  poort")
    assert "nog geen wijk" not in officer.text  # nothing new, so nothing to confirm
    assert await finish(officer) == "Brugse Poort"


async def test_a_new_wijk_only_after_a_yes(officer: Chat) -> None:
    await to_the_wijk(officer)
    await officer.press("Een andere wijk…")
    await officer.send("Sint-Amandsberg")
    assert "Sint-Amandsberg is nog geen wijk van de zone" in officer.text
    await officer.press("Nee, andere naam")
    assert "Hoe heet die wijk?" in officer.text
    await officer.send("Sint-Amandsberg")
    await officer.press("Ja, nieuwe wijk")
    assert "Telefoonnummer" in officer.text
    assert await finish(officer) == "Sint-Amandsberg"


async def test_changing_a_contact_keeps_his_wijk_on_its_button(officer: Chat) -> None:
    await to_the_wijk(officer)
    await officer.press("Een andere wijk…")
    await officer.send("Sint-Amandsberg")
    await officer.press("Ja, nieuwe wijk")
    await finish(officer)
    await officer.send("/contacten")
    await officer.press(next(label for label in officer.labels if "Bakkerij" in label))
    await officer.press("Wijzigen")
    assert "Wijk: Sint-Amandsberg" in officer.text
    assert "Andere wijk" not in officer.text  # now a wijk of the zone, chosen by its button
    await officer.press("✅ Opslaan")
    assert await finish_area(officer) == "Sint-Amandsberg"


async def finish_area(officer: Chat) -> str:
    async with officer.engine.db.transaction() as conn:
        owner = await people.by_telegram_id(conn, 500)
        assert owner is not None
        (contact,) = await contacts.list_for_officer(conn, owner.id)
    return contact.area
