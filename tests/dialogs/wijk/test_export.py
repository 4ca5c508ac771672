"""/export: a workbook that opens with openpyxl, one row per fact, no one named in it."""

from __future__ import annotations

import asyncio
import io
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from bot.runtime import open_runtime
from bot.settings import Settings
from dialogs.engine.engine import Engine
from dialogs.engine.replies import Deferred, File, Message
from dialogs.forms.model import load_forms
from dialogs.sectorscan.problem_list import Problems
from dialogs.wijk.export_book import ExportData, book, collect
from dialogs.wijk.export_files import csv_files
from dialogs.wijk.view import area_key
from storage import audit
from storage.analysis import Scope
from storage.export_rows import ConcernRow
from tests.dialogs.conftest import Chat, Clock, plain
from tests.pseudo_locale import pseudo
from tests.wijk_seed import (
    ADMIN,
    INFORMED_RESIDENT,
    OFFICER,
    OTHER_OFFICER,
    SILENT_RESIDENT,
    Seeded,
    seed,
)

REFUSED = "Dat kan ik voor jou niet doen"


@pytest.fixture
async def seeded(engine: Engine) -> Seeded:
    async with engine.db.transaction() as conn:
        return await seed(conn)


def exported(chat: Chat) -> tuple[str, openpyxl.Workbook]:
    """The export made as the bot makes it after the turn: its counts and its workbook."""
    [deferred] = [r for r in chat.replies if isinstance(r, Deferred)]
    made = deferred.make()
    assert isinstance(made, list)
    [counts, file] = made
    assert isinstance(counts, Message) and counts.edit  # in place of the period question
    assert isinstance(file, File)
    assert file.filename.endswith(".xlsx")
    return plain(counts.html), openpyxl.load_workbook(io.BytesIO(file.content))


def values(sheet: Worksheet) -> list[tuple[object, ...]]:
    return list(sheet.iter_rows(values_only=True))


async def test_an_officer_exports_his_areas(engine: Engine, seeded: Seeded) -> None:
    officer = Chat(engine, OFFICER, "Peeters")
    await officer.send("/export")
    assert officer.labels == ["Al mijn wijken", "Centrum", "Haven"]
    await officer.press("Al mijn wijken")
    assert officer.labels == ["Laatste 12 maanden", "2025", "2024", "Alles"]
    await officer.press("Alles")
    counts, book = exported(officer)
    assert "5 sectorscans, 1 buurtgesprek, 2 meldingen, 2 acties" in counts
    assert book.sheetnames == [
        "Sectorscans",
        "Scanproblemen",
        "Buurtgesprekken",
        "Meldingen",
        "Steun",
        "Acties",
        "Criminaliteit",
    ]

    scans = values(book["Sectorscans"])
    assert scans[0][:4] == ("Scan", "Datum bezoek", "Wijk", "Contactpersoon (nr)")
    assert len(scans) == 1 + 5  # his five scans; his colleague's contact is not his
    first = book["Sectorscans"]["B2"]
    assert first.is_date and first.value == datetime(2024, 6, 10)
    assert scans[1][5:10] == ("wijkinspecteur", "Soms", None, 6, "Te snel rijden")

    # One row per scan and problem, the one solved since the previous visit included.
    problems = values(book["Scanproblemen"])
    assert len(problems) == 1 + 8
    second_scan = [row for row in problems[1:] if row[0] == seeded.scan_ids[1]]
    assert [(row[4], row[5], row[6]) for row in second_scan] == [
        ("Sluikstorten en zwerfvuil", None, "opgelost"),
        ("Te snel rijden", "Veel", "verslechterd"),
    ]

    meetings = values(book["Buurtgesprekken"])
    assert meetings[1][2:7] == ("Centrum", "Inventariserend", "Zaal De Kroon", None, "gepland")
    assert meetings[1][1] == datetime(2025, 10, 1, 19, 30)  # local time, as a real date
    assert meetings[1][7:] == (2, 1)

    concerns_sheet = book["Meldingen"]
    concerns = values(concerns_sheet)
    assert len(concerns) == 1 + 2
    assert concerns[0] == (
        "Melding",
        "Buurtgesprek",
        "Wijk",
        "Ingediend op",
        "Probleem",
        "Beschrijving",
        "Plaats",
        "Kaart",
        "Idee van de inwoner",
        "Samengevoegd met melding",
    )
    every_cell = " ".join(str(v) for row in concerns for v in row)
    for identifier in (
        "Els Inwoner",
        "Stille Inwoner",
        str(INFORMED_RESIDENT),
        str(SILENT_RESIDENT),
    ):
        assert identifier not in every_cell
    # A shared location comes as a map link, rounded to about ten metres, beside the street.
    assert concerns[2][6:8] == (
        " kerkstraat ",
        "https://www.openstreetmap.org/?mlat=51.0500&mlon=3.7200#map=18/51.0500/3.7200",
    )
    # A description that looks like a formula stays text.
    formula = next(c for c in concerns_sheet["F"] if str(c.value).startswith("="))
    assert formula.data_type == "s"

    assert [row[4] for row in values(book["Steun"])[1:]] == [1, 0]
    actions = values(book["Acties"])
    assert [(row[4], row[9]) for row in actions[1:]] == [
        ("Extra patrouilles", "gepland"),
        ("Camera plaatsen", "uitgevoerd"),
    ]
    assert actions[1][8] == datetime(2025, 12, 1)
    crime = values(book["Criminaliteit"])
    assert crime[1] == ("Centrum", datetime(2024, 5, 1), "Woninginbraak", 4)
    assert len(crime) == 1 + 4

    async with engine.db.transaction() as conn:
        logged = await audit.since(conn, datetime(2000, 1, 1, tzinfo=UTC))
    assert [(e.actor_id, e.action) for e in logged] == [(seeded.officer_id, "export")]


async def test_a_period_and_an_area_narrow_the_export(engine: Engine, seeded: Seeded) -> None:
    admin = Chat(engine, ADMIN, "Chef")
    await admin.send("/export")
    assert admin.labels == ["De hele zone", "Centrum", "Haven", "Noord"]
    await admin.press("Centrum")
    await admin.press("2025")
    counts, book = exported(admin)
    assert "4 sectorscans, 1 buurtgesprek, 2 meldingen, 2 acties" in counts
    visits = [row[1] for row in values(book["Sectorscans"])[1:]]
    assert all(
        isinstance(day, datetime) and datetime(2025, 1, 1) <= day < datetime(2026, 1, 1)
        for day in visits
    )
    assert len(visits) == 4  # the colleague's contact counts for an admin


async def test_export_refuses_other_areas_and_outsiders(engine: Engine, seeded: Seeded) -> None:
    other = Chat(engine, OTHER_OFFICER, "Janssens")
    await other.event_button_data(f"m:export_go:{area_key('Haven')}_all")
    assert REFUSED in other.text
    assert not [r for r in other.replies if isinstance(r, Deferred)]
    resident = Chat(engine, SILENT_RESIDENT, "Inwoner")
    await resident.send("/export")
    assert REFUSED in resident.text
    await resident.event_button_data("m:export_go:all_all")
    assert REFUSED in resident.text


async def test_csv_files_hold_the_same_rows(engine: Engine, seeded: Seeded) -> None:
    texts = engine.texts("nl")
    form = load_forms()["sectorscan"]
    options = {o.id: o.label for q in form.questions for o in q.options}
    async with engine.db.transaction() as conn:
        data = await collect(conn, None, Scope())
    files = csv_files(book(data, texts, Problems.of(form), options))
    assert sorted(files) == [
        "acties.csv",
        "buurtgesprekken.csv",
        "criminaliteit.csv",
        "meldingen.csv",
        "scanproblemen.csv",
        "scans.csv",
        "steun.csv",
    ]
    scans = files["scans.csv"].decode("utf-8-sig").splitlines()
    assert scans[0].startswith("Scan;Datum bezoek;Wijk;")
    assert len(scans) == 1 + 6
    assert ";2024-06-10;Centrum;" in scans[1]
    concerns = files["meldingen.csv"].decode("utf-8-sig")
    assert "'=HYPERLINK" in concerns  # shown as text, never run
    assert date(2025, 10, 1).isoformat() in files["buurtgesprekken.csv"].decode("utf-8-sig")


async def test_the_rows_are_read_beside_a_write_transaction(engine: Engine, seeded: Seeded) -> None:
    admin = Chat(engine, ADMIN, "Chef")
    await admin.event_button_data("m:export_go:all_all")
    # Someone else's turn holds the write transaction all the while the export is made: the
    # export reads on a connection of its own, in a process of its own, and needs none of it.
    async with asyncio.timeout(60), engine.db.transaction():
        counts, book = await asyncio.to_thread(exported, admin)
    assert "6 sectorscans" in counts
    assert len(values(book["Sectorscans"])) == 1 + 6


async def test_a_killed_export_process_fails_one_export_not_the_next(
    engine: Engine, seeded: Seeded
) -> None:
    admin = Chat(engine, ADMIN, "Chef")
    await admin.event_button_data("m:export_go:all_all")
    await asyncio.to_thread(exported, admin)  # the process is running now
    flow = engine.commands["export_go"].__self__  # type: ignore[attr-defined]
    pool = flow.process._pool
    assert pool is not None
    for process in list(pool._processes.values()):
        process.kill()
        process.join()
    await admin.event_button_data("m:export_go:all_all")
    with pytest.raises(BrokenProcessPool):
        await asyncio.to_thread(exported, admin)
    await admin.event_button_data("m:export_go:all_all")
    counts, _book = await asyncio.to_thread(exported, admin)
    assert "6 sectorscans" in counts


def test_a_shared_location_fills_the_place_with_coordinates_and_a_map_link(
    engine: Engine,
) -> None:
    form = load_forms()["sectorscan"]
    row = ConcernRow(
        concern_id=7,
        meeting_id=1,
        area="Centrum",
        created_at=datetime(2025, 9, 1, 8, tzinfo=UTC),
        problem="drugsoverlast",
        description="Dealers",
        place=None,
        latitude=51.0542137,
        longitude=3.7251849,
        solution=None,
        merged_into=None,
        supports=0,
    )
    data = ExportData(scans=[], scan_problems=[], meetings=[], concerns=[row], actions=[], crime=[])
    made = book(data, engine.texts("nl"), Problems.of(form), {})
    sheet = next(s for s in made.sheets if s.name == "meldingen")
    place, link = sheet.rows[0][6:8]
    assert place == "51.0542, 3.7252"
    assert link == "https://www.openstreetmap.org/?mlat=51.0542&mlon=3.7252#map=18/51.0542/3.7252"


async def test_the_export_speaks_the_language_of_who_asks(
    tmp_path: Path, clock: Clock, pseudo_language: str
) -> None:
    settings = Settings(  # type: ignore[call-arg]
        database=tmp_path / "two.db", languages=("nl", pseudo_language), _env_file=None
    )
    runtime = await open_runtime(settings, clock)
    try:
        async with runtime.engine.db.transaction() as conn:
            await seed(conn)
        officer = Chat(runtime.engine, OFFICER, "Peeters")
        await officer.send(f"/taal {pseudo_language}")
        await officer.send("/export")
        await officer.press(pseudo("Al mijn wijken"))
        await officer.press(pseudo("Alles"))
        _counts, book = exported(officer)
        assert book.sheetnames[:2] == [pseudo("Sectorscans"), pseudo("Scanproblemen")]
        scans = values(book[pseudo("Sectorscans")])
        assert scans[0][1] == pseudo("Datum bezoek")
        # A stored role and an answer's option, both in the words of who asks.
        assert scans[1][4:7] == (pseudo("Winkelier"), pseudo("wijkinspecteur"), pseudo("Soms"))
    finally:
        await runtime.close()
