"""A pseudo-language for tests: the Dutch texts with their vowels accented ("Vérstüren"), so a
test can tell a text that went through the catalogs from one that did not, in any language
setting, before a single translation exists. It is made in a temporary folder when the tests
run; it is no translation and nothing of it is kept.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from babel.messages.pofile import read_po

import locales
from locales import update
from locales.template import entries

PSEUDO = "de"  # a code babel and Telegram know; only its dates and numbers are German here
# Words the date reader matches: kept as they are, so typed dates read the same.
KEPT = {"dates.relative", "dates.hour_marks", "dates.afternoon", "dates.filler"}
_ACCENTED = str.maketrans("aeiouyAEIOUY", "àéîõüÿÀÉÎÕÜŸ")
# What must pass untouched: {fields}, tags, entities, links, /commands and numbers.
_KEEP = re.compile(r"(\{[a-z_]+\}|<[^>]+>|&\w+;|https?://\S+|tg://\S+|/[a-z_]+|\d+)")


def pseudo(text: str) -> str:
    parts = _KEEP.split(text)
    return "".join(part if i % 2 else part.translate(_ACCENTED) for i, part in enumerate(parts))


def make(folder: Path) -> Path:
    """A copy of the catalogs in `folder`, with every entry of PSEUDO filled in."""
    shutil.copytree(locales.FOLDER, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.rmtree(folder / PSEUDO, ignore_errors=True)
    listed = entries(folder)
    update.update([PSEUDO], listed, folder)
    dutch = {entry.key: entry.dutch for entry in listed}
    for path in locales.catalog_paths(PSEUDO, folder):
        with path.open("rb") as po:
            catalog = read_po(po, locale=PSEUDO)
        for message in catalog:
            key = message.id if isinstance(message.id, str) else message.id[0]
            text = dutch.get(key)
            if not key or text is None:
                continue
            if isinstance(text, str):
                message.string = text if key in KEPT else pseudo(text)
            else:
                forms = [pseudo(form) for form in text]
                message.string = tuple((forms * catalog.num_plurals)[: catalog.num_plurals])
        head = update.head_of(path)
        assert head is not None
        update.write(path, head, catalog)
    return folder


@contextmanager
def catalogs_in(folder: Path) -> Iterator[None]:
    """The bot reads its catalogs from `folder` meanwhile."""
    before = locales.FOLDER
    locales.FOLDER = folder
    locales.translations.cache_clear()
    try:
        yield
    finally:
        locales.FOLDER = before
        locales.translations.cache_clear()
