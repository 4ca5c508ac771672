"""The wijk in view end to end over HTTP: the figures as a message, then the charts as photos;
an export as a document; a concern forwarded to the interventiedienst's group."""

from __future__ import annotations

import io
import struct

import openpyxl

from tests.e2e.conftest import INTERVENTIE, RunningBot
from tests.wijk_seed import OFFICER, Seeded, seed


async def seeded(bot: RunningBot) -> Seeded:
    assert bot.runtime is not None
    async with bot.runtime.db.transaction() as conn:
        return await seed(conn)


async def test_wijk_shows_the_message_and_then_pictures(bot: RunningBot) -> None:
    await seeded(bot)
    officer = bot.person(OFFICER, "Peeters")
    await officer.send("/wijk")
    await officer.press("Centrum")

    sent = officer.sim.bot_messages[-3:]
    assert [m.kind for m in sent] == ["text", "photo", "photo"]
    assert "Wijk Centrum" in sent[0].text
    assert "3 van 4 contactpersonen bevraagd" in sent[0].text
    assert "• Laatste 12 maanden" in sent[0].button_labels()
    for photo in sent[1:]:
        assert photo.photo is not None and photo.photo.startswith(b"\x89PNG\r\n\x1a\n")
        width, height = struct.unpack(">II", photo.photo[16:24])
        assert width == 1200 and height > 300
        assert photo.text == "Wijk Centrum"


async def test_export_arrives_as_a_document(bot: RunningBot) -> None:
    await seeded(bot)
    officer = bot.person(OFFICER, "Peeters")
    await officer.send("/export")
    await officer.press("Centrum")
    await officer.press("Alles")
    document = officer.last
    assert document.kind == "document"
    assert document.filename == "wijkbot-centrum-all.xlsx"
    assert document.document is not None
    book = openpyxl.load_workbook(io.BytesIO(document.document))
    assert book["Sectorscans"].max_row == 1 + 5


async def test_a_concern_from_the_agenda_reaches_the_configured_group_only(
    bot: RunningBot,
) -> None:
    await seeded(bot)
    group = bot.standin.group(INTERVENTIE, "Interventie")
    officer = bot.person(OFFICER, "Peeters")
    await officer.send("/agenda")
    await officer.press(next(label for label in officer.labels if "Centrum" in label))
    await officer.press("📨 Doorsturen")
    await officer.press(next(label for label in officer.labels if "Dealers" in label))
    await officer.press("🚓 Interventiedienst")
    await officer.send("Graag extra toezicht 's avonds")
    assert "Doorgestuurd naar 🚓 Interventiedienst" in officer.text
    [forwarded] = group.bot_messages
    assert "Dealers aan het <b>station</b>" in forwarded.text
    assert "Els Inwoner" in forwarded.text
    assert "Graag extra toezicht 's avonds" in forwarded.text
    chats = {call["chat_id"] for call in bot.standin.calls("sendMessage")}
    assert chats == {OFFICER, INTERVENTIE}
