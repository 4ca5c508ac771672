"""Spotting a message that reads like an emergency now, to point to the right number at once.

A transparent rule-based recogniser: the message is normalised (case, accents, phone
spelling, Flemish words), then each category's cue phrases are looked for, and markers
of the present ("nu", "aan het vechten", "help") are weighed against markers of the
past or of a habit ("vorig jaar", "vaak", "rond Pasen"). The same words about last year
or about every weekend are an ordinary concern, not an emergency.

The cues are data, one file per language beside this module (`emergency_<code>.toml`),
so a zone can read and extend them without reading code.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from dialogs.engine.texts import N_

DEFAULT_LANGUAGE = "nl"
HERE = Path(__file__).parent
MIN_WORDS = 2  # a one-word answer ("101", "brand", "ja") is a form answer, never an alarm
STRONG, WEAK = 2, 1  # weights of a strong and a weak marker
APOSTROPHES = "['`\u2019\u00b4]"
GAPS = {"~": r"(?:\s+\S+){0,3}", "~~": r"(?:\s+\S+){0,6}"}  # words a cue may skip


class Emergency(StrEnum):
    VIOLENCE = "violence"
    THREAT = "threat"
    CRIME = "crime"
    MISSING = "missing"
    FIRE = "fire"
    MEDICAL = "medical"
    SUICIDE = "suicide"
    ABUSE = "abuse"  # violence or abuse that is not happening right now

    @property
    def answer(self) -> str:
        """The catalog key of what to say: each names the number to call."""
        return ANSWERS[self]


ANSWERS = {
    Emergency.VIOLENCE: N_("emergency.police"),
    Emergency.THREAT: N_("emergency.police"),
    Emergency.CRIME: N_("emergency.police"),
    Emergency.MISSING: N_("emergency.police"),
    Emergency.FIRE: N_("emergency.fire_medical"),
    Emergency.MEDICAL: N_("emergency.fire_medical"),
    Emergency.SUICIDE: N_("emergency.suicide"),
    Emergency.ABUSE: N_("emergency.abuse"),
}

Cue = str | list[str]  # one phrase, or phrases that must all occur


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Weighted(_Strict):
    strong: list[str] = []
    weak: list[str] = []


class Markers(_Strict):
    now: Weighted
    past: Weighted
    habit: Weighted
    what_if: Weighted = Weighted()


Story = Literal["past", "habit", "what_if"]


class Redirect(_Strict):
    """Not happening now but in this context, the message belongs to another category."""

    context: str
    becomes: Emergency


class Category(_Strict):
    cues: list[Cue]
    weak: list[Cue] = []  # count only when the message says it happens now
    unless: list[str] = []  # phrases that rule the category out
    quiet_by: list[Story] = ["past", "habit", "what_if"]  # a story, not an alarm
    not_now: Redirect | None = None
    now_becomes: Emergency | None = None


class CueFile(_Strict):
    language: str
    # What an apostrophe does: "join" the words around it (Dutch aan't -> aant), or "split"
    # them (French l'homme -> l homme).
    apostrophes: Literal["join", "split"] = "join"
    order: list[Emergency]  # first match wins when a message fits several categories
    words: dict[str, str]  # a word as typed -> what it means
    groups: dict[str, list[str]]
    markers: Markers
    category: dict[Emergency, Category]

    @model_validator(mode="after")
    def _every_category_has_its_turn(self) -> CueFile:
        if sorted(self.order) != sorted(self.category):
            raise ValueError("order must name each category once")
        return self

    def phrases(self) -> list[str]:
        """Every phrase of the file, to compile them all at start-up."""
        marks = [self.markers.now, self.markers.past, self.markers.habit, self.markers.what_if]
        found = [phrase for weighted in marks for phrase in weighted.strong + weighted.weak]
        for category in self.category.values():
            for cue in category.cues + category.weak:
                found += [cue] if isinstance(cue, str) else cue
            found += category.unless + ([category.not_now.context] if category.not_now else [])
        return found


class Matcher:
    """One cue file compiled to regular expressions over normalised text."""

    def __init__(self, cues: CueFile) -> None:
        self.cues = cues
        self.groups: dict[str, str] = {}
        for name, items in cues.groups.items():  # a group may name the groups before it
            self.groups[name] = "(?:" + "|".join(self.phrase(item) for item in items) + ")"
        self.compiled: dict[str, re.Pattern[str]] = {}
        for phrase in cues.phrases():  # a mistake in the file shows at start-up, not mid-chat
            self.compiled[phrase] = re.compile(r"(?<!\S)" + self.phrase(phrase) + r"(?!\S)")

    def phrase(self, text: str) -> str:
        parts, joiner = [], ""
        for token in text.split():
            if token in GAPS:
                joiner = GAPS[token] + r"\s+"
                continue
            parts.append(joiner + "(?:" + "|".join(map(self.word, token.split("|"))) + ")")
            joiner = r"\s+"
        return "".join(parts)

    def word(self, alternative: str) -> str:
        if alternative.startswith("@"):
            if alternative[1:] not in self.groups:
                raise ValueError(f"unknown group {alternative}")
            return self.groups[alternative[1:]]
        pattern = re.escape(alternative.strip("*")).replace("\\#", "#").replace("#", r"\d")
        head = r"\S*" if alternative.startswith("*") else ""
        tail = r"\S*" if alternative.endswith("*") and len(alternative) > 1 else ""
        return head + pattern + tail

    def found(self, text: str, phrase: str) -> bool:
        return self.compiled[phrase].search(text) is not None

    def fits(self, text: str, cue: Cue) -> bool:
        phrases = [cue] if isinstance(cue, str) else cue
        return all(self.found(text, phrase) for phrase in phrases)

    def weight(self, text: str, marks: Weighted) -> int:
        strong = sum(STRONG for phrase in marks.strong if self.found(text, phrase))
        return strong + sum(WEAK for phrase in marks.weak if self.found(text, phrase))

    def normalise(self, text: str) -> str:
        text = unicodedata.normalize("NFKD", text.lower())
        text = "".join(c for c in text if not unicodedata.combining(c))
        # aan't -> aant, m'n -> mn, 's avonds -> s avonds; or l'homme -> l homme
        text = re.sub(APOSTROPHES, "" if self.cues.apostrophes == "join" else " ", text)
        text = re.sub(r"[^\w]+|_", " ", text)
        text = re.sub(r"(\w)\1{2,}\b", r"\1", text)  # helppp -> help, nuuu -> nu
        text = re.sub(r"(\w)\1{2,}", r"\1\1", text)  # vlammmen -> vlammen
        words = [self.cues.words.get(word, word) for word in text.split()]
        return " " + " ".join(words) + " "

    def emergency(self, message: str) -> Emergency | None:
        text = self.normalise(message)
        if sum(1 for word in text.split() if re.search(r"[^\W\d]", word)) < MIN_WORDS:
            return None
        markers = self.cues.markers
        weight = Weight(
            now=self.weight(text, markers.now),
            past=self.weight(text, markers.past),
            habit=self.weight(text, markers.habit),
            what_if=self.weight(text, markers.what_if),
        )
        for name in self.cues.order:
            found = self.decide(name, self.cues.category[name], text, weight)
            if found is not None:
                return found
        return None

    def decide(
        self, name: Emergency, category: Category, text: str, weight: Weight
    ) -> Emergency | None:
        if any(self.found(text, phrase) for phrase in category.unless):
            return None
        if not any(self.fits(text, cue) for cue in category.cues) and not (
            weight.happening and any(self.fits(text, cue) for cue in category.weak)
        ):
            return None
        clearly_now = weight.happening and weight.now >= STRONG
        if category.now_becomes and clearly_now:
            return category.now_becomes  # abuse going on right now: the police
        redirect = category.not_now
        if redirect and not clearly_now and self.found(text, redirect.context):
            return redirect.becomes  # violence at home told afterwards: the helpline
        story = sum(getattr(weight, kind) for kind in category.quiet_by)
        return None if story > weight.now else name


@dataclass(frozen=True, slots=True)
class Weight:
    """How much a message says it happens now, happened before, is a habit, or a what-if."""

    now: int
    past: int
    habit: int
    what_if: int

    @property
    def happening(self) -> bool:
        return self.now > 0 and self.now > self.past + self.habit + self.what_if


def cue_file(language: str) -> Path:
    return Path(__file__).with_name(f"emergency_{language}.toml")


@cache
def cue_languages() -> tuple[str, ...]:
    """Every language with a cue file, the default first."""
    found = sorted(p.stem.removeprefix("emergency_") for p in HERE.glob("emergency_*.toml"))
    return tuple(sorted(found, key=lambda language: language != DEFAULT_LANGUAGE))


@cache
def matcher(language: str) -> Matcher:
    """The compiled cues of a language; a language without its own file uses the default."""
    path = cue_file(language)
    return load(path if language.isalpha() and path.exists() else cue_file(DEFAULT_LANGUAGE))


def warm() -> None:
    """Compile every language's cues now, as every message is read with all of them: about
    1,200 expressions, which would otherwise hold up whoever types first after a start."""
    for language in cue_languages():
        matcher(language)


@cache
def load(path: Path) -> Matcher:
    try:
        with path.open("rb") as file:
            return Matcher(CueFile.model_validate(tomllib.load(file)))
    except (tomllib.TOMLDecodeError, ValueError) as error:  # pydantic's errors are ValueErrors
        raise ValueError(f"{path.name}: {error}") from error


def emergency_of(text: str, language: str = DEFAULT_LANGUAGE) -> Emergency | None:
    """The kind of emergency `text` reads like, happening now or just now; None for all else.

    Read with the cues of the person's language first, then with every other language's:
    people write in the language that comes to them (many keep Telegram in English and
    write Dutch), and the labelled sets show no language's cues raise an alarm on another
    language's ordinary messages.
    """
    first = language if language in cue_languages() else DEFAULT_LANGUAGE
    for code in (first, *(other for other in cue_languages() if other != first)):
        if (found := matcher(code).emergency(text)) is not None:
            return found
    return None
