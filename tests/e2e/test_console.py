"""Two consoles against one database share one world: each shows only its own person's chat.

The first console hosts the stand-in and the bot; the second joins it over real HTTP.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from bot.console.hostfile import HostFile
from bot.settings import Settings
from storage import contacts, meetings, people
from storage.contacts import NewContact
from storage.db import Database
from storage.meetings import MeetingKind, NewMeeting
from storage.people import Role
from tests.e2e.consoles import WAIT, Console

OFFICER, CONTACT, RESIDENT = 500, 600, 901


Play = Callable[[int, str], Console]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database=tmp_path / "wijkbot.db", _env_file=None)  # type: ignore[call-arg]


@pytest.fixture
async def play(settings: Settings, tmp_path: Path) -> AsyncIterator[Play]:
    """Starts a console for a person; whatever still runs at the end is stopped."""
    started: list[Console] = []

    def start(user_id: int, name: str) -> Console:
        started.append(Console(settings, user_id, name, tmp_path / "bestanden"))
        return started[-1]

    yield start
    for console in reversed(started):  # joiners first, the host last
        console.task.cancel()
        await asyncio.gather(console.task, return_exceptions=True)


async def seed(settings: Settings) -> str:
    """An officer with a contact and a meeting open for concerns; the meeting's code."""
    now = datetime.now(UTC)
    db = await Database.open(settings.database)
    try:
        async with db.transaction() as conn:
            officer = await people.create(
                conn,
                telegram_id=OFFICER,
                name="Inspecteur Peeters",
                role=Role.OFFICER,
                now=now,
                area="Centrum",
            )
            await contacts.add(
                conn,
                officer.id,
                NewContact(
                    name="An Janssens",
                    organisation="Bakkerij Janssens",
                    role="Winkelier",
                    area="Centrum",
                    phone="+32470123456",
                ),
                now,
            )
            meeting = await meetings.add(
                conn,
                officer.id,
                NewMeeting(
                    kind=MeetingKind.INVENTORY,
                    starts_at=now + timedelta(days=14),
                    place="Zaal De Kring",
                    area="Centrum",
                    intake_until=now + timedelta(days=13),
                ),
                now,
            )
    finally:
        await db.close()
    return meeting.code


def saved_picture(console: Console, folder: Path) -> tuple[Path, tuple[int, int]]:
    """The last picture the screen says it saved, and the size it printed."""
    found = re.findall(r"\[afbeelding van (\d+)\D(\d+) pixels: (.+?)\]", console.text)
    assert found, console.text
    width, height, path = found[-1]
    assert Path(path).parent == folder
    return Path(path), (int(width), int(height))


async def sent_from_outbox(database: Path, chat_id: int) -> None:
    """Until the host's dispatcher has handed the messages owed to `chat_id` to the stand-in."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    while True:
        with sqlite3.connect(database) as conn:
            waiting = conn.execute(
                "SELECT count(*) FROM outbox WHERE chat_id = ? AND status IN ('queued', 'sending')",
                (chat_id,),
            ).fetchone()[0]
        if not waiting:
            return
        assert loop.time() < deadline, f"the outbox still holds {waiting} for {chat_id}"
        await asyncio.sleep(0.05)


async def open_contact(officer: Console) -> None:
    officer.type("/contacten")
    await officer.wait_for("Bakkerij Janssens")
    label = next(line for line in officer.new.splitlines() if "Bakkerij" in line and "[" in line)
    await officer.press(label.split("] ", 1)[1].strip(), "Stopzetten")


async def test_officer_and_contact_each_see_their_own_chat(
    settings: Settings, play: Play, tmp_path: Path
) -> None:
    await seed(settings)
    folder = tmp_path / "bestanden"
    officer = play(OFFICER, "Peeters")
    await officer.wait_for("Deze console draait de bot")
    assert HostFile(settings.database).read() is not None

    await open_contact(officer)
    await officer.press("Uitnodigen", "[afbeelding van")
    path, size = saved_picture(officer, folder)
    with Image.open(path) as qr:
        assert qr.size == size  # the QR code to show on a phone, saved to open
    token = re.search(r"\?start=([\w-]+)", officer.text)
    assert token is not None

    contact = play(CONTACT, "An")
    await contact.wait_for("speelt mee met die van Peeters")
    await contact.send(f"/start {token[1]}", "contactpersoon van")
    await contact.press("Sectorscan starten", "vraag 1 ")
    await contact.press("Soms", "vraag 2 ")
    await contact.press("Slechter", "vraag 3 ")
    await contact.press("Niet buitengaan als het donker is", "bijgewerkt")
    await contact.press("Klaar", "vraag 4 ")
    await contact.press("Te snel rijden", "bijgewerkt")
    await contact.press("Sluikstorten en zwerfvuil", "bijgewerkt")
    await contact.press("Klaar", "Hoeveel hinder")

    # A grid: the same labels on every row; the number under a heading presses that row.
    await contact.press("▸ Sluikstorten en zwerfvuil", "[pop-up] Dit is een titel")
    await contact.press("Een beetje", "bijgewerkt", under="▸ Sluikstorten en zwerfvuil")
    assert "✅ Een beetje" in contact.row_under("▸ Sluikstorten en zwerfvuil")
    assert "✅" not in contact.row_under("▸ Te snel rijden")
    await contact.press("Veel", "bijgewerkt", under="▸ Te snel rijden")
    await contact.press("Klaar", "als eerste")
    await contact.press("Te snel rijden", "rapportcijfer")
    await contact.press("5", "opmerking")
    await contact.send("Veel zwerfvuil aan de bakkerij", "opbelt")
    await contact.press("Ja", "Versturen")
    await contact.press("✅ Versturen", "Bedankt")

    await officer.wait_for("Eerste sectorscan")
    summary = officer.new
    assert "Sluikstorten en zwerfvuil (Een beetje)" in summary
    assert "Te snel rijden (Veel)" in summary
    assert "Eerste sectorscan" not in contact.text  # never in the contact's own terminal
    assert "+32470123456" not in contact.text
    assert "Bedankt" not in officer.text

    # What the bot sends to someone without a console waits for theirs.
    assert await contact.stop() == 0
    await open_contact(officer)
    await officer.press("Sectorscan klaarzetten", "staat klaar bij Bakkerij Janssens")
    await sent_from_outbox(settings.database, CONTACT)  # the dispatcher's, after the commit
    contact = play(CONTACT, "An")
    await contact.wait_for("Er wachtte 1 bericht op je:")
    await contact.wait_for("sectorscan klaargezet")

    assert await officer.stop() == 0
    assert await contact.ended() == 1
    assert "De console van Peeters, die de bot draaide, is gestopt" in contact.text
    assert HostFile(settings.database).read() is None


def saved_csv(console: Console) -> str:
    """The text of the last CSV file the screen says it saved."""
    path = re.findall(r"\[bestand: (.+?\.csv)\]", console.text)[-1]
    return Path(path).read_text(encoding="utf-8-sig")


async def open_photo(officer: Console) -> None:
    officer.type("/agenda")
    await officer.wait_for("Buurtgesprek Centrum")
    choice = next(line for line in officer.new.splitlines() if "Buurtgesprek Centrum" in line)
    await officer.press(choice.split("] ", 1)[1].strip(), "📷 1")
    await officer.wait_for("[bestand: ")  # the agenda as a CSV file, after the photo buttons
    await officer.press("📷 1", "Foto bij de melding: Fietsen in de gang")


async def test_a_residents_photo_and_the_agenda_reach_the_officer(
    settings: Settings, play: Play, tmp_path: Path
) -> None:
    code = await seed(settings)
    officer = play(OFFICER, "Peeters")
    await officer.wait_for("Deze console draait de bot")
    resident = play(RESIDENT, "Bram")
    await resident.wait_for("speelt mee")

    await resident.send(f"/start bg_{code}", "Melding doen")
    await resident.press("✏️ Melding doen", "Parkeeroverlast")
    await resident.press("Parkeeroverlast", "Beschrijf")
    await resident.send("Fietsen in de gang van het station", "Waar")
    await resident.press("Overslaan", "foto")
    await resident.send("!foto", "oplossing")
    await resident.press("Overslaan", "vraag 6 ")
    await resident.press("Nee", "vraag 7 ")
    await resident.press("Nee", "Versturen")
    await resident.press("✅ Versturen", "Bedankt voor je melding")

    await open_photo(officer)
    assert "Fietsen in de gang" in saved_csv(officer)
    path, size = saved_picture(officer, tmp_path / "bestanden")
    assert size == (4, 3)  # the small picture the stand-in made up for !foto
    assert "Foto bij de melding" not in resident.text
    assert await resident.stop() == 0
    assert await officer.stop() == 0

    # A new day, a new console: the photo's id still works, as on Telegram.
    again = play(OFFICER, "Peeters")
    await again.wait_for("Deze console draait de bot")
    await open_photo(again)
    second, _size = saved_picture(again, tmp_path / "bestanden")
    assert second != path and second.read_bytes() == path.read_bytes()
    assert await again.stop() == 0
