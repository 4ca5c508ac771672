"""A form in the reader's language: its texts looked up in the catalog by key.

The form files keep ids, types, conditions and the Dutch words; the catalogs (`forms.po`)
hold the words of every other language under keys made from the ids:

    form.<form>.title | .intro | .done | .submit_label
    form.<form>.<question>.prompt | .label | .hint | .min_label | .max_label
    form.<form>.<question>.option.<option>
    form.<form>.<question>.group.<the group's Dutch name, as an id>

A key the catalog lacks shows the form file's Dutch, so a zone can add a question or an
option without touching a catalog; answers are stored by id, so the language a form was
answered in never matters to what is stored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from dialogs.engine.texts import Texts
from dialogs.forms.model import FORM_LANGUAGE, Form, Option, Question

FORM_FIELDS = ("title", "intro", "done", "submit_label")
QUESTION_FIELDS = ("prompt", "label", "hint", "min_label", "max_label")


def group_id(group: str) -> str:
    """A group heading as a key part: "Verloedering" -> "verloedering"."""
    plain = unicodedata.normalize("NFKD", group).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_") or "group"


def option_key(form_id: str, question_id: str, option_id: str) -> str:
    return f"form.{form_id}.{question_id}.option.{option_id}"


def group_key(form_id: str, question_id: str, group: str) -> str:
    return f"form.{form_id}.{question_id}.group.{group_id(group)}"


def form_texts(form: Form) -> Iterator[tuple[str, str]]:
    """Every text of a form as (key, Dutch text), in the order of the file."""
    for name in FORM_FIELDS:
        if value := getattr(form, name):
            yield f"form.{form.id}.{name}", value
    for question in form.questions:
        for name in QUESTION_FIELDS:
            if value := getattr(question, name):
                yield f"form.{form.id}.{question.id}.{name}", value
        groups: list[str] = []
        for option in question.options:
            if option.group and option.group not in groups:
                groups.append(option.group)
                yield group_key(form.id, question.id, option.group), option.group
        for option in question.options:
            yield option_key(form.id, question.id, option.id), option.label


class _Same:
    """A form as a cache key by identity: forms are frozen but hold lists."""

    __slots__ = ("form",)

    def __init__(self, form: Form) -> None:
        self.form = form

    def __hash__(self) -> int:
        return id(self.form)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.form is self.form


def localized(form: Form, texts: Texts) -> Form:
    """The form with the texts of `texts`' language; the Dutch form as it is for Dutch."""
    if texts.language == FORM_LANGUAGE:
        return form
    return _localized(_Same(form), texts)


@lru_cache(maxsize=256)
def _localized(same: _Same, texts: Texts) -> Form:
    form = same.form

    def word(key: str, dutch: str) -> str:
        return texts.catalog_text(key) or dutch

    def text(key: str, dutch: str | None) -> str | None:
        return None if dutch is None else word(key, dutch)

    def option(question: Question, item: Option) -> Option:
        group = item.group and word(group_key(form.id, question.id, item.group), item.group)
        label = word(option_key(form.id, question.id, item.id), item.label)
        return item.model_copy(update={"label": label, "group": group})

    def question(item: Question) -> Question:
        changed: dict[str, object] = {
            name: text(f"form.{form.id}.{item.id}.{name}", getattr(item, name))
            for name in QUESTION_FIELDS
        }
        changed["options"] = [option(item, o) for o in item.options]
        return item.model_copy(update=changed)

    changed: dict[str, object] = {
        name: text(f"form.{form.id}.{name}", getattr(form, name)) for name in FORM_FIELDS
    }
    changed["questions"] = [question(q) for q in form.questions]
    return form.model_copy(update=changed)


def option_labels(form: Form, texts: Texts) -> dict[str, str]:
    """Every option id of the form with its label in `texts`' language."""
    shown = localized(form, texts)
    return {o.id: o.label for q in shown.questions for o in q.options}


def stored_labels(form: Form, question_id: str, texts: Texts) -> dict[str, str]:
    """A question's options as some answers are stored, by the form file's label (a contact's
    role, an action's partner), with their label in `texts`' language."""
    stored = form.question(question_id).options
    shown = localized(form, texts).question(question_id).options
    return {s.label: o.label for s, o in zip(stored, shown, strict=True)}
