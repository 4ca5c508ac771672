"""The form runner: asks a form's questions one by one, then a summary to change or send.

The whole place in the form (answers, the path taken, a pending stop) lives in the dialog
state, which the engine stores with each answer; nothing is kept in memory between turns.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from dialogs.engine import events
from dialogs.engine.kept import CONTINUE, DISCARD, RESTART, offer_resume
from dialogs.engine.texts import Texts
from dialogs.engine.turn import Turn
from dialogs.forms.answers import Invalid, from_button, from_input, typed
from dialogs.forms.localized import localized
from dialogs.forms.model import Form, Question, QuestionType
from dialogs.forms.view import Confirmation, FormView

SUMMARY = "summary"
# An on_submit that returns False has said itself why nothing was sent: no "Verstuurd".
Submit = Callable[[Turn, Form, dict[str, Any]], Awaitable[bool | None]]
# Looked at before on_submit: None to go on, or a message and the question to ask again.
Check = Callable[[Turn, dict[str, Any], dict[str, Any]], tuple[str, str] | None]


class FormFlow:
    """Asks `form` in the language of whoever fills it in, one question at a time."""

    resumable = True  # a form can wait for later while the person does something else

    def __init__(
        self, name: str, form: Form, on_submit: Submit, before_submit: Check | None = None
    ) -> None:
        self.name = name
        self.form = form
        self.on_submit = on_submit
        self.before_submit = before_submit

    def title(self, texts: Texts) -> str:
        return localized(self.form, texts).title

    def shown(self, turn: Turn) -> Form:
        """The form in the words of this turn's person; ids and structure are the same."""
        return localized(self.form, turn.texts)

    def view(self, turn: Turn) -> FormView:
        return FormView(self.shown(turn))

    # -- starting and leaving -------------------------------------------------------------
    async def start(
        self,
        turn: Turn,
        context: dict[str, Any] | None = None,
        answers: dict[str, Any] | None = None,
        *,
        at_summary: bool | None = None,
    ) -> None:
        """Begin at the first question, or with `answers` given (a change) at the summary.

        `at_summary=False` asks every question with `answers` as the preset answers. The same
        form for the same thing, already begun, is offered to continue instead of restarted.
        """
        context = context or {}
        state = turn.state
        if state is not None and state.flow == self.name and state.data["context"] == context:
            await self.offer_resume(turn)
            return
        await self._begin(turn, context, answers, at_summary)

    async def _begin(
        self,
        turn: Turn,
        context: dict[str, Any],
        answers: dict[str, Any] | None,
        at_summary: bool | None,
    ) -> None:
        form = self.shown(turn)
        if at_summary is None:
            at_summary = bool(answers)
        first = SUMMARY if at_summary else form.visible(answers or {}, context)[0].id
        data: dict[str, Any] = {
            "answers": dict(answers or {}),
            "trail": [],
            "context": context,
            "form_version": self.form.version,
        }
        turn.begin(self.name, first, data)
        if form.intro and not at_summary:
            turn.say(turn.t("form.intro", title=form.title, intro=form.intro))
        await self.show(turn)

    def paused(self, turn: Turn) -> bool:
        return bool(turn.state and turn.state.data.get("paused"))

    def pause(self, turn: Turn) -> None:
        assert turn.state is not None
        turn.state.data.pop("stopping", None)
        turn.state.data["paused"] = True

    async def resume(self, turn: Turn, action: str) -> None:
        """Answer the continue / start over / discard offer."""
        assert turn.state is not None
        if action == CONTINUE:
            turn.state.data.pop("paused", None)
            turn.state.data.pop("stopping", None)
            await self.show(turn, edit=True)
        elif action == RESTART:
            # Starting over replaces this form; it is not kept for later beside the new one.
            turn.state.data.pop("paused", None)
            await self._begin(turn, turn.state.data["context"], None, None)
        elif action == DISCARD:
            turn.end()
            turn.say(turn.t("form.discarded", title=self.title(turn.texts)), edit=True)
        else:
            await self.show(turn, edit=True)

    async def offer_resume(self, turn: Turn) -> None:
        """A form was left halfway: continue it or start over."""
        offer_resume(turn, self.title(turn.texts))

    async def ask_stop(self, turn: Turn) -> None:
        assert turn.state is not None
        turn.state.data["stopping"] = True
        turn.move(turn.state.step)
        title = self.title(turn.texts)
        if self.form.keep_on_stop:
            question = turn.t("form.stop_confirm", title=title)
        else:
            question = turn.t("form.stop_confirm_drop", title=title)
        turn.say(
            question,
            (
                (
                    turn.button(turn.label("form.stop_yes"), "xy"),
                    turn.button(turn.label("form.stop_no"), "xn"),
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
        elif (
            data.get("pending") is not None
            and (asked := self.confirmation(turn, turn.state.step, data["pending"])) is not None
        ):
            turn.move(turn.state.step)
            turn.say(*self.view(turn).confirm(turn, asked), edit=edit)
        else:
            self._show_question(turn, self.form.question(turn.state.step), edit)

    def _show_question(self, turn: Turn, question: Question, edit: bool) -> None:
        assert turn.state is not None
        turn.move(question.id)
        view = self.view(turn)
        turn.say(*view.question(turn, view.form.question(question.id), turn.state.data), edit=edit)

    def _show_summary(self, turn: Turn, edit: bool) -> None:
        assert turn.state is not None
        turn.move(SUMMARY)
        turn.say(*self.view(turn).summary(turn, turn.state.data), edit=edit)

    # -- typed answers a form looks at before they count -------------------------------------
    def check(self, turn: Turn, question: Question, answer: Any) -> Any:
        """A typed answer as it will count: a form may tidy it, or refuse it with Invalid."""
        return answer

    def confirmation(self, turn: Turn, question_id: str, answer: Any) -> Confirmation | None:
        """What to show back for a yes before a typed answer counts; None takes it at once."""
        if self.form.question(question_id).type is QuestionType.MOMENT:
            return self.view(turn).moment_confirmation(turn, answer)
        return None

    # -- answering ------------------------------------------------------------------------
    async def on_button(self, turn: Turn, action: str, arg: str) -> None:
        assert turn.state is not None
        data = turn.state.data
        if action in (CONTINUE, RESTART, DISCARD) or data.get("paused"):
            await self.resume(turn, action)
            return
        if data.get("stopping") and action in ("xy", "xn"):
            data.pop("stopping")
            if action == "xy" and not self.form.keep_on_stop:
                turn.end()
                turn.say(turn.t("form.stopped_dropped", title=self.title(turn.texts)), edit=True)
            elif action == "xy":
                self.pause(turn)
                turn.say(turn.t("form.stopped", title=self.title(turn.texts)), edit=True)
            else:
                await self.show(turn, edit=True)
            return
        if action == "x":
            await self.ask_stop(turn)
        elif data.get("pending") is not None:  # a typed answer, shown back to confirm
            pending = data.pop("pending")
            if action == "cy":
                await self._answer(turn, self.form.question(turn.state.step), pending)
            else:
                await self.show(turn, edit=True)
        elif action == "b" and data["trail"]:
            turn.state.step = data["trail"].pop()
            await self.show(turn, edit=True)
        elif turn.state.step == SUMMARY:
            await self._summary_button(turn, action, arg)
        else:
            await self._question_button(turn, self.form.question(turn.state.step), action, arg)

    async def _summary_button(self, turn: Turn, action: str, arg: str) -> None:
        assert turn.state is not None
        data = turn.state.data
        if action == "ok":
            kept = self.form.kept(data["answers"], data["context"])
            refused = self.before_submit and self.before_submit(turn, kept, data["context"])
            if refused:
                # Nothing is saved: the person answers the question again, then back here.
                message, question = refused
                turn.say(message, edit=True)
                data["trail"].append(SUMMARY)
                self._show_question(turn, self.form.question(question), edit=False)
                return
            sent = await self.on_submit(turn, self.form, kept)
            turn.end()
            done = self.shown(turn).done
            if sent is not False and done is not None:
                turn.say(turn.t("form.sent", done=done), edit=True)
        elif action == "e" and arg.isdigit() and int(arg) < len(self.form.questions):
            turn.state.data["trail"].append(SUMMARY)
            self._show_question(turn, self.form.questions[int(arg)], edit=True)
        else:
            await self.show(turn, edit=True)

    async def _question_button(self, turn: Turn, question: Question, action: str, arg: str) -> None:
        assert turn.state is not None
        answers, context = turn.state.data["answers"], turn.state.data["context"]
        options = self.form.options(question, answers, context)
        if action == "a" and (answer := from_button(question, arg, options)) is not None:
            await self._answer(turn, question, answer)
        elif action == "m" and question.type is QuestionType.MATRIX:
            self._choose_in_matrix(question, answers, context, arg)
            self._show_question(turn, question, edit=True)
        elif action == "l":  # a heading row: nothing to choose there
            turn.notice(turn.t("form.heading_pressed"))
        elif action == "t" and question.type is QuestionType.MULTI and arg.isdigit():
            if int(arg) < len(options):
                option = options[int(arg)].id
                chosen = list(answers.get(question.id) or [])
                chosen.remove(option) if option in chosen else chosen.append(option)
                answers[question.id] = chosen
            self._show_question(turn, question, edit=True)
        elif action == "d" and question.type is QuestionType.MULTI:
            if not answers.get(question.id) and not question.optional:
                turn.notice(turn.t("form.choose_one"))
                return
            await self._answer(turn, question, answers.get(question.id) or [])
        elif action == "d" and question.type is QuestionType.MATRIX:
            if not self.form.answered(question, answers, context):
                turn.notice(turn.t("form.matrix_incomplete"))
                return
            await self._answer(turn, question, answers[question.id])
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
        if not typed(question):
            turn.say(turn.t("form.use_buttons"))
            await self.show(turn)
            return
        turn.state.data.pop("pending", None)  # a new answer typed instead of confirming
        try:
            answer = self.check(turn, question, from_input(question, event, turn.texts, turn.now))
        except Invalid as problem:
            turn.say(problem.message)
            return
        if self.confirmation(turn, question.id, answer) is not None:
            turn.state.data["pending"] = answer
            await self.show(turn)
            return
        if question.type is QuestionType.SINGLE:
            data = turn.state.data
            options = self.shown(turn).options(question, data["answers"], data["context"])
            same = [o.id for o in options if o.label.casefold() == answer.casefold()]
            answer = same[0] if same else answer
        await self._answer(turn, question, answer)

    async def _answer(self, turn: Turn, question: Question, answer: Any) -> None:
        """Record an answer and go on: to the next question, or back to the summary."""
        assert turn.state is not None
        data = turn.state.data
        answers, context = data["answers"], data["context"]
        answers[question.id] = answer
        editing = SUMMARY in data["trail"]
        visible = self.form.visible(answers, context)
        if editing:
            following = [q for q in visible if not self.form.answered(q, answers, context)]
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

    def _choose_in_matrix(
        self, question: Question, answers: dict[str, Any], context: dict[str, Any], arg: str
    ) -> None:
        item, _, option = arg.partition("_")
        items = self.form.items(question, answers, context)
        fits = item.isdigit() and option.isdigit()
        if fits and int(item) < len(items) and int(option) < len(question.options):
            chosen = answers.get(question.id)
            chosen = dict(chosen) if isinstance(chosen, dict) else {}
            chosen[items[int(item)].id] = question.options[int(option)].id
            answers[question.id] = chosen
