"""The meeting's flyer: everything a resident needs on paper, and a page that prints at A4."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from functools import partial

from PIL import Image

from dialogs.buurtgesprek.flyer import FlyerText, flyer_pdf, flyer_png
from dialogs.engine.engine import Engine
from dialogs.engine.replies import Deferred, File, Picture
from storage.people import Role
from tests.dialogs import buurtgesprek_seed as seed
from tests.dialogs.conftest import Chat

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


def flyer_words(later: Deferred) -> FlyerText:
    assert isinstance(later.make, partial)
    (text,) = [a for a in later.make.args if isinstance(a, FlyerText)]
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
