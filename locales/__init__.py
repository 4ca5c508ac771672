"""The gettext catalogs of the interface. Dutch (nl) is the source language.

Each language folder holds one .po file per part of the bot (`LC_MESSAGES/*.po`); they are
merged and compiled in memory when the bot starts, so a translator edits plain .po files and
nothing compiled is ever out of date or committed.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

SOURCE_LANGUAGE = "nl"
FOLDER = Path(__file__).parent


def catalog_paths(language: str) -> list[Path]:
    return sorted((FOLDER / language / "LC_MESSAGES").glob("*.po"))


def available() -> list[str]:
    return sorted(p.name for p in FOLDER.iterdir() if p.is_dir() and catalog_paths(p.name))


def read_catalog(language: str) -> Catalog:
    """All of a language's .po files as one catalog; a key defined twice is an error."""
    merged = Catalog(locale=language)
    for path in catalog_paths(language):
        with path.open("rb") as po:
            part = read_po(po, locale=language)
        for message in part:
            if not message.id:
                continue
            if message.id in merged:
                raise ValueError(f"{path.name}: {message.id!r} is already defined")
            merged[message.id] = message
    if not len(merged):
        raise FileNotFoundError(f"no catalog for language {language!r}")
    return merged


@cache
def translations(language: str) -> gettext.GNUTranslations:
    """The compiled catalog of a language; raises FileNotFoundError when there is none."""
    buffer = io.BytesIO()
    write_mo(buffer, read_catalog(language))
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
