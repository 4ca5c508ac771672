"""Texts people type at their length limits, in emoji, right-to-left marks and HTML characters,
through the agenda, the scan summary and the export, against a stand-in that refuses what
Telegram refuses (a message over 4,096 UTF-16 code units, say)."""

from __future__ import annotations

import csv
import io
import re

import openpyxl

from dialogs.engine.limits import MESSAGE_LIMIT, utf16_length
from tests.e2e.conftest import Person, RunningBot
from tests.e2e.test_buurtgesprek import plan_meeting
from tests.e2e.test_sectorscan import add_contact, answer_scan, officer_of

EMOJI = "\N{POUTING FACE}"  # one character, two UTF-16 code units
RTL = "\u200f"  # RIGHT-TO-LEFT MARK
FAILED = "er ging iets mis"


def at_limit(pattern: str, length: int) -> str:
    """`length` characters (as the form counts them) of `pattern` repeated."""
    return (pattern * length)[:length]


def read(person: Person) -> str:
    """Everything the bot wrote in a chat, messages joined where they were cut."""
    return "".join(m.text for m in person.sim.bot_messages).replace("\n", "")


def assert_within_limits(person: Person) -> None:
    for message in person.sim.bot_messages:
        assert utf16_length(message.text) <= MESSAGE_LIMIT
    assert FAILED not in read(person)


async def concern(resident: Person, description: str, place: str, idea: str) -> None:
    await resident.press("✏️ Melding doen")
    await resident.press("Parkeeroverlast")
    await resident.send(description)
    await resident.send(place)
    await resident.press("Overslaan")  # no photo
    await resident.send(idea)
    await resident.press("Nee")  # no news wanted
    await resident.press("Nee")  # no contact
    await resident.press("✅ Versturen")
    assert "Bedankt voor je melding" in resident.seen


async def test_the_agenda_and_the_export_carry_texts_at_their_limits(bot: RunningBot) -> None:
    officer = await officer_of(bot)
    code = await plan_meeting(officer)
    emoji = bot.person(901, "Emma")
    mixed = bot.person(902, "Mo")
    texts = {
        # 1 000 emoji as description and as idea: within the form's 1 000 characters, and
        # 4 000 UTF-16 code units together, which broke the agenda once.
        emoji: (at_limit(EMOJI, 1000), at_limit(EMOJI, 200), at_limit(EMOJI, 1000)),
        mixed: (
            at_limit("<b>&amp;" + RTL + EMOJI, 1000),
            at_limit(RTL + "<&>", 200),
            at_limit("&" + RTL + "\"'", 1000),
        ),
    }
    for resident, (description, place, idea) in texts.items():
        await resident.send(f"/start bg_{code}")
        await concern(resident, description, place, idea)
        assert_within_limits(resident)

    await officer.send("/agenda")
    await officer.press(next(label for label in officer.labels if "Buurtgesprek Centrum" in label))
    assert_within_limits(officer)
    agenda = [m for m in officer.sim.bot_messages if m.kind == "text"]
    shown = read(officer)
    for description, place, idea in texts.values():
        for text in (description, place, idea):
            assert text in shown  # whole, whatever the message it was cut into
    assert len([m for m in agenda if "Agenda" in m.text or "Parkeeroverlast" in m.text]) > 2

    document = officer.last
    assert document.document is not None and document.filename is not None
    rows = list(csv.DictReader(io.StringIO(document.document.decode("utf-8-sig")), delimiter=";"))
    csv_texts = {(r["Beschrijving"], r["Plaats"], r["Idee"]) for r in rows}
    assert csv_texts == set(texts.values())

    await officer.send("/export")
    await officer.press("Centrum")
    await officer.press("Alles")
    workbook = officer.last
    assert workbook.document is not None and workbook.filename is not None
    assert workbook.filename.endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.document))["Meldingen"]
    cells = {str(cell.value) for row in sheet.iter_rows(min_row=2) for cell in row}
    for description, place, idea in texts.values():
        assert {description, place, idea} <= cells
    assert_within_limits(officer)


async def test_a_scan_summary_carries_a_remark_at_its_limit(bot: RunningBot) -> None:
    officer = await officer_of(bot)
    organisation = at_limit(RTL + "Café <De Hoek> & Zonen " + EMOJI, 100)
    await add_contact(officer, organisation)
    await officer.press("Contactpersoon openen")
    await officer.press("Uitnodigen")
    link = re.search(r"start=([\w-]+)", officer.seen)
    assert link is not None
    contact = bot.person(777, "An")
    await contact.send(f"/start {link[1]}")
    await contact.press("Sectorscan starten")
    remark = at_limit(EMOJI + "<i>" + RTL + "&", 1000)
    await answer_scan(contact, ["Drugsoverlast", "Parkeeroverlast"], {}, remark=remark)
    assert "Bedankt" in contact.text
    assert_within_limits(contact)
    assert_within_limits(officer)
    shown = read(officer)
    assert "Eerste sectorscan" in shown
    assert remark in shown and organisation in shown
