"""How a form looks: the message and buttons of a question, and of the summary."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from dialogs.engine.replies import Choice, Keyboard
from dialogs.engine.texts import N_, Html
from dialogs.engine.turn import Turn
from dialogs.forms.answers import show
from dialogs.forms.dutch_dates import moment_text
from dialogs.forms.model import Form, Option, Question, QuestionType

_TOGGLE = {True: N_("form.toggle_on"), False: N_("form.toggle_off")}
_SHORT_LABEL = 16  # labels shorter than this fit two buttons on a row on a phone
_FIELD = re.compile(r"\{([a-z_]+)\}")
_SHOWS_CURRENT = {QuestionType.TEXT, QuestionType.NUMBER, QuestionType.MOMENT, QuestionType.DAY}


@dataclass(frozen=True, slots=True)
class Confirmation:
    """A typed answer shown back before it counts, with the labels of yes and no."""

    text: Html
    yes: str
    no: str


def fill(text: str, context: dict[str, Any]) -> str:
    """A prompt with its `{field}`s taken from the context; the caller escapes the result."""
    return _FIELD.sub(lambda m: str(context.get(m[1], m[0])), text)


class FormView:
    def __init__(self, form: Form) -> None:
        self.form = form

    def question(
        self, turn: Turn, question: Question, data: dict[str, Any]
    ) -> tuple[Html, Keyboard]:
        answers, context = data["answers"], data["context"]
        # "vraag N van M" counts what may still be asked: M never grows while going on.
        possible = self.form.still_possible(question, answers, context)
        position = next(i for i, q in enumerate(possible) if q.id == question.id) + 1
        lines = [
            turn.t("form.progress", title=self.form.title, n=position, total=len(possible)),
            "",
            turn.t("form.prompt", prompt=fill(question.prompt, context)),
        ]
        if question.hint:
            lines.append(turn.t("form.hint", hint=fill(question.hint, context)))
        items = self.form.items(question, answers, context)
        lines.extend(self._lines(turn, question, answers.get(question.id), items))
        if question.type in _SHOWS_CURRENT and answers.get(question.id) is not None:
            current = show(question, answers[question.id], turn.texts, items)
            lines.append(turn.t("form.current", answer=current))
        rows = self._rows(turn, question, answers.get(question.id), answers, context)
        nav = []
        if data["trail"]:
            nav.append(turn.button(turn.label("form.back"), "b"))
        if question.optional:
            nav.append(turn.button(turn.label("form.skip"), "s"))
        nav.append(turn.button(turn.label("form.stop"), "x"))
        return Html("\n".join(lines)), (*rows, tuple(nav))

    def _lines(self, turn: Turn, question: Question, answer: Any, items: list[Option]) -> list[str]:
        t = turn.t
        match question.type:
            case QuestionType.SCALE if question.min_label and question.max_label:
                return [
                    t(
                        "form.scale_ends",
                        low=int(question.min or 0),
                        low_label=question.min_label,
                        high=int(question.max or 0),
                        high_label=question.max_label,
                    )
                ]
            case QuestionType.MULTI:
                chosen = show(question, answer or [], turn.texts, items)
                return [t("form.multi_chosen", chosen=chosen)]
            case QuestionType.MATRIX:
                return [t("form.matrix_hint")]
            case QuestionType.TEXT:
                return [t("form.type_text", limit=turn.texts.number(question.max_length))]
            case QuestionType.NUMBER:
                return [t("form.type_number")]
            case QuestionType.LOCATION:
                return [t("form.share_location")]
            case QuestionType.PHOTO:
                return [t("form.send_photo")]
            case QuestionType.SINGLE if question.allow_typed and not question.hint:
                # A hint of its own says what typing means here ("the name of another
                # wijk"); the general line would say it a second time.
                return [t("form.choose_or_type")]
        return []

    def _rows(
        self,
        turn: Turn,
        question: Question,
        answer: Any,
        answers: dict[str, Any],
        context: dict[str, Any],
    ) -> list[tuple[Choice, ...]]:
        match question.type:
            case QuestionType.SINGLE:
                options = self.form.options(question, answers, context)
                buttons = [turn.button(o.label, "a", i) for i, o in enumerate(options)]
                short = max((len(o.label) for o in options), default=0) < _SHORT_LABEL
                return rows(buttons, 2 if short else 1)
            case QuestionType.MULTI:
                chosen = set(answer or [])
                result: list[tuple[Choice, ...]] = []
                group = None
                for i, option in enumerate(self.form.options(question, answers, context)):
                    if option.group and option.group != group:
                        group = option.group
                        heading = turn.label("form.group", group=group)
                        result.append((turn.button(heading, "l", i),))
                    label = turn.label(_TOGGLE[option.id in chosen], label=option.label)
                    result.append((turn.button(label, "t", i),))
                return [*result, (turn.button(turn.label("form.done"), "d"),)]
            case QuestionType.MATRIX:
                return self._matrix(turn, question, answer or {}, answers, context)
            case QuestionType.SCALE:
                low, high = int(question.min or 0), int(question.max or 0)
                values = [turn.button(str(v), "a", v) for v in range(low, high + 1)]
                return rows(values, 5 if len(values) > 6 else len(values))
            case QuestionType.YESNO:
                yes, no = turn.label("form.yes"), turn.label("form.no")
                return [(turn.button(yes, "a", 1), turn.button(no, "a", 0))]
        return []

    def _matrix(
        self,
        turn: Turn,
        question: Question,
        chosen: dict[str, str],
        answers: dict[str, Any],
        context: dict[str, Any],
    ) -> list[tuple[Choice, ...]]:
        # Each item gets a heading row (pressing it changes nothing) and a row of its options.
        result: list[tuple[Choice, ...]] = []
        for i, item in enumerate(self.form.items(question, answers, context)):
            result.append((turn.button(turn.label("form.matrix_item", label=item.label), "l", i),))
            result.append(
                tuple(
                    turn.button(
                        turn.label(_TOGGLE[chosen.get(item.id) == option.id], label=option.label),
                        "m",
                        f"{i}_{j}",
                    )
                    for j, option in enumerate(question.options)
                )
            )
        result.append((turn.button(turn.label("form.done"), "d"),))
        return result

    def summary(self, turn: Turn, data: dict[str, Any]) -> tuple[Html, Keyboard]:
        answers, context = data["answers"], data["context"]
        lines = [turn.t("form.summary_title", title=self.form.title), ""]
        changes = []
        visible = self.form.visible(answers, context)
        for index, question in enumerate(self.form.questions):
            if question not in visible:
                continue
            items = self.form.items(question, answers, context)
            answer = show(question, answers.get(question.id), turn.texts, items)
            lines.append(turn.t("form.summary_line", label=question.label, answer=answer))
            changes.append(turn.button(turn.label("form.change", label=question.label), "e", index))
        send = self.form.submit_label or turn.label("form.send")
        lines += ["", turn.t("form.summary_hint", send=send)]
        keyboard = (
            (turn.button(send, "ok"),),
            *rows(changes, 2),
            (turn.button(turn.label("form.back"), "b"), turn.button(turn.label("form.stop"), "x")),
        )
        return Html("\n".join(lines)), keyboard

    def moment_confirmation(self, turn: Turn, pending: str) -> Confirmation:
        """A typed moment shown back with its weekday, to confirm before it counts."""
        moment = moment_text(turn.texts, datetime.fromisoformat(pending))
        return Confirmation(
            turn.t("form.confirm_moment", moment=moment),
            turn.label("form.confirm_yes"),
            turn.label("form.confirm_no"),
        )

    def confirm(self, turn: Turn, asked: Confirmation) -> tuple[Html, Keyboard]:
        keyboard = ((turn.button(asked.yes, "cy"), turn.button(asked.no, "cn")),)
        return asked.text, keyboard


def rows(buttons: list[Choice], width: int) -> list[tuple[Choice, ...]]:
    return [tuple(buttons[i : i + width]) for i in range(0, len(buttons), width)]
