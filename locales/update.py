"""`python -m locales.update [LANGUAGE ...]`: the template and every catalog brought in line.

It writes `locales/wijkbot.pot` (every key the code uses and every form text, each with its
Dutch text as a comment), makes `locales/nl/LC_MESSAGES/forms.po` from the form files, and in
every other language's catalogs, file by file as in `locales/nl`:
- adds each key it lacks, with an empty text to fill in;
- sets the comment `#. nl: ...` to the Dutch text, so Poedit and Weblate show it beside the
  entry (with what the Dutch catalog notes about the key), and marks a translation fuzzy when
  the Dutch changed since it was translated;
- keeps a translation whose key is gone as an obsolete entry (`#~`);
- keeps each file's header and the translators' own comments.
Naming a language that has no folder yet starts one. Running it twice changes nothing.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

from locales import FOLDER, FORMS_FILE, SOURCE_LANGUAGE, catalog_paths
from locales import plural_forms as stated_plural_forms
from locales.template import ROOT, Entry, entries

TEMPLATE = FOLDER / "wijkbot.pot"
NL = "nl: "
NL_PLURAL = "nl, plural: "
BLANK = "⏎"
# Plural forms as gettext tools know them, where they differ from the CLDR's that babel gives
# (French counts a million apart from other numbers there; Poedit and Weblate do not).
PLURAL_FORMS = {"fr": "nplurals=2; plural=(n > 1);"}
TEMPLATE_HEAD = """\
# The interface texts of wijkbot, by key: each msgid is the key the code looks up, with the
# Dutch text (the source language) beside it as a comment. Made by `python -m locales.update`
# from the code, locales/nl and the form files; do not edit it by hand.
msgid ""
msgstr ""
"Project-Id-Version: wijkbot\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"""
FORMS_HEAD = """\
# The texts of the form files (dialogs/forms/*.toml), keyed by form, question and option.
# Made from the form files by `python -m locales.update`: change the Dutch in the form files.
"""


def usual_plural_forms(language: str) -> str:
    if language in PLURAL_FORMS:
        return PLURAL_FORMS[language]
    rule = get_plural(language)
    return f"nplurals={rule.num_plurals}; plural={rule.plural_expr};"


def nl_comments(entry: Entry) -> list[str]:
    """What a translator reads beside the entry: the Dutch catalog's note, then the Dutch,
    line by line (an empty line shown as ⏎)."""
    notes = [" ".join(entry.notes)] if entry.notes else []
    if entry.dutch is None:
        return notes
    forms = [entry.dutch] if isinstance(entry.dutch, str) else list(entry.dutch)
    lines = []
    for number, form in enumerate(forms):
        shown = [line or BLANK for line in form.split("\n")]
        lines += [(NL if number == 0 else NL_PLURAL) + shown[0], *shown[1:]]
    return notes + lines


def same_words(old: list[str], new: list[str]) -> bool:
    """Comments read back wrapped at another width are still the same words."""
    return " ".join(old).split() == " ".join(new).split()


# -- files ---------------------------------------------------------------------------------
def head_of(path: Path) -> str | None:
    """A .po file's header as it stands: its comments, `msgid ""` and the header lines."""
    if not path.exists():
        return None
    lines = path.read_text(encoding="utf-8").split("\n")
    head: list[str] = []
    for line in lines:
        if not line.strip():
            break
        head.append(line)
    if 'msgid ""' not in head:
        return None
    return "\n".join(head) + "\n"


def with_fields(head: str, fields: dict[str, str]) -> str:
    """The header with each of `fields` it lacks added as a header line."""
    for name, value in fields.items():
        if f'"{name}:' not in head:
            head += f'"{name}: {value}\\n"\n'
    return head


def new_head(language: str, file: str) -> str:
    name = Locale.parse(language).get_language_name("en") or language
    return (
        f"# {name} interface texts of wijkbot, translated from locales/nl/LC_MESSAGES/{file}.\n"
        'msgid ""\nmsgstr ""\n'
    )


def write(path: Path, head: str, catalog: Catalog, *, locations: bool = False) -> bool:
    """Write the file if its text changes; returns whether it did."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, omit_header=True, no_location=not locations, include_lineno=False)
    text = head + "\n" + buffer.getvalue().decode("utf-8")
    text = text.rstrip("\n") + "\n"
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def read(path: Path, language: str) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, locale=language)


# -- the template and the Dutch forms --------------------------------------------------------
def template(listed: list[Entry]) -> Catalog:
    catalog = Catalog(locale=None)
    for entry in listed:
        key = (entry.key, entry.key) if entry.plural else entry.key
        string: str | tuple[str, ...] = ("", "") if entry.plural else ""
        catalog.add(
            key,
            string,
            locations=[(path, 0) for path in entry.used_in],  # files only: lines move
            auto_comments=nl_comments(entry),
        )
    return catalog


def dutch_forms(listed: list[Entry]) -> Catalog:
    catalog = Catalog(locale=SOURCE_LANGUAGE)
    for entry in listed:
        if entry.file == FORMS_FILE and isinstance(entry.dutch, str):
            catalog.add(entry.key, entry.dutch)
    return catalog


# -- a language's catalogs -------------------------------------------------------------------
def refreshed(language: str, listed: list[Entry], folder: Path = FOLDER) -> dict[str, Catalog]:
    """The language's catalogs, file by file as the Dutch ones, with what they had kept."""
    had: dict[str, Message] = {}
    where: dict[str, str] = {}  # the file each key was in
    gone: dict[str, dict[str, Message]] = {}  # obsolete entries, by the file they are in
    for path in catalog_paths(language, folder):
        catalog = read(path, language)
        gone[path.name] = {
            key if isinstance(key, str) else key[0]: message
            for key, message in catalog.obsolete.items()
        }
        for message in catalog:
            if message.id:
                key = message.id if isinstance(message.id, str) else message.id[0]
                had[key], where[key] = message, path.name
    forms = plural_forms_of(language, folder)
    files: dict[str, Catalog] = {}
    for entry in listed:
        if not entry.file or entry.dutch is None:
            continue  # a key without Dutch text has nothing to translate yet
        catalog = files.setdefault(entry.file, _catalog(language, forms))
        old = had.pop(entry.key, None) or gone.get(entry.file, {}).pop(entry.key, None)
        catalog[_key(entry)] = _translated(entry, old, catalog.num_plurals)
    for key, message in had.items():  # translated, but the key is no longer used
        gone.setdefault(where[key], {})[key] = message
    for file, obsolete in gone.items():
        catalog = files.setdefault(file, _catalog(language, forms))
        for key, message in obsolete.items():
            catalog.obsolete[key] = message
    return files


def plural_forms_of(language: str, folder: Path = FOLDER) -> str:
    """The Plural-Forms the language's files state, else the usual ones."""
    for path in catalog_paths(language, folder):
        if forms := stated_plural_forms(path):
            return forms
    return usual_plural_forms(language)


def _catalog(language: str, forms: str) -> Catalog:
    catalog = Catalog(locale=language)
    catalog.mime_headers = [("Plural-Forms", forms)]
    return catalog


def _key(entry: Entry) -> str | tuple[str, str]:
    return (entry.key, entry.key) if entry.plural else entry.key


def _translated(entry: Entry, old: Message | None, plurals: int) -> Message:
    comments = nl_comments(entry)
    string: str | tuple[str, ...] = ("",) * plurals if entry.plural else ""
    if old is None:
        return Message(_key(entry), string, auto_comments=comments)
    if entry.plural and not isinstance(old.string, str) and old.string:
        string = tuple((list(old.string) + [""] * plurals)[:plurals])
    elif not entry.plural and isinstance(old.string, str):
        string = old.string
    flags = set(old.flags)
    first = next((i for i, c in enumerate(old.auto_comments) if c.startswith(NL)), None)
    said = old.auto_comments[first:] if first is not None else []
    dutch = comments[1 if entry.notes else 0 :]
    if any(string) and said and not same_words(said, dutch):
        flags.add("fuzzy")  # the Dutch changed since: check the translation
    return Message(
        _key(entry), string, auto_comments=comments, user_comments=old.user_comments, flags=flags
    )


# -- the whole run ---------------------------------------------------------------------------
def update(
    languages: Sequence[str] = (), listed: list[Entry] | None = None, folder: Path = FOLDER
) -> list[Path]:
    """Bring the template and every catalog in line; returns the files it changed."""
    listed = entries(folder) if listed is None else listed
    changed = []
    if write(folder / TEMPLATE.name, TEMPLATE_HEAD, template(listed), locations=True):
        changed.append(folder / TEMPLATE.name)
    forms = folder / SOURCE_LANGUAGE / "LC_MESSAGES" / FORMS_FILE
    head = head_of(forms) or FORMS_HEAD + 'msgid ""\nmsgstr ""\n'
    if write(forms, with_fields(head, _fields(SOURCE_LANGUAGE, folder)), dutch_forms(listed)):
        changed.append(forms)
    present = [p.name for p in folder.iterdir() if p.is_dir() and catalog_paths(p.name, folder)]
    for language in sorted({*present, *languages} - {SOURCE_LANGUAGE}):
        for file, catalog in refreshed(language, listed, folder).items():
            path = folder / language / "LC_MESSAGES" / file
            head = head_of(path) or new_head(language, file)
            if write(path, with_fields(head, _fields(language, folder)), catalog):
                changed.append(path)
    return changed


def _fields(language: str, folder: Path) -> dict[str, str]:
    return {
        "Language": language,
        "Plural-Forms": plural_forms_of(language, folder),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }


def main(argv: Sequence[str] | None = None) -> int:
    languages = list(sys.argv[1:] if argv is None else argv)
    for language in languages:
        Locale.parse(language)  # an unknown code stops here, before anything is written
    listed = entries()
    for path in update(languages, listed):
        print(path.relative_to(ROOT))
    missing = [e.key for e in listed if e.dutch is None]
    if missing:
        print("keys without a Dutch text in locales/nl:", ", ".join(missing), file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
