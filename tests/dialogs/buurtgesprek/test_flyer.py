"""The meeting's flyer: everything a resident needs on paper, and a page that prints at A4."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest
from PIL import Image

from bot.runtime import open_runtime
from bot.settings import Settings
from dialogs.buurtgesprek.flyer import FlyerText, flyer_pdf, flyer_png
from dialogs.buurtgesprek.flyer_pen import font, font_file
from dialogs.engine.engine import Engine
from dialogs.engine.replies import Deferred, File, Picture
from storage.people import Role
from tests.dialogs import buurtgesprek_seed as seed
from tests.dialogs.conftest import Chat, Clock
from tests.pseudo_locale import pseudo

LINK = "https://t.me/wijkbot_bot?start=bg_abcdefghij"


def words() -> FlyerText:
    return FlyerText(
        header="Politiezone Gent · wijkwerking",
        kicker="Uitnodiging",
        title="Buurtgesprek Centrum",
        facts=(("Wanneer", "donderdag 12 maart 2026 om 19:30"), ("Waar", "Zaal De Kring")),
        call="Wat speelt er in jouw buurt?",
        how="Laat het ons vooraf weten, tot en met woensdag 11 maart.",
        link=f"Geen QR-lezer? Open {LINK}",
        emergency="Dringend? Politie 101 · Brandweer en ziekenwagen 112",
        emergency_note="Niet voor noodgevallen.",
    )


def flyer_texts(later: Deferred) -> tuple[FlyerText, ...]:
    assert isinstance(later.make, partial)
    (texts,) = [a for a in later.make.args if isinstance(a, tuple)]
    assert all(isinstance(text, FlyerText) for text in texts)
    return texts


def flyer_words(later: Deferred) -> FlyerText:
    (text,) = flyer_texts(later)  # one language offered: one text
    return text


async def test_the_flyer_names_zone_officer_deadline_and_emergency_numbers(
    engine: Engine,
) -> None:
    engine.zone.name = "Politiezone Gent"
    owner = await seed.person(engine, 500, Role.OFFICER)
    meeting = await seed.meeting(engine, owner)
    officer = Chat(engine, 500, "Peeters")
    await officer.event_button_data(f"m:meeting_link:{meeting.id}")
    (picture_later, file_later) = [r for r in officer.replies if isinstance(r, Deferred)]
    # The words are fixed in the turn; the drawing happens later, from them alone.
    text = flyer_words(picture_later)
    assert text.header == "Politiezone Gent · wijkwerking"
    assert ("Je wijkinspecteur", "Persoon 500") in text.facts
    assert ("Wanneer", "donderdag 12 maart 2026 om 19:30") in text.facts
    assert ("Waar", "Zaal De Kring") in text.facts
    assert "tot en met woensdag 11 maart 2026" in text.how
    assert "101" in text.emergency and "112" in text.emergency
    assert text.link.endswith(f"start=bg_{meeting.code}")
    picture, printable = picture_later.make(), file_later.make()
    assert isinstance(picture, Picture) and isinstance(printable, File)
    assert printable.filename == "buurtgesprek-2026-03-12.pdf"
    assert picture.filename == "buurtgesprek-2026-03-12.png"


async def test_a_zone_without_a_name_still_says_who_invites(engine: Engine) -> None:
    owner = await seed.person(engine, 500, Role.OFFICER)
    meeting = await seed.meeting(engine, owner)
    officer = Chat(engine, 500, "Peeters")
    await officer.event_button_data(f"m:meeting_link:{meeting.id}")
    later = next(r for r in officer.replies if isinstance(r, Deferred))
    text = flyer_words(later)
    assert text.header == "Je lokale politie · wijkwerking"


def test_the_picture_carries_its_print_size_and_fills_the_page() -> None:
    image = Image.open(io.BytesIO(flyer_png(LINK, words())))
    assert image.size == (1240, 1754)
    assert round(image.info["dpi"][0]) == 150  # 1240 px at 150 dpi: 210 mm, A4
    grey = image.convert("L")
    lower_third = grey.crop((0, 1754 * 2 // 3, 1240, 1754))
    dark = sum(lower_third.histogram()[:128])
    assert dark > 0.2 * lower_third.width * lower_third.height  # the QR code and the footer


def test_the_pdf_is_one_a4_page() -> None:
    pdf = flyer_pdf(LINK, words())
    assert pdf.startswith(b"%PDF")
    (box,) = re.findall(rb"/MediaBox \[ ?0 0 ([\d.]+) ([\d.]+) ?\]", pdf)
    width_mm, height_mm = (float(v) / 72 * 25.4 for v in box)
    assert abs(width_mm - 210) < 1 and abs(height_mm - 297) < 1


def test_a_long_title_does_not_push_the_numbers_off_the_page() -> None:
    long = replace(words(), title="Buurtgesprek Noord: " + "verkeer rond de school " * 8)
    image = Image.open(io.BytesIO(flyer_png(LINK, long))).convert("RGB")
    assert image.getpixel((20, 1740)) == (24, 52, 96)  # the footer band is still there


async def test_a_zone_with_two_languages_prints_both_side_by_side(
    tmp_path: Path, clock: Clock, pseudo_language: str
) -> None:
    settings = Settings(  # type: ignore[call-arg]
        database=tmp_path / "two.db",
        zone_name="Politiezone Gent",
        languages=("nl", pseudo_language),
        _env_file=None,
    )
    runtime = await open_runtime(settings, clock)
    try:
        engine = runtime.engine
        owner = await seed.person(engine, 500, Role.OFFICER)
        meeting = await seed.meeting(engine, owner)
        officer = Chat(engine, 500, "Peeters")
        await officer.send(f"/taal {pseudo_language}")  # the officer reads the second one
        await officer.event_button_data(f"m:meeting_link:{meeting.id}")
        picture_later, file_later = [r for r in officer.replies if isinstance(r, Deferred)]
        first, second = flyer_texts(picture_later)
        assert first.kicker == "Uitnodiging"  # the zone's default language first
        assert ("Wanneer", "donderdag 12 maart 2026 om 19:30") in first.facts
        assert second.kicker == pseudo("Uitnodiging")
        label, when = second.facts[0]  # dates as the second language writes them
        assert label == pseudo("Wanneer") and "Donnerstag 12 März 2026" in when
        picture = picture_later.make()
        assert isinstance(picture, Picture)
        image = Image.open(io.BytesIO(picture.png)).convert("RGB")
        assert image.size == (1240, 1754)
        assert image.getpixel((20, 20)) == image.getpixel((20, 1740)) == (24, 52, 96)
        # Words in both columns, and the shared QR code between them under the columns.
        grey = image.convert("L")
        left, right = grey.crop((96, 200, 600, 600)), grey.crop((650, 200, 1144, 600))
        assert all(sum(part.histogram()[:128]) > 500 for part in (left, right))
        printable = file_later.make()
        assert isinstance(printable, File) and printable.content.startswith(b"%PDF")
    finally:
        await runtime.close()


def test_two_long_texts_keep_the_numbers_on_the_page() -> None:
    long = replace(words(), title="Buurtgesprek Noord: " + "verkeer rond de school " * 8)
    image = Image.open(io.BytesIO(flyer_png(LINK, long, long))).convert("RGB")
    assert image.getpixel((20, 1740)) == (24, 52, 96)


@pytest.mark.parametrize("bold", [False, True])
def test_every_accent_of_french_and_dutch_prints(bold: bool) -> None:
    # Pillow's built-in font has no accents: they came out as the box of a missing letter.
    letters = font(40, bold)
    missing = bytes(letters.getmask("\ue000"))
    assert font_file(bold) is not None
    for letter in "éèêëàâçîïôûùüœÉÈÀÇ€":
        assert bytes(letters.getmask(letter)) != missing, letter
