"""The gettext catalogs of the interface. Dutch (nl) is the source language.

Catalogs are kept as .po files only; they are compiled in memory when the bot starts, so a
translator edits one file and nothing compiled is ever out of date or committed.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "wijkbot"
SOURCE_LANGUAGE = "nl"
FOLDER = Path(__file__).parent


def catalog_path(language: str) -> Path:
    return FOLDER / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def available() -> list[str]:
    return sorted(p.parent.parent.name for p in FOLDER.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


@cache
def translations(language: str) -> gettext.GNUTranslations:
    """The compiled catalog of a language; raises FileNotFoundError when there is none."""
    with catalog_path(language).open("rb") as po:
        catalog = read_po(po, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
