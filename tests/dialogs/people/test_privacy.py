"""People's rights: a copy of exactly their data, and an erasure that leaves no trace of
them while the zone's figures stay the same."""

from __future__ import annotations

import json

import aiosqlite

from dialogs.engine.engine import Engine
from dialogs.engine.replies import File
from storage import outbox
from storage.outbox import OutboxStatus
from storage.people import Role
from tests.dialogs import buurtgesprek_seed as seed
from tests.dialogs.conftest import Chat
from tests.dialogs.sectorscan.test_scan_flow import add_contact, invite_link_token, make, walk_scan

CONTACT_ID = 987654321
REMARK = "Zeer herkenbare opmerking over de Kerkstraat"


async def scanned_contact(engine: Engine) -> tuple[Chat, Chat]:
    officer = await make(engine, 500, Role.OFFICER, "Inspecteur Peeters")
    contact_id = await add_contact(officer, "Bakkerij Unieknaam")
    token = await invite_link_token(officer, contact_id)
    contact = Chat(engine, CONTACT_ID, "Annemie Zeldzaam")
    await contact.send(f"/start {token}")
    await contact.press("Sectorscan starten")
    await walk_scan(contact, ["Drugsoverlast"], remark=REMARK)
    await contact.send("/proef")
    await contact.press("Nooit")
    return officer, contact


async def cells(conn: aiosqlite.Connection) -> list[tuple[str, str, object]]:
    """Every value in every table, to search for traces of a person."""
    found = []
    async with conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'") as cursor:
        tables = [row[0] for row in await cursor.fetchall()]
    for table in tables:
        async with conn.execute(f"SELECT * FROM {table}") as cursor:
            names = [d[0] for d in cursor.description]
            for row in await cursor.fetchall():
                found += [(table, name, value) for name, value in zip(names, row, strict=True)]
    return found


COUNTED = ("scans", "scan_problems", "scan_trends", "contacts", "form_responses", "people")


async def counts(conn: aiosqlite.Connection, tables: tuple[str, ...] = COUNTED) -> dict[str, int]:
    result = {}
    for table in tables:
        async with conn.execute(f"SELECT count(*) FROM {table}") as cursor:
            row = await cursor.fetchone()
        assert row is not None
        result[table] = row[0]
    return result


async def test_my_data_holds_exactly_my_data(engine: Engine) -> None:
    _officer, contact = await scanned_contact(engine)
    other = Chat(engine, 4242, "Iemand Anders")
    await other.send("/proef")
    await contact.send("/mijngegevens")
    assert "Annemie Zeldzaam" in contact.text and "Bakkerij Unieknaam" in contact.text
    [file] = [r for r in contact.replies if isinstance(r, File)]
    data = json.loads(file.content)
    assert data["persoon"]["Telegram-id"] == CONTACT_ID
    assert data["als contactpersoon"]["organisatie"] == "Bakkerij Unieknaam"
    remarks = [
        a["antwoord"]
        for scan in data["sectorscans"]
        for a in scan["antwoorden"]
        if a["vraag"]["id"] == "opmerking"
    ]
    assert remarks == [REMARK]
    assert data["vragenlijst bezig"]["vragenlijst"] == {"id": "proef", "tekst": "Proefvragenlijst"}
    assert "Iemand Anders" not in file.content.decode() and "4242" not in file.content.decode()


async def test_my_data_reads_in_dutch_with_local_times_and_words_beside_ids(
    engine: Engine,
) -> None:
    _officer, contact = await scanned_contact(engine)  # scanned at 10:00 in Brussels (9:00 UTC)
    await contact.send("/mijngegevens")
    assert "Rol: contactpersoon" in contact.text  # the word, not the code "contact"
    [file] = [r for r in contact.replies if isinstance(r, File)]
    text = file.content.decode()
    data = json.loads(text)
    assert data["tijdzone"] == "Europe/Brussels"
    assert data["persoon"]["bekend sinds"] == "2026-03-02 10:00"
    assert data["persoon"]["rol"] == {"id": "contact", "tekst": "contactpersoon"}
    (scan,) = data["sectorscans"]
    answers = {a["vraag"]["tekst"]: a["antwoord"] for a in scan["antwoorden"]}
    assert {"id": "drugsoverlast", "tekst": "Drugsoverlast"} in answers["Buurtproblemen"]
    assert answers["Terugbellen"] is False
    assert scan["ingevuld door"] == {"id": "contact", "tekst": "de contactpersoon zelf"}
    for english in ("keep_informed", "created_at", "form_in_progress", "+00:00", '": 0,'):
        assert english not in text


async def delivered(engine: Engine) -> None:
    """What the dispatcher does within seconds: the officer got the scan's summary."""
    async with engine.db.transaction() as conn:
        now = engine.clock()
        for row in await outbox.claim(conn, now, stale_before=now, limit=100):
            await outbox.finish(conn, row.id, OutboxStatus.SENT, now)


async def test_forget_leaves_no_trace_and_the_figures_stay(engine: Engine) -> None:
    _officer, contact = await scanned_contact(engine)
    await delivered(engine)
    async with engine.db.transaction() as conn:
        before = await counts(conn)
    await contact.send("/vergeet")
    await contact.press("Ja, wis mijn gegevens")
    assert "gewist" in contact.text
    async with engine.db.transaction() as conn:
        traces = [
            (table, column)
            for table, column, value in await cells(conn)
            if value is not None
            and (
                value == CONTACT_ID
                or any(
                    word in str(value)
                    for word in (
                        "Annemie",
                        "Zeldzaam",
                        "Unieknaam",
                        "Janssens",
                        "Kerkstraat",
                        str(CONTACT_ID),
                    )
                )
            )
        ]
        assert traces == []
        assert await counts(conn) == before


async def test_officers_cannot_erase_themselves_while_in_role(engine: Engine) -> None:
    officer = await make(engine, 500, Role.OFFICER, "Inspecteur Peeters")
    await officer.send("/vergeet")
    assert "rol" in officer.text and "Ja, wis mijn gegevens" not in officer.labels
    await officer.event_button_data("m:vergeet_ja:")
    assert "Zolang je een rol hebt" in officer.text


async def test_a_residents_concerns_lose_their_author_and_texts(engine: Engine) -> None:
    officer = await seed.person(engine, 500, Role.OFFICER)
    meeting = await seed.meeting(engine, officer)
    resident = await seed.person(engine, CONTACT_ID)
    neighbour = await seed.person(engine, 4242)
    await seed.concern(engine, meeting, resident, "Kerkstraat: auto's op de stoep", inform=True)
    await seed.concern(
        engine, meeting, neighbour, "Te snel in de Dorpsstraat", supporters=(resident,)
    )
    chat = Chat(engine, CONTACT_ID, "Persoon")
    await chat.send("/mijngegevens")
    [file] = [r for r in chat.replies if isinstance(r, File)]
    data = json.loads(file.content)
    (concern,) = data["meldingen"]
    assert concern["beschrijving"] == "Kerkstraat: auto's op de stoep"
    assert concern["onderwerp"] == {"id": "parkeeroverlast", "tekst": "Parkeeroverlast"}
    assert concern["op de hoogte blijven"] is True  # not 1
    assert concern["buurtgesprek"]["datum en uur"] == "2026-03-12 19:30"
    assert len(data["meldingen die je herkende"]) == 1
    assert "Dorpsstraat" not in file.content.decode()

    async with engine.db.transaction() as conn:
        before = await counts(conn, ("concerns", "supports"))
    await chat.send("/vergeet")
    await chat.press("Ja, wis mijn gegevens")
    async with engine.db.transaction() as conn:
        traces = [
            (t, c)
            for t, c, v in await cells(conn)
            if v == CONTACT_ID or (isinstance(v, str) and "Kerkstraat" in v)
        ]
        assert traces == []
        assert await counts(conn, ("concerns", "supports")) == before
        async with conn.execute("SELECT count(*) FROM supports WHERE person_id IS NULL") as c:
            unlinked = await c.fetchone()
        assert unlinked is not None and unlinked[0] == 1  # the support still counts, unlinked


async def people_with(conn: aiosqlite.Connection, telegram_id: int) -> int:
    async with conn.execute(
        "SELECT count(*) FROM people WHERE telegram_id = ?", (telegram_id,)
    ) as c:
        row = await c.fetchone()
    assert row is not None
    return int(row[0])


async def test_asking_for_my_data_after_forget_stores_nobody_again(engine: Engine) -> None:
    resident = Chat(engine, CONTACT_ID, "Annemie Zeldzaam")
    await resident.send("/proef")
    await resident.send("/vergeet")
    await resident.press("Ja, wis mijn gegevens")
    async with engine.db.transaction() as conn:
        assert await people_with(conn, CONTACT_ID) == 0
        before = await counts(conn, ("people", "dialog_states", "audit_log"))
    for command in ("/mijngegevens", "/privacy", "/help", "/vergeet"):
        await resident.send(command)
    assert "We bewaren niets over jou" in resident.text  # /vergeet: nothing to erase
    await resident.event_button_data("m:vergeet_ja:")  # an old button of the erasure
    assert "We bewaren niets over jou" in resident.text
    await resident.send("/mijngegevens")
    assert "We bewaren niets over jou" in resident.text
    assert not [r for r in resident.replies if isinstance(r, File)]
    for command in ("/mijnmeldingen", "m:mijnmeldingen:"):  # typed, or an old button
        await (resident.send(command) if command[0] == "/" else resident.event_button_data(command))
        assert "We bewaren niets over jou" in resident.text
    async with engine.db.transaction() as conn:
        assert await people_with(conn, CONTACT_ID) == 0
        assert await counts(conn, ("people", "dialog_states", "audit_log")) == before
    await resident.send("/start")  # using the bot again makes him a new resident
    async with engine.db.transaction() as conn:
        assert await people_with(conn, CONTACT_ID) == 1


async def test_the_privacy_statement_covers_the_bin_and_signals(engine: Engine) -> None:
    """What /privacy promises is what the code keeps: a BIN answer a year, with the name for
    the officer who sent the alert; members never listed; signals' texts a year after."""
    resident = Chat(engine, 4343, "Iemand")
    await resident.send("/privacy")
    said = resident.text
    assert "/melding" in said and "buurtinformatienetwerk (BIN)" in said
    assert "een antwoord op een BIN-bericht 12 maanden nadat je het gaf" in said
    assert "de wijkinspecteur kent alleen het aantal leden" in said
    assert "loopt tot je je uitschrijft (/bin)" in said
