"""Every language's catalogs against the Dutch: nothing missing, nothing empty or fuzzy, the
same {fields} and HTML tags, as many plural forms as the catalog's Plural-Forms says, and
form texts that still fit their form. Languages are those with a folder in locales/.

Also: the template and the Dutch forms catalog are what `python -m locales.update` makes of
the code and the form files, and running it twice changes nothing.
"""

from __future__ import annotations

import re
import shutil
import string
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.pofile import read_po

import locales
from dialogs.engine.texts import Texts
from dialogs.forms.localized import localized
from dialogs.forms.model import Form, load_forms
from locales import update
from locales.template import Entry, entries

LANGUAGES = locales.available()
TRANSLATED = [language for language in LANGUAGES if language != locales.SOURCE_LANGUAGE]
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)[^>]*>")


@cache
def listed() -> tuple[Entry, ...]:
    return tuple(entries())


def forms_of(text: str | tuple[str, ...] | list[str] | None) -> list[str]:
    if text is None:
        return []
    return [text] if isinstance(text, str) else list(text)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def tag_list(text: str) -> Counter[str]:
    """The HTML tags of a text, opening and closing ones apart: {"b": 1, "/b": 1}."""
    return Counter(
        ("/" if m[0].startswith("</") else "") + m[1].lower() for m in TAG.finditer(text)
    )


def messages(language: str) -> dict[str, Message]:
    return {
        m.id if isinstance(m.id, str) else m.id[0]: m
        for m in locales.read_catalog(language)
        if m.id
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_missing_empty_or_fuzzy(language: str) -> None:
    found = messages(language)
    wanted = [entry.key for entry in listed() if entry.dutch]
    missing = [key for key in wanted if key not in found]
    unusable = [key for key in wanted if key in found and not locales.usable(found[key])]
    assert missing == [], f"{language}: no entry (run python -m locales.update): {missing}"
    assert unusable == [], f"{language}: empty or fuzzy: {unusable}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_fields_and_tags_are_the_dutch_ones(language: str) -> None:
    found = messages(language)
    wrong = []
    for entry in listed():
        message = found.get(entry.key)
        if message is None or not entry.dutch or not locales.usable(message):
            continue
        dutch, translated = forms_of(entry.dutch), forms_of(message.string)
        if set().union(*map(fields, translated)) != set().union(*map(fields, dutch)):
            wrong.append(f"{entry.key}: fields {sorted(set().union(*map(fields, translated)))}")
        allowed = [tag_list(text) for text in dutch]
        if any(tag_list(text) not in allowed for text in translated):
            wrong.append(f"{entry.key}: tags {[dict(tag_list(text)) for text in translated]}")
    assert wrong == [], f"{language}: " + "\n".join(wrong)


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_entries_have_the_catalogs_plural_forms(language: str) -> None:
    stated = {locales.plural_forms(path) for path in locales.catalog_paths(language)}
    if language != locales.SOURCE_LANGUAGE:
        assert None not in stated, f"{language}: every file states its Plural-Forms"
    assert len(stated - {None}) <= 1, f"{language}: files disagree on Plural-Forms: {stated}"
    catalog = locales.read_catalog(language)
    found = messages(language)
    wrong = []
    for entry in listed():
        message = found.get(entry.key)
        if message is None or entry.dutch is None:
            continue
        if entry.plural != message.pluralizable:
            wrong.append(
                f"{entry.key}: plural in Dutch {entry.plural}, here {message.pluralizable}"
            )
        elif entry.plural and len(forms_of(message.string)) != catalog.num_plurals:
            wrong.append(f"{entry.key}: {len(forms_of(message.string))} forms")
    assert wrong == [], f"{language} ({catalog.plural_forms}): " + "\n".join(wrong)


def test_placeholder_fields_are_well_formed_in_every_language() -> None:
    for language in LANGUAGES:
        for key, message in messages(language).items():
            for text in forms_of(message.string):
                try:
                    names = fields(text)
                except ValueError as error:
                    pytest.fail(f"{language} {key}: {error}")
                assert all(name.isidentifier() for name in names), (language, key)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_form_still_fits_its_schema_in_every_language(language: str) -> None:
    texts = Texts(locales.translations(language), language, "Europe/Brussels")
    for form in load_forms().values():
        shown = localized(form, texts)
        Form.model_validate(shown.model_dump(by_alias=True))  # lengths of labels, say
        assert [q.id for q in shown.questions] == [q.id for q in form.questions]


# -- the update command -----------------------------------------------------------------------
def copy_of_locales(tmp_path: Path) -> Path:
    folder = tmp_path / "locales"
    shutil.copytree(locales.FOLDER, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return folder


def test_the_template_and_the_dutch_forms_are_up_to_date(tmp_path: Path) -> None:
    folder = copy_of_locales(tmp_path)
    changed = update.update(listed=list(listed()), folder=folder)
    assert changed == [], f"run python -m locales.update: {[p.name for p in changed]} changed"


def entry_of(path: Path, key: str) -> Message:
    with path.open("rb") as po:
        catalog = read_po(po, locale=path.parent.parent.name)
    message = catalog.get(key)
    assert message is not None, key
    return message


def test_a_new_language_gets_every_entry_and_changed_dutch_marks_it_fuzzy(
    tmp_path: Path,
) -> None:
    folder = copy_of_locales(tmp_path)
    shutil.rmtree(folder / "de", ignore_errors=True)
    assert any(p.parent.parent.name == "de" for p in update.update(["de"], folder=folder))
    assert update.update(folder=folder) == []  # twice changes nothing
    start = folder / "de" / "LC_MESSAGES" / "wijkbot.po"
    head = start.read_text(encoding="utf-8")
    assert '"Language: de\\n"' in head and '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in head
    welcome = entry_of(start, "start.welcome")
    assert welcome.string == "" and welcome.auto_comments[0].startswith(
        "nl: <b>Welkom bij wijkbot, {name}.</b>"
    )
    count = entry_of(folder / "de" / "LC_MESSAGES" / "wijkbot.po", "count.concerns")
    assert count.string == ("", "") and count.auto_comments[-1].startswith("nl, plural:")
    form = entry_of(folder / "de" / "LC_MESSAGES" / "forms.po", "form.sectorscan.gevoel.prompt")
    assert form.auto_comments == ["nl: Hoe vaak voel je je onveilig in je buurt?"]

    # A translator fills two entries in; then the Dutch of one of them changes.
    text = start.read_text(encoding="utf-8")
    text = text.replace('msgid "form.yes"\nmsgstr ""', 'msgid "form.yes"\nmsgstr "Ja doch"')
    text = text.replace('msgid "form.no"\nmsgstr ""', 'msgid "form.no"\nmsgstr "Nein"')
    start.write_text(text.replace("#. nl: Ja\n", "#. nl: Ja\n# mein Kommentar\n"), "utf-8")
    assert update.update(folder=folder) == [start]  # the translator's comment moves in place
    dutch = folder / "nl" / "LC_MESSAGES" / "wijkbot.po"
    source = dutch.read_text(encoding="utf-8")
    dutch.write_text(
        source.replace('msgid "form.no"\nmsgstr "Nee"', 'msgid "form.no"\nmsgstr "Neen"')
    )
    changed = update.update(folder=folder)
    assert start in changed and dutch not in changed
    assert "fuzzy" in entry_of(start, "form.no").flags  # its Dutch changed: check it
    assert entry_of(start, "form.no").auto_comments == ["nl: Neen"]
    assert "fuzzy" not in entry_of(start, "form.yes").flags
    assert entry_of(start, "form.yes").user_comments == ["mein Kommentar"]
    assert update.update(folder=folder) == []
