"""The gettext catalogs of the interface. Dutch (nl) is the source language.

Each language folder holds one .po file per part of the bot (`LC_MESSAGES/*.po`); they are
merged and compiled in memory when the bot starts, so a translator edits plain .po files and
nothing compiled is ever out of date or committed.

Message ids are keys ("start.welcome"); every language's catalog is monolingual, the Dutch
catalog being the base. A text a language lacks (missing, empty or fuzzy) falls back to the
Dutch one, except a form's text (`forms.po`): that falls back to the Dutch in the form file
itself, which is where a zone changes it.
"""

from __future__ import annotations

import gettext
import io
import re
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

SOURCE_LANGUAGE = "nl"
FORMS_FILE = "forms.po"  # the form files' texts, keyed form.<form>.<question>...
FOLDER = Path(__file__).parent
_PLURAL_FORMS = re.compile(r'^"Plural-Forms:\s*([^"\\]*)', re.MULTILINE)


def catalog_paths(language: str, folder: Path | None = None) -> list[Path]:
    return sorted(((folder or FOLDER) / language / "LC_MESSAGES").glob("*.po"))


def available() -> list[str]:
    """The languages with a catalog, the source language first."""
    found = sorted(p.name for p in FOLDER.iterdir() if p.is_dir() and catalog_paths(p.name))
    return sorted(found, key=lambda language: language != SOURCE_LANGUAGE)


def plural_forms(path: Path) -> str | None:
    """The Plural-Forms header a .po file states, if any."""
    found = _PLURAL_FORMS.search(path.read_text(encoding="utf-8"))
    return found[1].strip() if found else None


def read_catalog(language: str, *, skip: tuple[str, ...] = ()) -> Catalog:
    """All of a language's .po files as one catalog; a key defined twice is an error.

    The plural forms are those the files' headers state (all of them the same), else the
    language's usual ones.
    """
    merged = Catalog(locale=language)
    stated = {forms for path in catalog_paths(language) if (forms := plural_forms(path))}
    if len(stated) > 1:
        raise ValueError(f"the {language} catalogs state different Plural-Forms: {stated}")
    if stated:
        merged.mime_headers = [("Plural-Forms", stated.pop())]
    for path in catalog_paths(language):
        if path.name in skip:
            continue
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


def usable(message: Message) -> bool:
    """Whether an entry has a text to show: not fuzzy, and no form of it empty."""
    if message.fuzzy or not message.string:
        return False
    if isinstance(message.string, str):
        return True
    return all(message.string)


def _effective(language: str) -> Catalog:
    """What the language shows: its own usable texts, the Dutch ones where it has none."""
    own = read_catalog(language)
    shown = Catalog(locale=language)
    shown.mime_headers = [("Plural-Forms", own.plural_forms)]
    for message in own:
        if message.id and usable(message):
            shown[message.id] = message
    if language == SOURCE_LANGUAGE:
        return shown
    for message in read_catalog(SOURCE_LANGUAGE, skip=(FORMS_FILE,)):
        if not message.id or message.id in shown or not usable(message):
            continue
        if isinstance(message.string, str) or message.string is None:
            shown[message.id] = message
        else:  # as many forms as this language has, the last repeated if it has more
            forms = list(message.string)[: own.num_plurals]
            forms += [forms[-1]] * (own.num_plurals - len(forms))
            shown[message.id] = Message(message.id, tuple(forms))
    return shown


@cache
def translations(language: str) -> gettext.GNUTranslations:
    """The compiled catalog of a language; raises FileNotFoundError when there is none."""
    buffer = io.BytesIO()
    write_mo(buffer, _effective(language))
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
