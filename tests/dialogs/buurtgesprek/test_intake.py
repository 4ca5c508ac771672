"""A resident and a meeting through the engine: the form's limits and media, the deadline,
others' concerns without names, and refusals for forged buttons."""

from __future__ import annotations

import pytest

from dialogs.engine import events
from dialogs.engine.engine import Engine
from storage import concerns
from storage.meetings import Meeting
from storage.people import Person, Role
from tests.dialogs import buurtgesprek_seed as seed
from tests.dialogs.conftest import Chat, Clock

REFUSED = "Dat kan ik voor jou niet doen"


@pytest.fixture
async def meeting(engine: Engine) -> Meeting:
    return await seed.meeting(engine, await seed.person(engine, 500, Role.OFFICER))


async def stored(engine: Engine, meeting: Meeting) -> list[concerns.Concern]:
    async with engine.db.transaction() as conn:
        return await concerns.list_for_meeting(conn, meeting.id)


async def test_the_form_limits_text_and_takes_photos_and_locations(
    engine: Engine, meeting: Meeting
) -> None:
    resident = Chat(engine, 901, "An")
    await resident.send(f"/start bg_{meeting.code}")
    assert "Dringend politie nodig? Bel 101 (of 112)" in resident.text
    await resident.press("✏️ Melding doen")
    await resident.press("Iets anders")
    assert "hoogstens 1.000 tekens" in resident.text  # told before anything is cut
    await resident.send("x" * 1001)
    assert "te lang: 1.001 tekens, hoogstens 1000" in resident.text
    await resident.event(events.Unsupported("sticker"))
    assert "Typ je antwoord als tekst" in resident.text
    await resident.send("Er ligt elke week afval <script> aan de glasbol")
    await resident.event(events.Location(51.05432, 3.72011))
    await resident.event(events.Unsupported("voice"))
    assert "Stuur een foto via 📎" in resident.text
    await resident.event(events.Photo("AgADfoto1"))
    await resident.press("Overslaan")
    await resident.press("Nee")
    await resident.press("Ja")  # the police may contact them, apart from hearing back
    assert "📍 gedeelde locatie" in resident.text and "📷 foto ontvangen" in resident.text
    await resident.press("✅ Versturen")
    (concern,) = await stored(engine, meeting)
    assert concern.problem == "anders" and concern.photo_file_id == "AgADfoto1"
    assert (concern.latitude, concern.longitude) == (51.05432, 3.72011)
    assert concern.description == "Er ligt elke week afval <script> aan de glasbol"
    assert not concern.keep_informed and concern.contactable

    officer = Chat(engine, 500, "Peeters")
    await officer.event_button_data(f"m:meeting_agenda:{meeting.id}")
    assert "afval &lt;script&gt;" in "".join(r.html for r in officer.replies if hasattr(r, "html"))
    assert "gedeelde locatie: 51.05432, 3.72011" in officer.text and "met foto" in officer.text


async def test_an_emergency_gets_101_at_once_and_the_form_goes_on(
    engine: Engine, meeting: Meeting
) -> None:
    resident = Chat(engine, 901, "An")
    await resident.event_button_data(f"m:concern_new:{meeting.code}")
    await resident.press("Woninginbraak")
    await resident.send("Help, hij heeft een mes")
    assert "Bel 101 voor de politie" in resident.text
    assert "Waar gebeurt het?" in resident.text


async def test_sending_after_the_deadline_stores_nothing(
    engine: Engine, meeting: Meeting, clock: Clock
) -> None:
    resident = Chat(engine, 901, "An")
    await resident.event_button_data(f"m:concern_new:{meeting.code}")
    await resident.press("Hondenpoep")
    await resident.send("Op het speelplein")
    for _ in range(3):
        await resident.press("Overslaan")
    await resident.press("Ja")
    await resident.press("Ja")  # the police may contact them
    clock.now = seed.INTAKE_END
    await resident.press("✅ Versturen")
    assert "De termijn voor meldingen" in resident.text and "voorbij" in resident.text
    assert await stored(engine, meeting) == []
    await resident.event_button_data(f"m:concern_new:{meeting.code}")
    assert "De termijn voor meldingen" in resident.text


async def test_an_unknown_link_and_forged_buttons_reveal_nothing(
    engine: Engine, meeting: Meeting
) -> None:
    officer = await seed.person(engine, 501, Role.OFFICER)
    elsewhere = await seed.meeting(engine, officer)
    author = await seed.person(engine, 901)
    hidden = await seed.concern(engine, elsewhere, author, "Tekst van een ander buurtgesprek")
    own = await seed.concern(engine, meeting, author, "Mijn eigen melding")
    resident = Chat(engine, 902, "Bert")

    await resident.send("/start bg_bestaatniet")
    assert "Dit buurtgesprek ken ik niet" in resident.text
    for data in (
        f"m:concern_support:{meeting.code}_{hidden.id}",  # a concern of another meeting
        f"m:concern_follow:{meeting.code}_{hidden.id}_1",
        f"m:concern_withdraw:{own.id}",  # someone else's
        f"m:concern_withdraw_yes:{own.id}",
        f"m:concern_topic:{meeting.code}_999",
    ):
        await resident.event_button_data(data)
        assert REFUSED in resident.text, data
        assert "Tekst van een ander" not in resident.text and "Mijn eigen" not in resident.text
    await resident.event_button_data(f"m:concern_support:abc_{own.id}")
    assert "Dit buurtgesprek ken ik niet" in resident.text
    assert len(await stored(engine, meeting)) == 1

    writer = Chat(engine, 901, "An")
    await writer.event_button_data(f"m:concern_support:{meeting.code}_{own.id}")
    assert "Dat is je eigen melding" in writer.text


async def test_others_are_listed_by_text_and_paged(engine: Engine, meeting: Meeting) -> None:
    authors: list[Person] = [await seed.person(engine, 910 + i) for i in range(10)]
    for i, author in enumerate(authors):
        await seed.concern(engine, meeting, author, f"Melding nummer {i}")
    resident = Chat(engine, 902, "Bert")
    await resident.send(f"/start bg_{meeting.code}")
    await resident.press("👀 Wat meldden anderen al?")
    await resident.press("Parkeeroverlast (10)")
    assert "8. “Melding nummer 7”" in resident.text and "nummer 8" not in resident.text
    assert "Persoon 91" not in resident.text  # names never shown
    await resident.press("Meer »")
    assert "10. “Melding nummer 9”" in resident.text
    await resident.press("👍 Ik herken 10")
    # Re-ranked at once: what more residents recognise comes first.
    assert "1. “Melding nummer 9” · 👥 2 (je herkent dit)" in resident.text


async def test_withdrawing_is_only_for_the_author_before_the_deadline(
    engine: Engine, meeting: Meeting, clock: Clock
) -> None:
    author = await seed.person(engine, 901)
    first = await seed.concern(engine, meeting, author, "Eerste", inform=True)
    await seed.concern(engine, meeting, author, "Tweede", "hondenpoep")
    resident = Chat(engine, 901, "An")
    await resident.send("/mijnmeldingen")
    assert resident.labels == ["Intrekken: 1", "Intrekken: 2"]
    assert "🔔 Je krijgt bericht" in resident.text
    await resident.press("Intrekken: 1")  # newest first: "Tweede"
    assert "“Tweede”" in resident.text
    await resident.press("Nee, verder")
    await resident.press("Intrekken: 1")
    await resident.press("Ja, intrekken")
    assert [c.id for c in await stored(engine, meeting)] == [first.id]
    clock.now = seed.INTAKE_END
    await resident.send("/mijnmeldingen")
    assert resident.keyboard == [] or "Intrekken" not in " ".join(resident.labels)
    await resident.event_button_data(f"m:concern_withdraw:{first.id}")
    assert "Intrekken kan niet meer" in resident.text


async def test_each_question_says_how_to_answer_it_once(engine: Engine, meeting: Meeting) -> None:
    resident = Chat(engine, 902, "Bert")
    await resident.send(f"/start bg_{meeting.code}")
    await resident.press("✏️ Melding doen")
    await resident.press("Iets anders")
    await resident.send("Elke nacht lawaai aan het plein")
    assert resident.text.count("📎") == 1  # where: share a location or type a street, once
    await resident.press("Overslaan")
    assert resident.text.count("📎") == 1  # the photo: send it, once
