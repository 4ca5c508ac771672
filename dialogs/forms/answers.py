"""Reading a typed or shared answer for a question, and showing an answer back."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from dialogs.engine import events
from dialogs.engine.texts import N_, Html, Texts, escape
from dialogs.forms.dutch_dates import DateError, moment_text, read_day, read_moment
from dialogs.forms.model import Option, Question, QuestionType

PLACE_LIMIT = 200
SUMMARY_LIMIT = 300  # longer answers are cut in the summary so it stays one message
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")
_EXPECT = {
    QuestionType.TEXT: N_("form.expect.text"),
    QuestionType.NUMBER: N_("form.expect.number"),
    QuestionType.LOCATION: N_("form.expect.location"),
    QuestionType.PHOTO: N_("form.expect.photo"),
    QuestionType.MOMENT: N_("form.expect.text"),
    QuestionType.DAY: N_("form.expect.text"),
    QuestionType.SINGLE: N_("form.expect.text"),
}


class Invalid(Exception):
    """An answer that does not fit the question; `message` says why, to the person."""

    def __init__(self, message: Html) -> None:
        super().__init__(message)
        self.message = message


def typed(question: Question) -> bool:
    """Whether a question is answered by typing or sharing rather than with its buttons."""
    return question.type in _TYPED or question.allow_typed


def from_input(question: Question, event: events.Event, texts: Texts, now: datetime) -> Any:
    """The answer an input event gives to a question that is answered by typing or sharing."""
    t = texts.t
    match question.type, event:
        case QuestionType.TEXT | QuestionType.SINGLE, events.Text(text=text) if text.strip():
            text = text.strip()
            # Characters as the person sees them (an emoji is one), not Telegram's UTF-16 units:
            # the messages that carry an answer are cut to Telegram's limits on their own.
            if len(text) > question.max_length:
                raise Invalid(
                    t("form.too_long", length=texts.number(len(text)), limit=question.max_length)
                )
            return text
        case QuestionType.MOMENT | QuestionType.DAY, events.Text(text=text) if text.strip():
            try:
                if question.type is QuestionType.MOMENT:
                    return read_moment(text.strip(), now, texts).isoformat()
                return read_day(text.strip(), now, texts).isoformat()
            except DateError as problem:
                raise Invalid(problem.message(texts)) from None
        case QuestionType.NUMBER, events.Text(text=text):
            return _number(question, text.strip(), texts)
        case QuestionType.LOCATION, events.Location(latitude=lat, longitude=lon):
            return {"latitude": lat, "longitude": lon}
        case QuestionType.LOCATION, events.Text(text=text) if question.allow_typed_place:
            place = text.strip()
            if len(place) > PLACE_LIMIT:
                raise Invalid(
                    t("form.too_long", length=texts.number(len(place)), limit=PLACE_LIMIT)
                )
            return {"place": place}
        case QuestionType.PHOTO, events.Photo(file_id=file_id):
            return file_id
    raise Invalid(t(_EXPECT[question.type]))


def _number(question: Question, text: str, texts: Texts) -> int | float:
    if not _NUMBER.match(text):
        raise Invalid(texts.t("form.expect.number"))
    value = float(text.replace(",", "."))
    low = question.min if question.min is not None else float("-inf")
    high = question.max if question.max is not None else float("inf")
    if not low <= value <= high:
        raise Invalid(texts.t("form.number_range", low=texts.number(low), high=texts.number(high)))
    return int(value) if value.is_integer() else value


def from_button(question: Question, arg: str, options: list[Option]) -> Any:
    """The answer a button press gives, or None when the payload does not fit the question."""
    if not arg.lstrip("-").isdigit():
        return None
    number = int(arg)
    match question.type:
        case QuestionType.SINGLE if 0 <= number < len(options):
            return options[number].id
        case QuestionType.SCALE if question.min is not None and question.max is not None:
            return number if question.min <= number <= question.max else None
        case QuestionType.YESNO if number in (0, 1):
            return bool(number)
    return None


def show(question: Question, answer: Any, texts: Texts, items: list[Option]) -> Html:
    """An answer as the summary shows it, escaped; `items` are the question's dynamic items."""
    t = texts.t
    if answer is None:
        return t("form.skipped")
    labels = {option.id: option.label for option in [*question.options, *items]}
    match question.type:
        case QuestionType.SINGLE:
            return Html(escape(labels.get(answer, answer)))
        case QuestionType.MULTI:
            chosen = [labels[item] for item in answer if item in labels]
            return Html(escape(", ".join(chosen))) if chosen else t("form.none_chosen")
        case QuestionType.MATRIX:
            return Html(
                "; ".join(
                    t(
                        "form.matrix_answer",
                        item=item.label,
                        answer=labels.get(answer[item.id], "?"),
                    )
                    for item in items
                    if item.id in answer
                )
            )
        case QuestionType.YESNO:
            return t("form.yes") if answer else t("form.no")
        case QuestionType.SCALE | QuestionType.NUMBER:
            return Html(texts.number(answer))
        case QuestionType.LOCATION if "place" in answer:
            return Html(escape(answer["place"]))
        case QuestionType.LOCATION:
            return t("form.location_shared")
        case QuestionType.PHOTO:
            return t("form.photo_received")
        case QuestionType.MOMENT:
            return Html(escape(moment_text(texts, datetime.fromisoformat(answer))))
        case QuestionType.DAY:
            return Html(escape(texts.weekday_date(date.fromisoformat(answer))))
    text = str(answer)
    if len(text) > SUMMARY_LIMIT:
        text = text[:SUMMARY_LIMIT] + "…"
    return Html(escape(text))


_TYPED = {
    QuestionType.TEXT,
    QuestionType.NUMBER,
    QuestionType.LOCATION,
    QuestionType.PHOTO,
    QuestionType.MOMENT,
    QuestionType.DAY,
}
