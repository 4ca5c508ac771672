"""Every message key the code uses has a Dutch text, and the catalog holds no dead keys."""

from __future__ import annotations

import string
from pathlib import Path

from babel.messages.extract import extract_from_dir

import locales
from dialogs.engine.texts import Texts

ROOT = Path(__file__).parent.parent
KEYWORDS = {"t": None, "plain": None, "label": None, "N_": None, "tn": None, "plain_n": None}


def used_keys() -> set[str]:
    keys: set[str] = set()
    for folder in ("bot", "dialogs"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            keys.add(message if isinstance(message, str) else message[0])
    return keys


def catalog(language: str = "nl") -> dict[str, str]:
    """Every key with its text; a plural key's forms are joined, empty if one is missing."""
    texts: dict[str, str] = {}
    for message in locales.read_catalog(language):
        if not message.id:
            continue
        if isinstance(message.id, str):
            texts[message.id] = message.string if isinstance(message.string, str) else ""
        else:  # a plural entry: one text per plural form
            forms = list(message.string) if isinstance(message.string, tuple | list) else []
            texts[message.id[0]] = "\n".join(forms) if forms and all(forms) else ""
    return texts


def test_every_used_key_has_a_dutch_text() -> None:
    texts = catalog()
    missing = sorted(key for key in used_keys() if not texts.get(key))
    assert not missing, missing


def test_no_dead_keys_in_the_catalog() -> None:
    assert sorted(set(catalog()) - used_keys()) == []


def test_fields_are_well_formed() -> None:
    for key, text in catalog().items():
        fields = [name for _, name, _, _ in string.Formatter().parse(text) if name]
        assert all(name.isidentifier() for name in fields), key


def test_catalog_compiles_in_memory() -> None:
    assert locales.available() == ["nl"]
    assert locales.translations("nl").gettext("form.yes") == "Ja"


def test_plural_keys_give_one_text_per_form() -> None:
    texts = Texts(locales.translations("nl"), "nl_BE", "Europe/Brussels")
    assert texts.plain_n("audit.cli_count", 1) == "1 regel."
    assert texts.plain_n("audit.cli_count", 2) == "2 regels."
    assert texts.plain_n("audit.cli_count", 0) == "0 regels."
