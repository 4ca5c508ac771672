"""Under a location or photo question the form's view says how to answer (via 📎); a form's
own words that say it too show it twice. Checked for every form file in every language."""

from __future__ import annotations

import pytest

import locales
from dialogs.engine.texts import Texts
from dialogs.forms.localized import localized
from dialogs.forms.model import QuestionType, load_forms

SAID_BY_THE_VIEW = {QuestionType.LOCATION, QuestionType.PHOTO}


@pytest.mark.parametrize("language", locales.available())
def test_a_location_or_photo_question_leaves_the_how_to_the_view(language: str) -> None:
    texts = Texts(locales.translations(language), language, "Europe/Brussels")
    assert "📎" in texts.plain("form.share_location") and "📎" in texts.plain("form.send_photo")
    repeated = [
        f"{form.id}.{question.id}"
        for form in load_forms().values()
        for question in localized(form, texts).questions
        if question.type in SAID_BY_THE_VIEW and "📎" in question.prompt + (question.hint or "")
    ]
    assert repeated == []
