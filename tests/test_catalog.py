"""Every message key the code uses has a Dutch text, and the catalog holds no dead keys."""

from __future__ import annotations

import string

import locales
from dialogs.engine.texts import Texts
from locales.template import code_keys, form_entries


def used_keys() -> set[str]:
    """Every key the code looks up, and every key of a form text."""
    return set(code_keys()) | {entry.key for entry in form_entries()}


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
    assert locales.available()[0] == "nl"  # the source comes first, then the translations
    assert locales.translations("nl").gettext("form.yes") == "Ja"


def test_plural_keys_give_one_text_per_form() -> None:
    texts = Texts(locales.translations("nl"), "nl_BE", "Europe/Brussels")
    assert texts.plain_n("audit.cli_count", 1) == "1 regel."
    assert texts.plain_n("audit.cli_count", 2) == "2 regels."
    assert texts.plain_n("audit.cli_count", 0) == "0 regels."
