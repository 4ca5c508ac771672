"""Doorsturen: only to the configured group, the resident named only when allowed, staff only."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.settings import Settings
from dialogs.engine.engine import Engine
from dialogs.engine.replies import Message
from storage import audit
from storage.people import Role
from tests.dialogs.conftest import Chat, plain
from tests.dialogs.sectorscan.test_scan_flow import add_contact, make, walk_scan
from tests.wijk_seed import (
    CONTACT_PERSON,
    INFORMED_RESIDENT,
    OFFICER,
    OTHER_OFFICER,
    SILENT_RESIDENT,
    Seeded,
    seed,
)

INTERVENTIE = -100555
REFUSED = "Dat kan ik voor jou niet doen"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # Only the interventiedienst's group is configured; the recherche has none.
    return Settings(  # type: ignore[call-arg]
        database=tmp_path / "wijkbot.db", group_interventie=INTERVENTIE, _env_file=None
    )


@pytest.fixture
async def seeded(engine: Engine) -> Seeded:
    async with engine.db.transaction() as conn:
        return await seed(conn)


def sent_elsewhere(chat: Chat) -> list[Message]:
    return [r for r in chat.replies if isinstance(r, Message) and r.to is not None]


async def test_a_concern_goes_to_the_group_with_the_resident_who_allowed_it(
    engine: Engine, seeded: Seeded
) -> None:
    officer = Chat(engine, OFFICER, "Peeters")
    await officer.event_button_data(f"m:fwd:m{seeded.meeting_id}")
    assert "De nummers zijn die van de agenda" in officer.text
    assert officer.labels == [
        "1. Drugsoverlast: Dealers aan het station",
        '2. Te snel rijden: =HYPERLINK("http://x")',
    ]
    await officer.press("1. Drugsoverlast: Dealers aan het station")
    assert "Drugsoverlast" in officer.text
    assert "de dienst krijgt ook wie de melding deed" in officer.text
    assert "Els Inwoner" not in officer.text  # the officer is told, the group is shown
    assert officer.labels == ["🚓 Interventiedienst"]  # the recherche has no group

    await officer.press("🚓 Interventiedienst")
    assert "Typ een korte notitie" in officer.text
    await officer.send("Graag <extra> toezicht")
    assert "Doorgestuurd naar 🚓 Interventiedienst" in officer.text
    [forwarded] = sent_elsewhere(officer)
    assert forwarded.to == INTERVENTIE
    assert "Doorgestuurd door Inspecteur Peeters" in forwarded.html
    assert "Dealers aan het &lt;b&gt;station&lt;/b&gt;" in forwarded.html
    assert "Plaats:</b> Kerkstraat" in forwarded.html
    assert "Graag &lt;extra&gt; toezicht" in forwarded.html
    assert f'<a href="tg://user?id={INFORMED_RESIDENT}">Els Inwoner</a>' in forwarded.html

    async with engine.db.transaction() as conn:
        logged = await audit.since(conn, datetime(2000, 1, 1, tzinfo=UTC))
    assert [(e.action, e.subject_kind, e.subject_id) for e in logged] == [
        ("forward.interventie", "concern", seeded.informed_concern_id)
    ]


async def test_a_resident_who_did_not_allow_it_stays_unnamed(
    engine: Engine, seeded: Seeded
) -> None:
    officer = Chat(engine, OFFICER, "Peeters")
    await officer.event_button_data(f"m:fwd:c{seeded.silent_concern_id}")
    assert "Wie de melding deed, wordt niet meegegeven" in officer.text
    await officer.press("🚓 Interventiedienst")
    await officer.press("Zonder notitie")
    [forwarded] = sent_elsewhere(officer)
    assert forwarded.to == INTERVENTIE
    text = plain(forwarded.html)
    assert "Stille Inwoner" not in text and str(SILENT_RESIDENT) not in forwarded.html
    assert "Wie de melding deed, wordt niet meegegeven" in text
    assert "Locatie: 51.05000, 3.72000" in text
    assert "Notitie" not in text


async def test_a_scan_remark_goes_without_the_partner(engine: Engine, seeded: Seeded) -> None:
    officer = Chat(engine, OFFICER, "Peeters")
    await officer.event_button_data(f"m:fwd:s{seeded.scan_ids[1]}")
    assert "gedeald aan het <station>" in officer.text
    await officer.press("🚓 Interventiedienst")
    await officer.send("Ken ik van vorig jaar")
    [forwarded] = sent_elsewhere(officer)
    text = plain(forwarded.html)
    remark = "Opmerking uit een sectorscan van 10 juni 2025, wijk Centrum"
    assert f"{remark} (contactpersoon: Winkelier)" in text
    assert "Zaak C1" not in text and "C1" not in text.replace("Centrum", "")
    # A scan without a remark has nothing to forward.
    await officer.event_button_data(f"m:fwd:s{seeded.scan_ids[0]}")
    assert REFUSED in officer.text


async def test_forwarding_is_refused_to_others(engine: Engine, seeded: Seeded) -> None:
    target = f"c{seeded.informed_concern_id}"
    for telegram_id in (SILENT_RESIDENT, CONTACT_PERSON):
        outsider = Chat(engine, telegram_id, "Buiten")
        for data in (f"m:fwd:{target}", f"m:fwd_to:{target}_i", f"m:fwd:m{seeded.meeting_id}"):
            await outsider.event_button_data(data)
            assert REFUSED in outsider.text
            assert sent_elsewhere(outsider) == []
    colleague = Chat(engine, OTHER_OFFICER, "Janssens")
    for data in (f"m:fwd:{target}", f"m:fwd_to:{target}_i", f"m:fwd:m{seeded.meeting_id}"):
        await colleague.event_button_data(data)
        assert REFUSED in colleague.text
        assert "Dealers" not in colleague.text
    officer = Chat(engine, OFFICER, "Peeters")
    await officer.event_button_data(f"m:fwd_to:{target}_r")  # no group for the recherche
    assert REFUSED in officer.text
    await officer.event_button_data(f"m:fwd_to:{target}_i")
    await officer.press("Annuleren")
    assert "Niet doorgestuurd" in officer.text
    assert sent_elsewhere(officer) == []


async def test_the_scan_summary_offers_to_forward_a_remark(engine: Engine) -> None:
    officer = await make(engine, 500, Role.OFFICER, "Inspecteur Peeters")
    contact_id = await add_contact(officer)
    await officer.event_button_data(f"m:scan_for:{contact_id}")
    await walk_scan(officer, ["Drugsoverlast"], remark="Dealers aan de <kiosk>")
    assert "Dealers aan de <kiosk>" in officer.text
    assert officer.labels == ["📨 Doorsturen"]
    await officer.press("📨 Doorsturen")
    await officer.press("🚓 Interventiedienst")
    await officer.press("Zonder notitie")
    [forwarded] = sent_elsewhere(officer)
    assert forwarded.to == INTERVENTIE
    assert "Dealers aan de &lt;kiosk&gt;" in forwarded.html
    assert "An Janssens" not in forwarded.html and "Bakkerij" not in forwarded.html
