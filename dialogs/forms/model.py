"""Forms as data: the schema of a form file, validated when the bot starts.

A zone changes a form by editing its TOML file; a broken file stops start-up with a line
that names the file and the question, never a half-working form.
"""

from __future__ import annotations

import tomllib
from enum import StrEnum
from pathlib import Path
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

FORMS_FOLDER = Path(__file__).parent  # the form files lie beside the code that reads them
FORM_LANGUAGE = "nl"  # the form files' words are Dutch; other languages come from the catalogs
TEXT_LIMIT = 4000  # leaves room around an answer in one 4096-character Telegram message


class FormError(Exception):
    """A form file that cannot be used."""


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTI = "multi"
    SCALE = "scale"
    YESNO = "yesno"
    TEXT = "text"
    NUMBER = "number"
    LOCATION = "location"
    PHOTO = "photo"
    MATRIX = "matrix"  # one of `options` for each item of `items_from`, on one screen
    MOMENT = "moment"  # a typed day and time, confirmed back with its weekday
    DAY = "day"  # a typed day


CHOICE_TYPES = {QuestionType.SINGLE, QuestionType.MULTI, QuestionType.MATRIX}
ITEM_TYPES = CHOICE_TYPES  # the types that can take their choices from `items_from`
CONTEXT = "context."


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(Strict):
    id: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")
    label: str = Field(min_length=1, max_length=60)
    group: str | None = None  # a heading that options are grouped under (e.g. a theme)


class Condition(Strict):
    """Show a question only when an earlier answer is (or contains) one of `in`."""

    question: str
    in_: list[str | int | bool] = Field(alias="in", min_length=1)

    def holds(self, answers: dict[str, Any]) -> bool:
        answer = answers.get(self.question)
        if isinstance(answer, list):
            return any(item in self.in_ for item in answer)
        return answer is not None and answer in self.in_


class Question(Strict):
    id: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")
    type: QuestionType
    prompt: str = Field(min_length=1, max_length=1000)
    label: str = Field(min_length=1, max_length=60)  # short name in the summary
    hint: str | None = Field(default=None, max_length=500)
    optional: bool = False
    when: Condition | None = None
    options: list[Option] = []
    min: float | None = None  # scale and number bounds
    max: float | None = None
    min_label: str | None = None  # words at the ends of a scale
    max_label: str | None = None
    max_length: int = Field(default=1000, ge=1, le=TEXT_LIMIT)  # characters as seen
    # Code points the database takes for this answer, where a column checks its length: an
    # emoji with a skin tone is one character to the person but two code points to it.
    stored_limit: int | None = Field(default=None, ge=1)
    allow_typed_place: bool = True  # a location question also takes a typed street or place
    allow_typed: bool = False  # a single question also takes a typed text as its answer
    # Items the question is about, known only while filling in: the options chosen in an
    # earlier multi question, or a list handed in when the form starts ("context.<key>").
    # A single or multi question chooses among them; a matrix asks `options` for each.
    items_from: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.items_from and self.type not in ITEM_TYPES:
            raise ValueError("only single, multi and matrix questions take items_from")
        if self.allow_typed and self.type is not QuestionType.SINGLE:
            raise ValueError("only a single question takes allow_typed")
        if self.type is QuestionType.MATRIX and not self.items_from:
            raise ValueError("a matrix question needs items_from")
        if self.type in (QuestionType.SINGLE, QuestionType.MULTI) and self.items_from:
            if self.options:
                raise ValueError(f"a {self.type} question with items_from takes its options there")
        elif self.type in CHOICE_TYPES:
            if len(self.options) < 2:
                raise ValueError("needs at least two options")
            ids = [o.id for o in self.options]
            if len(set(ids)) != len(ids):
                raise ValueError("option ids must be unique")
        elif self.options:
            raise ValueError(f"a {self.type} question has no options")
        if self.type is QuestionType.SCALE:
            if self.min is None or self.max is None or not self.min < self.max:
                raise ValueError("a scale needs min < max")
            if self.max - self.min > 10 or self.min != int(self.min) or self.max != int(self.max):
                raise ValueError("a scale has at most 11 whole steps")
        return self


class Form(Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    version: int = Field(ge=1)
    title: str
    intro: str | None = None
    done: str | None = None  # without it, on_submit says itself what happened
    submit_label: str | None = None  # the summary's send button, when not "Versturen"
    keep_on_stop: bool = True  # whether Stop keeps the answers for later or drops them
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> Self:
        seen: set[str] = set()
        for question in self.questions:
            if question.id in seen:
                raise ValueError(f"question {question.id!r} appears twice")
            if question.when and question.when.question not in seen:
                raise ValueError(
                    f"question {question.id!r} depends on {question.when.question!r}, "
                    "which is not an earlier question"
                )
            source = question.items_from
            if (
                source
                and not source.startswith(CONTEXT)
                and (source not in seen or self.question(source).type is not QuestionType.MULTI)
            ):
                raise ValueError(
                    f"question {question.id!r} takes items from {source!r}, "
                    "which is not an earlier multi question"
                )
            seen.add(question.id)
        return self

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def items(
        self, question: Question, answers: dict[str, Any], context: dict[str, Any]
    ) -> list[Option]:
        """The items a question is about, as they stand with these answers."""
        source = question.items_from
        if source is None:
            return []
        if source.startswith(CONTEXT):
            return [Option.model_validate(item) for item in context.get(source[len(CONTEXT) :], [])]
        chosen = answers.get(source) or []
        return [option for option in self.question(source).options if option.id in chosen]

    def options(
        self, question: Question, answers: dict[str, Any], context: dict[str, Any]
    ) -> list[Option]:
        """The options to choose from: fixed, or the items of a single or multi question."""
        if question.type in (QuestionType.SINGLE, QuestionType.MULTI) and question.items_from:
            return self.items(question, answers, context)
        return question.options

    def answer_label(
        self, question_id: str, answers: dict[str, Any], context: dict[str, Any]
    ) -> str | None:
        """A single answer in words: the chosen option's label, or the text typed instead."""
        answer = answers.get(question_id)
        if answer is None:
            return None
        labels = {o.id: o.label for o in self.options(self.question(question_id), answers, context)}
        return labels.get(answer, str(answer))

    def visible(
        self, answers: dict[str, Any], context: dict[str, Any] | None = None
    ) -> list[Question]:
        """The questions that apply given the answers so far, in order."""
        context = context or {}
        return [
            q
            for q in self.questions
            if (q.when is None or q.when.holds(answers))
            and (q.items_from is None or q.allow_typed or self.items(q, answers, context))
        ]

    def still_possible(
        self, current: Question, answers: dict[str, Any], context: dict[str, Any] | None = None
    ) -> list[Question]:
        """The questions that may be asked in a walk that has come to `current`: all but those
        the answers before it rule out. A question that hangs on one not yet answered (or on
        the current one, whose ticks are not final) counts, so the number only shrinks as
        one goes on, when an answer turns questions away; it never grows.
        """
        context = context or {}
        ids = [q.id for q in self.questions]
        before = set(ids[: ids.index(current.id)])
        known = {k: v for k, v in answers.items() if k in before}
        out: set[str] = set()

        def decided(question_id: str) -> bool:
            return question_id in known or question_id in out

        possible = []
        for question in self.questions:
            when, source = question.when, question.items_from
            condition_fails = when is not None and decided(when.question) and not when.holds(known)
            no_items = (
                source is not None
                and not question.allow_typed
                and (source.startswith(CONTEXT) or decided(source))
                and not self.items(question, known, context)
            )
            if condition_fails or no_items:
                out.add(question.id)
            else:
                possible.append(question)
        return possible

    def answered(
        self, question: Question, answers: dict[str, Any], context: dict[str, Any]
    ) -> bool:
        """Whether the answer still fits: a changed item list can leave a question open."""
        if question.id not in answers:
            return False
        answer = answers[question.id]
        if question.items_from is None or (answer is None and question.optional):
            return True
        ids = {item.id for item in self.items(question, answers, context)}
        if question.type is QuestionType.MATRIX:
            return isinstance(answer, dict) and ids <= answer.keys()
        if question.type is QuestionType.MULTI:
            return isinstance(answer, list)
        return answer in ids or (question.allow_typed and isinstance(answer, str))

    def kept(self, answers: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
        """The answers to store: those of visible questions, matrices cut to their items."""
        kept = {}
        for question in self.visible(answers, context):
            if question.id not in answers:
                continue
            answer = answers[question.id]
            ids = {item.id for item in self.items(question, answers, context)}
            if question.type is QuestionType.MATRIX and isinstance(answer, dict):
                answer = {item: value for item, value in answer.items() if item in ids}
            elif question.items_from and isinstance(answer, list):
                answer = [item for item in answer if item in ids]
            kept[question.id] = answer
        return kept


IDENTIFYING_TYPES = {QuestionType.TEXT, QuestionType.LOCATION, QuestionType.PHOTO}


def identifying_questions(forms: dict[str, Form]) -> set[str]:
    """Ids of questions whose answers may identify someone: free text, places and photos.

    These answers go when a person is erased or their answers are made anonymous.
    """
    return {q.id for form in forms.values() for q in form.questions if q.type in IDENTIFYING_TYPES}


def load_form(path: Path) -> Form:
    try:
        with path.open("rb") as file:
            return Form.model_validate(tomllib.load(file))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise FormError(f"{path.name}: {error}") from error
    except ValidationError as error:
        problem = error.errors()[0]
        where = ".".join(str(part) for part in problem["loc"])
        raise FormError(f"{path.name}: {where}: {problem['msg']}") from error


def load_forms(folder: Path = FORMS_FOLDER) -> dict[str, Form]:
    forms = {}
    for path in sorted(folder.glob("*.toml")):
        form = load_form(path)
        forms[form.id] = form
    return forms
