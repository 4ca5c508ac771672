"""Every word of the BIN flyer is on the page, in each language: the flyer's pen cuts a text
at the lines its place allows, silently, so a translation that is too long would lose its end.
Checked in the narrowest layout, the two languages side by side."""

import pytest
from PIL import Image

import locales
from dialogs.buurtgesprek.flyer_page import COLUMN
from dialogs.buurtgesprek.flyer_pen import HEIGHT, INNER, WIDTH, Pen
from dialogs.engine.texts import Texts

LINK = "https://t.me/wijkbot_zone_bot?start=bin_3b496766cabf0682"

# (catalog key, size, bold, width, lines allowed), as flyer_page._two draws them.
PLACES = (
    ("bin.flyer_kicker", 24, True, COLUMN, 1),
    ("bin.flyer_title", 46, True, COLUMN, 4),
    ("bin.flyer_what", 34, True, COLUMN, 3),
    ("bin.flyer_how", 26, False, COLUMN, 6),
    ("meeting.flyer_hint", 20, False, INNER, 2),
    ("meeting.flyer_emergency", 28, True, COLUMN, 3),
    ("bin.flyer_emergency", 20, False, COLUMN, 3),
)


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_no_text_of_the_bin_flyer_is_cut(language: str) -> None:
    texts = Texts(locales.translations(language), language, "Europe/Brussels")
    pen = Pen(Image.new("RGB", (WIDTH, HEIGHT)), 1.0)
    for key, size, bold, width, most in PLACES:
        if key == "bin.flyer_title":
            text = texts.plain("bin.flyer_title", area="Sint-Pietersaalst")
        else:
            text = texts.plain(key, link=LINK) if key == "meeting.flyer_hint" else texts.plain(key)
        if key == "bin.flyer_kicker":
            text = text.upper()  # as the flyer prints it
        whole = pen.lines(text, size, width, most=99, bold=bold)
        assert len(whole) <= most, (key, text)
