"""The officer's side of a buurtgesprek through the engine: planning with typed dates,
changing and cancelling (residents hear of it), merging duplicates, access."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from PIL import Image

from dialogs.engine.engine import Engine
from dialogs.engine.replies import Deferred, File, Message, Picture
from storage import concerns, meetings
from storage.meetings import MeetingStatus
from storage.people import Role
from tests.dialogs import buurtgesprek_seed as seed
from tests.dialogs.conftest import Chat, Clock

REFUSED = "Dat kan ik voor jou niet doen"


@pytest.fixture
async def officer(engine: Engine) -> Chat:
    await seed.person(engine, 500, Role.OFFICER)
    return Chat(engine, 500, "Peeters")


def to(chat: Chat, telegram_id: int) -> list[str]:
    return [r.html for r in chat.replies if isinstance(r, Message) and r.to == telegram_id]


async def test_planning_reads_typed_dates_and_confirms_them(engine: Engine, officer: Chat) -> None:
    await officer.send("/buurtgesprek plan")
    await officer.press("Thematisch")
    for typed, answer in [
        ("volgende keer", "Die datum begrijp ik niet"),
        ("12 maart", "Hoe laat?"),
        ("vandaag 8u", "Dat moment is al voorbij"),
        ("31/2 19u", "Die dag bestaat niet"),
    ]:
        await officer.send(typed)
        assert answer in officer.text
    await officer.send("do 12/3 19u")
    assert "donderdag 12 maart 2026 om 19:00. Klopt dat?" in officer.text
    await officer.press("Nee, andere datum")
    await officer.send("12 maart 19.30 uur")
    await officer.press("Ja, klopt")
    await officer.send("Zaal De Kring")
    assert officer.text.count("typ de naam van een andere wijk") == 1  # said once, not twice
    assert "Kies een knop, of typ je antwoord" not in officer.text
    await officer.send("Noord")  # another wijk than his own, typed
    await officer.send("verkeer rond de school")
    await officer.press("Tot twee dagen ervoor")
    assert "Datum en uur: donderdag 12 maart 2026 om 19:30" in officer.text
    await officer.press("✅ Opslaan")
    made = [r.make() for r in officer.replies if isinstance(r, Deferred)]
    pictures = [r for r in made if isinstance(r, Picture)]
    files = [r for r in made if isinstance(r, File)]
    assert len(pictures) == 1 and files[0].content.startswith(b"%PDF")
    assert Image.open(io.BytesIO(pictures[0].png)).size == (1240, 1754)
    assert "Buurtgesprek Noord: verkeer rond de school" in officer.text
    async with engine.db.transaction() as conn:
        (planned,) = await meetings.list_all(conn)
    assert planned.starts_at == datetime(2026, 3, 12, 18, 30, tzinfo=UTC)
    assert planned.intake_until == datetime(2026, 3, 10, 23, 0, tzinfo=UTC)  # end of Tuesday
    assert planned.area == "Noord" and planned.theme == "verkeer rond de school"
    assert f"start=bg_{planned.code}" in officer.text


async def test_a_meeting_without_a_theme_reads_so_in_the_summary(officer: Chat) -> None:
    await officer.send("/buurtgesprek plan")
    await officer.press("Inventariserend")
    await officer.send("12 maart 19u30")
    await officer.press("Ja, klopt")
    await officer.send("Zaal De Kring")
    await officer.press("Centrum")
    await officer.press("Overslaan")
    await officer.press("Tot en met de dag ervoor")
    assert "Thema: niet ingevuld" in officer.text and "overgeslagen" not in officer.text


async def test_stopping_a_plan_stores_nothing(engine: Engine, officer: Chat) -> None:
    await officer.send("/buurtgesprek plan")
    await officer.press("Netwerk")
    await officer.send("/stop")
    await officer.press("Ja, stoppen")
    assert "Buurtgesprek plannen: gestopt. Er is niets bewaard." in officer.text
    await officer.send("hallo")
    assert "Ik weet niet goed wat je bedoelt" in officer.text
    async with engine.db.transaction() as conn:
        assert await meetings.list_all(conn) == []


async def test_a_new_date_is_told_to_residents(engine: Engine) -> None:
    owner = await seed.person(engine, 501, Role.OFFICER)
    officer = Chat(engine, 501, "Peeters")
    meeting = await seed.meeting(engine, owner)
    author, supporter, _bystander = [await seed.person(engine, i) for i in (901, 902, 903)]
    await seed.concern(engine, meeting, author, "Voetpad", supporters=(supporter,))

    await officer.event_button_data(f"m:meeting_edit:{meeting.id}")
    await officer.press("Wijzig: Thema")
    await officer.send("parkeren")
    await officer.press("✅ Opslaan")
    assert to(officer, 901) == []  # a new theme is nothing to tell residents
    assert "0 inwoners kregen bericht" in officer.text

    await officer.event_button_data(f"m:meeting_edit:{meeting.id}")
    await officer.press("Wijzig: Datum en uur")
    await officer.send("19 maart 20u")
    await officer.press("Ja, klopt")
    await officer.press("✅ Opslaan")
    for telegram_id in (901, 902):
        (notice,) = to(officer, telegram_id)
        assert "donderdag 19 maart 2026 om 20:00" in notice
    assert to(officer, 903) == []
    async with engine.db.transaction() as conn:
        moved = await meetings.get(conn, meeting.id)
    assert moved is not None
    assert moved.intake_until == datetime(2026, 3, 18, 23, 0, tzinfo=UTC)  # still the day before


async def test_cancelling_tells_residents_and_closes_the_link(engine: Engine) -> None:
    owner = await seed.person(engine, 501, Role.OFFICER)
    officer = Chat(engine, 501, "Peeters")
    meeting = await seed.meeting(engine, owner)
    author = await seed.person(engine, 901)
    await seed.concern(engine, meeting, author, "Voetpad")
    await officer.event_button_data(f"m:meeting:{meeting.id}")
    await officer.press("❌ Afgelasten")
    assert "1 inwoner die iets meldde of herkende, krijgt bericht" in officer.text
    await officer.press("Ja, afgelasten")
    (notice,) = to(officer, 901)
    assert "gaat niet door" in notice and "donderdag 12 maart 2026" in notice
    resident = Chat(engine, 904, "Dirk")
    await resident.send(f"/start bg_{meeting.code}")
    assert "afgelast" in resident.text and "Melding doen" not in resident.labels
    await officer.event_button_data(f"m:meeting_edit:{meeting.id}")
    assert "dit buurtgesprek is afgelast" in officer.text
    async with engine.db.transaction() as conn:
        cancelled = await meetings.get(conn, meeting.id)
    assert cancelled is not None and cancelled.status is MeetingStatus.CANCELLED


@pytest.mark.parametrize(
    "command",
    [
        "meeting",
        "meeting_edit",
        "meeting_link",
        "meeting_agenda",
        "meeting_cancel",
        "meeting_cancel_yes",
        "meeting_close_yes",
        "meeting_actions",
        "action_priority",
        "concern_merge",
    ],
)
async def test_another_officer_cannot_reach_a_meeting(engine: Engine, command: str) -> None:
    owner = await seed.person(engine, 500, Role.OFFICER)
    meeting = await seed.meeting(engine, owner)
    await seed.concern(engine, meeting, await seed.person(engine, 901), "Voetpad geheim")
    colleague = await seed.person(engine, 501, Role.OFFICER)
    other = Chat(engine, colleague.telegram_id or 0, "Collega")
    await other.event_button_data(f"m:{command}:{meeting.id}")
    assert REFUSED in other.text
    assert "Zaal De Kring" not in other.text and "geheim" not in other.text
    assert all(not isinstance(r, File | Picture | Deferred) for r in other.replies)
    await other.event_button_data(f"m:{command}:999")  # the same answer for no meeting at all
    assert REFUSED in other.text
    async with engine.db.transaction() as conn:
        still = await meetings.get(conn, meeting.id)
    assert still is not None and still.status is MeetingStatus.PLANNED


async def test_an_admin_sees_every_meeting(engine: Engine) -> None:
    owner = await seed.person(engine, 500, Role.OFFICER)
    meeting = await seed.meeting(engine, owner)
    await seed.person(engine, 600, Role.ADMIN)
    admin = Chat(engine, 600, "Beheerder")
    await admin.send("/buurtgesprek")
    await admin.press(next(label for label in admin.labels if "Buurtgesprek Centrum" in label))
    assert "Zaal De Kring" in admin.text
    await admin.event_button_data(f"m:meeting_agenda:{meeting.id}")
    assert "Agenda – Buurtgesprek Centrum" in admin.text


async def test_merging_adds_residents_up_once_and_can_be_split(engine: Engine) -> None:
    owner = await seed.person(engine, 500, Role.OFFICER)
    officer = Chat(engine, 500, "Peeters")
    meeting = await seed.meeting(engine, owner)
    r1, r2, r3, r4 = [await seed.person(engine, i) for i in (901, 902, 903, 904)]
    first = await seed.concern(engine, meeting, r1, "Auto's op het voetpad", supporters=(r2,))
    await seed.concern(engine, meeting, r3, "Wagens op de stoep", supporters=(r2, r4))

    await officer.event_button_data(f"m:concern_merge:{meeting.id}")
    await officer.press("Parkeeroverlast (2)")
    assert "#1 Wagens op de stoep · 👥 3" in officer.text  # the most residents first
    assert "#2 Auto's op het voetpad · 👥 2" in officer.text
    await officer.press("#1")
    assert "Van welke melding is dit een dubbel?" in officer.text
    await officer.press("Bij #2")
    assert "samen 4 inwoners" in officer.text  # r2 supported both: counted once
    assert "↳ #2 (samengevoegd) Wagens op de stoep" in officer.text
    async with engine.db.transaction() as conn:
        merged = {c.id: c.merged_into for c in await concerns.list_for_meeting(conn, meeting.id)}
    assert list(merged.values()).count(first.id) == 1

    await officer.event_button_data(f"m:meeting_agenda:{meeting.id}")
    assert "Parkeeroverlast · 👥 4 · meldingen: 2" in officer.text
    await officer.event_button_data(f"m:concern_merge:{meeting.id}_0")
    await officer.event_button_data(f"m:concern_merge:{meeting.id}")
    await officer.press("Parkeeroverlast (2)")
    await officer.press("Splitsen #2")
    assert "#1 Wagens op de stoep · 👥 3" in officer.text
    assert "De melding staat weer apart." in officer.text


async def test_a_meeting_closes_only_after_it_took_place(engine: Engine, clock: Clock) -> None:
    owner = await seed.person(engine, 500, Role.OFFICER)
    officer = Chat(engine, 500, "Peeters")
    meeting = await seed.meeting(engine, owner)
    await officer.event_button_data(f"m:meeting_close:{meeting.id}")
    assert "nadat het plaatsvond" in officer.text
    clock.now = seed.after(seed.STARTS, hours=3)
    await officer.event_button_data(f"m:meeting:{meeting.id}")
    await officer.press("✔️ Afsluiten")
    await officer.press("Ja, afsluiten")
    assert "afgesloten" in officer.text
    await officer.event_button_data(f"m:meeting:{meeting.id}")
    assert "✔️ Afsluiten" not in officer.labels and "✏️ Wijzigen" not in officer.labels
    assert "🎯 Prioriteiten en acties" in officer.labels


async def test_back_and_change_in_the_planner(engine: Engine, officer: Chat) -> None:
    await officer.send("/buurtgesprek")
    await officer.press("➕ Buurtgesprek plannen")
    await officer.press("Geruststellend")
    await officer.send("morgen 20u")
    await officer.press("Ja, klopt")
    assert "Waar vindt het plaats?" in officer.text
    await officer.press("« Terug")
    assert "Nu: dinsdag 3 maart 2026 om 20:00" in officer.text
    await officer.send("overmorgen 20u")
    await officer.press("Nee, andere datum")  # from the confirmation: type it again
    await officer.send("overmorgen 20u")
    await officer.press("Ja, klopt")
    await officer.send("Buurthuis")
    await officer.press("Centrum")
    await officer.press("Overslaan")
    await officer.press("Tot het gesprek begint")
    await officer.press("Wijzig: Plaats")
    await officer.press("« Terug")
    assert "Buurtgesprek plannen: overzicht" in officer.text
    await officer.press("Wijzig: Plaats")
    await officer.send("Sporthal")
    assert "• Plaats: Sporthal" in officer.text
    assert "• Datum en uur: woensdag 4 maart 2026 om 20:00" in officer.text
    await officer.press("✅ Opslaan")
    async with engine.db.transaction() as conn:
        (planned,) = await meetings.list_all(conn)
    assert planned.place == "Sporthal" and planned.intake_until == planned.starts_at
