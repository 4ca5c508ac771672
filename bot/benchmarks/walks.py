"""What the simulated people do: a walk through the demo form /proef in wijkbot, and a walk of
the same shape (the same typed answers and button presses, in the same order) with the echo
bot. Each step says what the person does and how they recognise the answer to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from bot.standin import ChatMessage, SimUser

SEND: Literal["send"] = "send"
PRESS: Literal["press"] = "press"

# /proef answered the same way every time, with a remark of its own per walk; the expected
# text is a fragment of the message that shows the next step.
FORM_STEPS: tuple[tuple[Literal["send", "press"], str, str], ...] = (
    (SEND, "/proef", "vraag 1 van"),
    (PRESS, "Soms", "vraag 2 van"),
    (PRESS, "Overslaan", "vraag 3 van"),
    (PRESS, "Te snel rijden", "Gekozen: Te snel rijden"),
    (PRESS, "Klaar", "vraag 4 van"),
    (PRESS, "7", "vraag 5 van"),
    (SEND, "12", "vraag 6 van"),
    (PRESS, "Overslaan", "vraag 7 van"),
    (SEND, "", "vraag 8 van"),  # the remark, made per walk
    (PRESS, "Ja", "overzicht"),
    (PRESS, "✅ Versturen", "Verstuurd"),
)
REMARK_STEP = 8


@dataclass(frozen=True, slots=True)
class Step:
    kind: Literal["send", "press"]
    what: str  # the text typed, or the label of the button pressed
    answered: Callable[[ChatMessage], bool]  # is this message the answer to the step?


Walk = Callable[[SimUser, int], Iterator[Step]]


def remark(telegram_id: int, walk: int) -> str:
    return f"opmerking {telegram_id}-{walk}"


def stored_answers(text: str) -> dict[str, Any]:
    """What the database must hold for a walk whose remark was `text`."""
    return {
        "gevoel": "soms",
        "waar": None,
        "problemen": ["te_snel_rijden"],
        "rapport": 7,
        "jaren": 12,
        "foto": None,
        "opmerking": text,
        "bellen": True,
    }


def _showing(fragment: str) -> Callable[[ChatMessage], bool]:
    return lambda message: fragment in message.text


def _reading(text: str) -> Callable[[ChatMessage], bool]:
    return lambda message: message.text == text


def form_walk(person: SimUser, walk: int) -> Iterator[Step]:
    for index, (kind, what, expected) in enumerate(FORM_STEPS):
        typed = remark(person.user_id, walk) if index == REMARK_STEP else what
        yield Step(kind, typed, _showing(expected))


def echo_walk(person: SimUser, walk: int) -> Iterator[Step]:
    """Built step by step: a press's answer is the pressed message with a "+" added."""
    for index, (kind, _what, _expected) in enumerate(FORM_STEPS):
        if kind == SEND:
            typed = f"tekst {person.user_id}-{walk}-{index}"
            yield Step(SEND, typed, _reading("echo " + typed))
        else:
            shown = person.last.text if person.last is not None else ""
            yield Step(PRESS, "Druk", _reading(shown + "+"))
