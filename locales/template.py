"""What a translator translates: every key the code looks up and every text of the form files,
each with its Dutch text.

The code's keys are extracted with babel as `locales/babel.cfg` says; a form's texts get keys
made from its ids (see dialogs/forms/localized.py). The Dutch of a code key is its text in
`locales/nl`; the Dutch of a form key is the form file's.
"""

from __future__ import annotations

import contextlib
import io
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from dialogs.forms.localized import form_texts
from dialogs.forms.model import FORMS_FOLDER, load_form
from locales import FOLDER, FORMS_FILE, SOURCE_LANGUAGE, catalog_paths

ROOT = FOLDER.parent
# The functions whose first argument is a key (dialogs/engine/texts.py, turn.py).
KEYWORDS: dict[str, None] = {
    "t": None,
    "plain": None,
    "label": None,
    "N_": None,
    "tn": None,
    "plain_n": None,
}

Dutch = str | tuple[str, ...]  # one text, or one per plural form


@dataclass
class Entry:
    """One key to translate."""

    key: str
    dutch: Dutch | None  # None: a key the code uses that has no Dutch text yet
    file: str  # the .po file it belongs in, the same name in every language
    notes: list[str] = field(default_factory=list)  # what the Dutch catalog says about it
    used_in: list[str] = field(default_factory=list)  # source files, for the template

    @property
    def plural(self) -> bool:
        return isinstance(self.dutch, tuple)


def code_keys() -> dict[str, list[str]]:
    """Every key the code looks up, with the files that use it."""
    with (FOLDER / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)  # type: ignore[no-untyped-call]
    found: dict[str, set[str]] = defaultdict(set)
    # Babel warns of every f-string handed to these functions as a value ({token}); a key is
    # never one, so the warnings say nothing here.
    with contextlib.redirect_stderr(io.StringIO()):
        for path, _line, message, _comments, _context in extract_from_dir(
            ROOT, method_map, options_map, keywords=KEYWORDS
        ):
            key = message if isinstance(message, str) else message[0]
            if key:
                found[key].add(path)
    return {key: sorted(paths) for key, paths in found.items()}


def form_entries(folder: Path = FORMS_FOLDER) -> list[Entry]:
    """The texts of every form file, file by file, in the order of each file."""
    entries = []
    for path in sorted(folder.glob("*.toml")):
        form = load_form(path)
        where = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
        entries += [
            Entry(key, dutch, FORMS_FILE, used_in=[where]) for key, dutch in form_texts(form)
        ]
    return entries


def dutch_entries(folder: Path = FOLDER) -> list[Entry]:
    """The Dutch catalogs' entries, file by file, forms.po left out (it is made, not kept)."""
    entries = []
    for path in catalog_paths(SOURCE_LANGUAGE, folder):
        if path.name == FORMS_FILE:
            continue
        with path.open("rb") as po:
            catalog = read_po(po, locale=SOURCE_LANGUAGE)
        for message in catalog:
            if not message.id:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            text = message.string
            dutch = text if isinstance(text, str) else tuple(text or ())
            entries.append(Entry(key, dutch, path.name, notes=list(message.user_comments)))
    return entries


def entries(folder: Path = FOLDER, forms_folder: Path = FORMS_FOLDER) -> list[Entry]:
    """Every entry of the template: the Dutch catalogs' keys, the code's keys without Dutch
    text yet, then the forms' texts."""
    used = code_keys()
    listed = dutch_entries(folder)
    known = {entry.key for entry in listed}
    for entry in listed:
        entry.used_in = used.get(entry.key, [])
    missing = [Entry(key, None, "", used_in=used[key]) for key in sorted(set(used) - known)]
    return listed + missing + form_entries(forms_folder)
