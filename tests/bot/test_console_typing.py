"""What a typed console line does, and where the bot's files land."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

import locales
from bot.console.saved_files import SavedFiles, picture_size
from bot.console.screen import Target
from bot.console.typed import Typo, action_for
from bot.standin.files import fabricate_png
from dialogs.engine.texts import Texts

TEXTS = Texts(locales.translations("nl"), "nl_BE", "Europe/Brussels")
GRID = [Target(7, "m:1"), Target(7, "m:2"), Target(9, "x")]


def test_a_number_presses_that_button_by_its_message_and_data() -> None:
    assert action_for("2", GRID, TEXTS) == {"type": "press", "message_id": 7, "data": "m:2"}
    assert action_for("4", GRID, TEXTS) == {"type": "text", "text": "4"}  # no button 4
    assert action_for("=2", GRID, TEXTS) == {"type": "text", "text": "2"}
    assert action_for("   ", GRID, TEXTS) is None


def test_places_stickers_and_made_up_photos() -> None:
    assert action_for("!locatie 51.05 3.72", [], TEXTS) == {
        "type": "location",
        "latitude": 51.05,
        "longitude": 3.72,
    }
    for wrong in ("!locatie", "!locatie 51.05", "!locatie noord zuid", "!locatie 95 3"):
        with pytest.raises(Typo, match="Gebruik: !locatie"):
            action_for(wrong, [], TEXTS)
    assert action_for("!sticker", [], TEXTS) == {"type": "sticker"}
    assert action_for("!foto", [], TEXTS) == {"type": "photo", "data": None}
    assert action_for("!fotootje", [], TEXTS) == {"type": "text", "text": "!fotootje"}


def test_a_photo_from_disk_is_sent_as_it_is(tmp_path: Path) -> None:
    picture = tmp_path / "sluikstort.png"
    picture.write_bytes(fabricate_png(8, 6))
    action = action_for(f"!foto {picture}", [], TEXTS)
    assert action is not None and base64.b64decode(action["data"]) == picture.read_bytes()
    (tmp_path / "notes.txt").write_text("geen foto")
    for path in (tmp_path / "notes.txt", tmp_path / "missing.jpg"):
        with pytest.raises(Typo, match="geen foto die ik kan lezen"):
            action_for(f"!foto {path}", [], TEXTS)


def test_files_keep_their_name_inside_the_folder_and_never_overwrite(tmp_path: Path) -> None:
    files = SavedFiles(tmp_path / "bestanden")
    csv = files.save(b"a;b\n", "agenda-2026-03-12.csv", picture=False)
    again = files.save(b"c;d\n", "agenda-2026-03-12.csv", picture=False)
    assert (csv.name, again.name) == ("agenda-2026-03-12.csv", "agenda-2026-03-12-2.csv")
    assert csv.read_bytes() == b"a;b\n" and again.read_bytes() == b"c;d\n"
    sneaky = files.save(b"x", "../../etc/passwd", picture=False)
    assert sneaky.parent == tmp_path / "bestanden"


def test_pictures_are_named_by_their_format_and_measured(tmp_path: Path) -> None:
    files = SavedFiles(tmp_path)
    png = fabricate_png(8, 6)
    assert files.save(png, None, picture=True).name == "wijkbot.png"
    assert files.save(png, "photo.jpg", picture=True).name == "photo.png"
    assert picture_size(png) == (8, 6)
    assert picture_size(b"not a picture") is None
