"""How the Dutch reads, checked over every catalog text and every form file: one word per
thing, one kind of quotation marks, Flemish "je kan", counts through plural forms, and the
phrases a walk through the bot found wrong."""

from __future__ import annotations

import re

import pytest

import locales
from dialogs.engine.texts import Texts
from dialogs.forms.model import load_forms
from tests.test_catalog import catalog


def every_text() -> dict[str, str]:
    """Catalog texts by key, and the words of every form file by "form:<id>.<field>"."""
    texts = dict(catalog())
    for form in load_forms().values():
        texts[f"form:{form.id}.title"] = form.title
        for name in ("intro", "done", "submit_label"):
            if value := getattr(form, name):
                texts[f"form:{form.id}.{name}"] = value
        for question in form.questions:
            for name in ("prompt", "hint", "label"):
                if value := getattr(question, name):
                    texts[f"form:{form.id}.{question.id}.{name}"] = value
            for option in question.options:
                texts[f"form:{form.id}.{question.id}.{option.id}"] = option.label
    return texts


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        (r"\w\((s|en|e)\)", "a count goes through the plural forms, not through (s) or (en)"),
        ("[\u2018\u2019\u201a\u201e]", "quotations use \u201c and \u201d only"),
        (r"\bkunt\b", "Flemish: je kan"),
        (r"\balsjeblieft\b", "Flemish readers say alstublieft, or nothing"),
        (r"\b[Ee]rger\b", "a problem that got worse is verslechterd, as in the sectorscan"),
        (r"\blopend\b", "an action is gepland, bezig, uitgevoerd or niet haalbaar"),
        (r"\bOmschrijving\b", "a concern has a beschrijving"),
        (r"\b[Mm]ijdingsgedrag\b", "a contact reads plain words: vermijden"),
        (r"\bwijkinspecteur \{officer\}", "the officer's name often says inspecteur already"),
        (r"\bper inspecteur\b", "one word: wijkinspecteur"),
    ],
)
def test_no_text_says(pattern: str, why: str) -> None:
    found = {key: text for key, text in every_text().items() if re.search(pattern, text)}
    assert found == {}, why


def test_a_form_title_stands_as_a_name_not_mid_sentence() -> None:
    # "Wil je stoppen met de Sectorscan?" and "bezig met de Buurtgesprek plannen" read wrong.
    for key, text in catalog().items():
        if key.startswith("form."):
            assert not re.search(r"\w \{title\}|\w <b>\{title\}", text), key


def test_a_problem_name_starts_its_sentence() -> None:
    # Its label has a capital ("Te snel rijden"): "iets over Te snel rijden" reads wrong.
    for key, text in every_text().items():
        if not key.startswith("cli."):  # there {problem} is what went wrong
            assert not re.search(r"[a-z,] (<b>)?\{problem(_label)?\}", text), key


def test_the_same_act_has_the_same_button() -> None:
    # A member of staff stores a record (Opslaan); a contact or resident sends answers.
    forms = load_forms()
    for staff_form in ("contact", "meeting", "action"):
        assert forms[staff_form].submit_label == "✅ Opslaan", staff_form
    for answered in ("sectorscan", "concern"):
        assert forms[answered].submit_label is None, answered  # the default: ✅ Versturen


@pytest.mark.parametrize(
    ("key", "one", "many"),
    [
        ("count.concerns", "1 melding", "2 meldingen"),
        ("count.residents", "1 inwoner", "2 inwoners"),
        ("count.meetings", "1 buurtgesprek", "2 buurtgesprekken"),
        ("count.actions", "1 actie", "2 acties"),
        ("mine.voices", "👥 1 inwoner meldde of herkent dit", "👥 2 inwoners meldden"),
        ("meeting.cancelled", "1 inwoner kreeg bericht", "2 inwoners kregen bericht"),
    ],
)
def test_counts_read_right_for_one_and_for_more(key: str, one: str, many: str) -> None:
    texts = Texts(locales.translations("nl"), "nl_BE", "Europe/Brussels")
    assert one in texts.plain_n(key, 1, title="X")
    assert many in texts.plain_n(key, 2, title="X")


def test_who_sees_a_contacts_answers_is_said_plainly() -> None:
    wanted = "Alleen je wijkinspecteur en de beheerders van de zone zien je antwoorden"
    assert wanted in catalog()["contact.welcome"]
    assert wanted in (load_forms()["sectorscan"].intro or "")
