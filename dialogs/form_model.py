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

FORMS_FOLDER = Path(__file__).parent / "forms"
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


CHOICE_TYPES = {QuestionType.SINGLE, QuestionType.MULTI}
TYPED_TYPES = {QuestionType.TEXT, QuestionType.NUMBER}


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
    max_length: int = Field(default=1000, ge=1, le=TEXT_LIMIT)
    allow_typed_place: bool = True  # a location question also takes a typed street or place

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.type in CHOICE_TYPES:
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
    done: str
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
            seen.add(question.id)
        return self

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def visible(self, answers: dict[str, Any]) -> list[Question]:
        """The questions that apply given the answers so far, in order."""
        return [q for q in self.questions if q.when is None or q.when.holds(answers)]


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
