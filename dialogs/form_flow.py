"""The form runner: asks a form's questions one by one, then a summary to change or send.

The whole place in the form (answers, the path taken, a pending stop) lives in the dialog
state, which the engine stores with each answer; nothing is kept in memory between turns.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from dialogs import events
from dialogs.form_answers import Invalid, from_button, from_input, show
from dialogs.form_model import Form, Question, QuestionType
from dialogs.replies import Choice
from dialogs.texts import N_, Html
from dialogs.turn import Turn

SUMMARY = "summary"
Submit = Callable[[Turn, Form, dict[str, Any]], Awaitable[None]]


class FormFlow:
    def __init__(self, name: str, form: Form, on_submit: Submit) -> None:
        self.name = name
        self.form = form
        self.on_submit = on_submit

    # -- starting and leaving -------------------------------------------------------------
    async def start(self, turn: Turn, context: dict[str, Any] | None = None) -> None:
        first = self.form.visible({})[0]
        data = {"answers": {}, "trail": [], "context": context or {}}
        data["form_version"] = self.form.version
        turn.begin(self.name, first.id, data)
        if self.form.intro:
            turn.say(turn.t("form.intro", title=self.form.title, intro=self.form.intro))
        await self.show(turn)

    def paused(self, turn: Turn) -> bool:
        return bool(turn.state and turn.state.data.get("paused"))

    async def resume(self, turn: Turn, action: str) -> None:
        """Answer the continue / start over / discard offer."""
        assert turn.state is not None
        if action == "r":
            turn.state.data.pop("paused", None)
            turn.state.data.pop("stopping", None)
            await self.show(turn, edit=True)
        elif action == "n":
            await self.start(turn, turn.state.data.get("context"))
        elif action == "w":
            turn.end()
            turn.say(turn.t("form.discarded", title=self.form.title), edit=True)
        else:
            await self.show(turn, edit=True)

    async def offer_resume(self, turn: Turn) -> None:
        """A form was left halfway: continue it or start over."""
        assert turn.state is not None
        turn.move(turn.state.step)
        turn.say(
            turn.t("form.resume", title=self.form.title),
            (
                (turn.button(turn.t("form.continue"), "r"),),
                (
                    turn.button(turn.t("form.restart"), "n"),
                    turn.button(turn.t("form.discard"), "w"),
                ),
            ),
        )

    async def ask_stop(self, turn: Turn) -> None:
        assert turn.state is not None
        turn.state.data["stopping"] = True
        turn.move(turn.state.step)
        turn.say(
            turn.t("form.stop_confirm", title=self.form.title),
            (
                (
                    turn.button(turn.t("form.stop_yes"), "xy"),
                    turn.button(turn.t("form.stop_no"), "xn"),
                ),
            ),
            edit=True,
        )

    # -- showing the current step ---------------------------------------------------------
    async def show(self, turn: Turn, edit: bool = False) -> None:
        assert turn.state is not None
        data = turn.state.data
        if data.get("paused"):
            await self.offer_resume(turn)
        elif data.get("stopping"):
            await self.ask_stop(turn)
        elif turn.state.step == SUMMARY:
            self._show_summary(turn, edit)
        else:
            self._show_question(turn, self.form.question(turn.state.step), edit)

    def _show_question(self, turn: Turn, question: Question, edit: bool) -> None:
        assert turn.state is not None
        turn.move(question.id)
        answers = turn.state.data["answers"]
        visible = self.form.visible(answers)
        position = next(i for i, q in enumerate(visible) if q.id == question.id) + 1
        lines = [
            turn.t("form.progress", title=self.form.title, n=position, total=len(visible)),
            "",
            turn.t("form.prompt", prompt=question.prompt),
        ]
        if question.hint:
            lines.append(turn.t("form.hint", hint=question.hint))
        lines.extend(self._question_lines(turn, question, answers.get(question.id)))
        rows = self._answer_rows(turn, question, answers.get(question.id))
        nav = []
        if turn.state.data["trail"]:
            nav.append(turn.button(turn.t("form.back"), "b"))
        if question.optional:
            nav.append(turn.button(turn.t("form.skip"), "s"))
        nav.append(turn.button(turn.t("form.stop"), "x"))
        turn.say(Html("\n".join(lines)), (*rows, tuple(nav)), edit=edit)

    def _question_lines(self, turn: Turn, question: Question, answer: Any) -> list[str]:
        t = turn.t
        match question.type:
            case QuestionType.SCALE if question.min_label and question.max_label:
                low, high = int(question.min or 0), int(question.max or 0)
                return [
                    t(
                        "form.scale_ends",
                        low=low,
                        low_label=question.min_label,
                        high=high,
                        high_label=question.max_label,
                    )
                ]
            case QuestionType.MULTI:
                return [t("form.multi_chosen", chosen=show(question, answer or [], turn.texts))]
            case QuestionType.TEXT:
                return [t("form.type_text", limit=turn.texts.number(question.max_length))]
            case QuestionType.NUMBER:
                return [t("form.type_number")]
            case QuestionType.LOCATION:
                return [t("form.share_location")]
            case QuestionType.PHOTO:
                return [t("form.send_photo")]
        return []

    def _answer_rows(self, turn: Turn, question: Question, answer: Any) -> list[tuple[Choice, ...]]:
        match question.type:
            case QuestionType.SINGLE:
                buttons = [turn.button(o.label, "a", i) for i, o in enumerate(question.options)]
                return _rows(buttons, 2 if max(len(o.label) for o in question.options) < 16 else 1)
            case QuestionType.MULTI:
                chosen = set(answer or [])
                buttons = [
                    turn.button(turn.t(_TOGGLE[o.id in chosen], label=o.label), "t", i)
                    for i, o in enumerate(question.options)
                ]
                return [*_rows(buttons, 1), (turn.button(turn.t("form.done"), "d"),)]
            case QuestionType.SCALE:
                low, high = int(question.min or 0), int(question.max or 0)
                values = [turn.button(str(v), "a", v) for v in range(low, high + 1)]
                return _rows(values, 5 if len(values) > 6 else len(values))
            case QuestionType.YESNO:
                return [
                    (
                        turn.button(turn.t("form.yes"), "a", 1),
                        turn.button(turn.t("form.no"), "a", 0),
                    )
                ]
        return []

    def _show_summary(self, turn: Turn, edit: bool) -> None:
        assert turn.state is not None
        turn.move(SUMMARY)
        answers = turn.state.data["answers"]
        lines = [turn.t("form.summary_title", title=self.form.title), ""]
        changes = []
        for index, question in enumerate(self.form.questions):
            if question.when and not question.when.holds(answers):
                continue
            answer = show(question, answers.get(question.id), turn.texts)
            lines.append(turn.t("form.summary_line", label=question.label, answer=answer))
            changes.append(turn.button(turn.t("form.change", label=question.label), "e", index))
        lines += ["", turn.t("form.summary_hint")]
        rows = (
            (turn.button(turn.t("form.send"), "ok"),),
            *_rows(changes, 2),
            (turn.button(turn.t("form.back"), "b"), turn.button(turn.t("form.stop"), "x")),
        )
        turn.say(Html("\n".join(lines)), rows, edit=edit)

    # -- answering ------------------------------------------------------------------------
    async def on_button(self, turn: Turn, action: str, arg: str) -> None:
        assert turn.state is not None
        data = turn.state.data
        if action in ("r", "n", "w") or data.get("paused"):
            await self.resume(turn, action)
            return
        if data.get("stopping") and action in ("xy", "xn"):
            data.pop("stopping")
            if action == "xy":
                data["paused"] = True
                turn.say(turn.t("form.stopped", title=self.form.title), edit=True)
            else:
                await self.show(turn, edit=True)
            return
        if action == "x":
            await self.ask_stop(turn)
        elif action == "b" and data["trail"]:
            turn.state.step = data["trail"].pop()
            await self.show(turn, edit=True)
        elif turn.state.step == SUMMARY:
            await self._summary_button(turn, action, arg)
        else:
            await self._question_button(turn, self.form.question(turn.state.step), action, arg)

    async def _summary_button(self, turn: Turn, action: str, arg: str) -> None:
        assert turn.state is not None
        answers = turn.state.data["answers"]
        if action == "ok":
            visible = {q.id for q in self.form.visible(answers)}
            kept = {qid: value for qid, value in answers.items() if qid in visible}
            await self.on_submit(turn, self.form, kept)
            turn.end()
            turn.say(turn.t("form.sent", done=self.form.done), edit=True)
        elif action == "e" and arg.isdigit() and int(arg) < len(self.form.questions):
            turn.state.data["trail"].append(SUMMARY)
            self._show_question(turn, self.form.questions[int(arg)], edit=True)
        else:
            await self.show(turn, edit=True)

    async def _question_button(self, turn: Turn, question: Question, action: str, arg: str) -> None:
        assert turn.state is not None
        answers = turn.state.data["answers"]
        if action == "a" and (answer := from_button(question, arg)) is not None:
            await self._answer(turn, question, answer)
        elif action == "t" and question.type is QuestionType.MULTI and arg.isdigit():
            if int(arg) < len(question.options):
                option = question.options[int(arg)].id
                chosen = list(answers.get(question.id) or [])
                chosen.remove(option) if option in chosen else chosen.append(option)
                answers[question.id] = chosen
            self._show_question(turn, question, edit=True)
        elif action == "d" and question.type is QuestionType.MULTI:
            if not answers.get(question.id) and not question.optional:
                turn.notice(turn.t("form.choose_one"))
                return
            await self._answer(turn, question, answers.get(question.id) or [])
        elif action == "s" and question.optional:
            await self._answer(turn, question, None)
        else:
            await self.show(turn, edit=True)

    async def on_input(self, turn: Turn, event: events.Event) -> None:
        assert turn.state is not None
        if turn.state.data.get("stopping") or turn.state.step == SUMMARY:
            turn.say(turn.t("form.use_buttons"))
            await self.show(turn)
            return
        question = self.form.question(turn.state.step)
        if question.type not in _TYPED:
            turn.say(turn.t("form.use_buttons"))
            await self.show(turn)
            return
        try:
            answer = from_input(question, event, turn.texts)
        except Invalid as problem:
            turn.say(problem.message)
            return
        await self._answer(turn, question, answer)

    async def _answer(self, turn: Turn, question: Question, answer: Any) -> None:
        """Record an answer and go on: to the next question, or back to the summary."""
        assert turn.state is not None
        data = turn.state.data
        data["answers"][question.id] = answer
        editing = SUMMARY in data["trail"]
        visible = self.form.visible(data["answers"])
        if editing:
            following = [q for q in visible if q.id not in data["answers"]]
        else:
            ids = [q.id for q in visible]
            following = visible[ids.index(question.id) + 1 :] if question.id in ids else []
        data["trail"].append(question.id)
        if following:
            self._show_question(turn, following[0], edit=True)
        else:
            if editing:
                data["trail"] = [t for t in data["trail"] if t != SUMMARY]
            self._show_summary(turn, edit=True)


_TOGGLE = {True: N_("form.toggle_on"), False: N_("form.toggle_off")}
_TYPED = {QuestionType.TEXT, QuestionType.NUMBER, QuestionType.LOCATION, QuestionType.PHOTO}


def _rows(buttons: list[Choice], width: int) -> list[tuple[Choice, ...]]:
    return [tuple(buttons[i : i + width]) for i in range(0, len(buttons), width)]
