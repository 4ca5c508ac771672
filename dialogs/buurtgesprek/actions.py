"""After the meeting: the priorities chosen, the actions agreed, and verantwoording.

Verantwoording: when an action's status changes, every resident who asked to be kept
informed about a concern it answers gets one message, in the same turn as the change, so
one change is told once and pressing the same status again tells nobody anything.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from dialogs.buurtgesprek import agenda, meeting_text
from dialogs.buurtgesprek.meeting_text import ACTION_STATUS, STATUS, title
from dialogs.buurtgesprek.meetings import own_meeting
from dialogs.engine.engine import Engine
from dialogs.engine.replies import Choice, Message
from dialogs.engine.texts import Html
from dialogs.engine.turn import Turn
from dialogs.forms.model import Form
from dialogs.forms.runner import FormFlow
from dialogs.forms.view import rows
from dialogs.sectorscan.problem_list import Problems
from storage import actions, concerns, people
from storage.actions import Action, ActionStatus, NewAction
from storage.meetings import Meeting, MeetingStatus

log = logging.getLogger(__name__)

FLOW = "action_new"
SHORT = 120  # a concern's text on the officer's buttons and lists; the agenda has it whole


def _short(text: str | None, limit: int = SHORT) -> str:
    text = text or ""
    return text if len(text) <= limit else text[:limit] + "…"


class ActionFlows:
    def __init__(self, engine: Engine, problems: Problems, form: Form) -> None:
        self.problems = problems
        self.recorder = FormFlow(FLOW, form, self.save)
        engine.add_flow(self.recorder)
        engine.add_command("meeting_actions", self.overview)
        engine.add_command("action_priority", self.choose_priority)
        engine.add_command("action_priority_add", self.add_priority)
        engine.add_command("action_new", self.new)
        engine.add_command("action", self.card)
        engine.add_command("action_status", self.set_status)

    async def _after_intake(self, turn: Turn, arg: str) -> Meeting | None:
        """The officer's meeting, if it was not cancelled; priorities may be set before the
        intake ends too, to prepare the meeting (the overview says more may come in)."""
        if (meeting := await own_meeting(turn, arg)) is None:
            return None
        if meeting.status is MeetingStatus.CANCELLED:
            turn.say(turn.t("meeting.not_planned", status=turn.t(STATUS[meeting.status])))
            return None
        return meeting

    # -- priorities and actions ------------------------------------------------------------
    async def overview(self, turn: Turn, arg: str) -> None:
        if (meeting := await self._after_intake(turn, arg)) is None:
            return
        current = await agenda.load(turn.conn, meeting, self.problems)
        topics = self.problems.topics(g.problem for g in current.groups)
        chosen = await actions.priorities(turn.conn, meeting.id)
        agreed = await actions.list_for_meeting(turn.conn, meeting.id)
        lines: list[str] = [turn.t("action.overview_title", title=title(turn.texts, meeting))]
        if meeting.intake_open(turn.now):
            until = meeting_text.deadline(turn.texts, meeting.intake_until)
            lines.append(turn.t("action.intake_still_open", until=until))
        keyboard: list[tuple[Choice, ...]] = []
        if not chosen:
            lines.append(turn.t("action.no_priorities"))
        for priority in chosen:
            label = self.problems.label(turn.texts, priority.problem)
            lines += ["", turn.t("action.priority_line", position=priority.position, problem=label)]
            mine = [a for a in agreed if a.problem == priority.problem]
            if not mine:
                lines.append(turn.t("action.none_yet"))
            for action in mine:
                lines.append(self._line(turn, action))
                keyboard.append(
                    (
                        turn.menu_button(
                            turn.label("action.button", what=_short(action.what, 40)),
                            "action",
                            action.id,
                        ),
                    )
                )
            topic = topics.index(priority.problem) if priority.problem in topics else -1
            if topic >= 0:
                keyboard.append(
                    (
                        turn.menu_button(
                            turn.label("action.new_button", problem=label),
                            "action_new",
                            f"{meeting.id}_{topic}",
                        ),
                    )
                )
        keyboard.append(
            (turn.menu_button(turn.label("action.priority_button"), "action_priority", meeting.id),)
        )
        keyboard.append(
            (turn.menu_button(turn.label("meeting.open_button"), "meeting", meeting.id),)
        )
        turn.say(Html("\n".join(lines)), tuple(keyboard), edit=True)

    def _line(self, turn: Turn, action: Action) -> Html:
        return turn.t(
            "action.line",
            what=action.what,
            partner=action.partner or "-",
            effect=action.effect,
            feasibility=action.feasibility,
            due=turn.texts.date(action.due_on) if action.due_on else "-",
            status=turn.t(ACTION_STATUS[action.status]),
        )

    async def choose_priority(self, turn: Turn, arg: str) -> None:
        if (meeting := await self._after_intake(turn, arg)) is None:
            return
        current = await agenda.load(turn.conn, meeting, self.problems)
        topics = self.problems.topics(g.problem for g in current.groups)
        taken = {p.problem for p in await actions.priorities(turn.conn, meeting.id)}
        buttons = []
        raised = [g.problem for g in current.groups]
        for problem in raised + [t for t in topics if t not in raised]:
            if problem in taken:
                continue
            group = current.group_of(problem)
            label = self.problems.label(turn.texts, problem)
            if group is not None:
                label = turn.label("action.priority_choice", problem=label, voices=group.voices)
            arg = f"{meeting.id}_{topics.index(problem)}"
            buttons.append(turn.menu_button(label, "action_priority_add", arg))
        keyboard = [(button,) for button in buttons]
        keyboard.append((turn.menu_button(turn.label("form.back"), "meeting_actions", meeting.id),))
        turn.say(turn.t("action.choose_priority"), tuple(keyboard), edit=True)

    async def _topic(self, turn: Turn, arg: str) -> tuple[Meeting, agenda.Agenda, str] | None:
        """The meeting and the problem that `<meeting id>_<topic position>` name."""
        if (meeting := await self._after_intake(turn, arg)) is None:
            return None
        current = await agenda.load(turn.conn, meeting, self.problems)
        topics = self.problems.topics(g.problem for g in current.groups)
        position = arg.partition("_")[2]
        if not position.isdigit() or int(position) >= len(topics):
            turn.say(turn.t("access.refused"))
            return None
        return meeting, current, topics[int(position)]

    async def add_priority(self, turn: Turn, arg: str) -> None:
        if (found := await self._topic(turn, arg)) is None:
            return
        meeting, _current, problem = found
        await actions.add_priority(turn.conn, meeting.id, problem, turn.now)
        await self.overview(turn, str(meeting.id))

    async def new(self, turn: Turn, arg: str) -> None:
        if (found := await self._topic(turn, arg)) is None:
            return
        meeting, current, problem = found
        if problem not in {p.problem for p in await actions.priorities(turn.conn, meeting.id)}:
            turn.say(turn.t("action.not_a_priority"))
            return
        group = current.group_of(problem)
        items = list(group.items) if group else []
        choices = [
            {
                "id": str(item.concern.id),
                "label": turn.label(
                    "action.concern_choice",
                    number=item.number,
                    text=_short(item.concern.description, 40),
                ),
            }
            for item in items
        ]
        context = {
            "meeting_id": meeting.id,
            "problem": problem,
            "problem_label": self.problems.label(turn.texts, problem),
            "concerns": choices,
        }
        # Every concern of the priority is chosen at first: the officer takes out the odd one.
        defaults = {"concerns": [choice["id"] for choice in choices]}
        await self.recorder.start(turn, context, defaults, at_summary=False)

    async def save(self, turn: Turn, form: Form, values: dict[str, Any]) -> None:
        assert turn.state is not None
        context = turn.state.data["context"]
        meeting = await self._after_intake(turn, str(context["meeting_id"]))
        if meeting is None:
            return
        mine = {c.id for c in await concerns.list_for_meeting(turn.conn, meeting.id)}
        action = await actions.add(
            turn.conn,
            NewAction(
                meeting_id=meeting.id,
                problem=context["problem"],
                what=values["what"],
                partner=form.answer_label("partner", values, context),
                effect=values["effect"],
                feasibility=values["feasibility"],
                due_on=date.fromisoformat(values["due_on"]) if values.get("due_on") else None,
                concern_ids=[int(c) for c in values.get("concerns") or [] if int(c) in mine],
            ),
            turn.person.id,
            turn.now,
        )
        log.info("action %s recorded for meeting %s", action.id, meeting.id)
        turn.say(
            turn.t("action.saved", what=action.what),
            (
                (turn.menu_button(turn.label("action.open_button"), "action", action.id),),
                (
                    turn.menu_button(
                        turn.label("action.back_button"), "meeting_actions", meeting.id
                    ),
                ),
            ),
            edit=True,
        )

    async def _own_action(self, turn: Turn, arg: str) -> tuple[Action, Meeting] | None:
        action_id = arg.partition("_")[0]
        action = await actions.get(turn.conn, int(action_id)) if action_id.isdigit() else None
        if action is None:
            turn.say(turn.t("access.refused"))
            return None
        meeting = await own_meeting(turn, str(action.meeting_id))
        return None if meeting is None else (action, meeting)

    async def card(self, turn: Turn, arg: str) -> None:
        if (found := await self._own_action(turn, arg)) is None:
            return
        await self._card(turn, *found)

    async def _card(
        self, turn: Turn, action: Action, meeting: Meeting, note: Html | None = None
    ) -> None:
        current = await agenda.load(turn.conn, meeting, self.problems)
        numbers = [f"#{i.number}" for c in action.concern_ids if (i := current.item(c))]
        followers = await concerns.followers(turn.conn, action.concern_ids)
        lines: list[str] = [
            turn.t(
                "action.card",
                what=action.what,
                problem=self.problems.label(turn.texts, action.problem),
                title=title(turn.texts, meeting),
            ),
            self._line(turn, action),
            turn.texts.tn(
                "action.answers",
                len(numbers),
                numbers=", ".join(numbers) or "-",
                followers=turn.texts.plain_n("action.followers", len(followers)),
            ),
        ]
        if note is not None:
            lines += ["", note]
        keyboard = []
        for status in ActionStatus:
            key = "form.toggle_on" if status is action.status else "form.toggle_off"
            label = turn.label(key, label=turn.label(ACTION_STATUS[status]))
            keyboard.append(turn.menu_button(label, "action_status", f"{action.id}_{status.value}"))
        back = turn.menu_button(turn.label("action.back_button"), "meeting_actions", meeting.id)
        turn.say(Html("\n".join(lines)), (*rows(keyboard, 2), (back,)), edit=True)

    async def set_status(self, turn: Turn, arg: str) -> None:
        if (found := await self._own_action(turn, arg)) is None:
            return
        action, meeting = found
        value = arg.partition("_")[2]
        if value not in set(ActionStatus):
            turn.say(turn.t("access.refused"))
            return
        status = ActionStatus(value)
        if not await actions.set_status(turn.conn, action.id, status, turn.now):
            turn.notice(turn.label("action.status_same"))
            return
        told = await self._tell_followers(turn, meeting, action, status)
        log.info("action %s is now %s; %s resident(s) told", action.id, status, told)
        changed = action.model_copy(update={"status": status})
        note = turn.texts.tn("action.status_told", told, status=turn.t(ACTION_STATUS[status]))
        await self._card(turn, changed, meeting, note)

    async def _tell_followers(
        self, turn: Turn, meeting: Meeting, action: Action, status: ActionStatus
    ) -> int:
        values = {
            "problem": self.problems.label(turn.texts, action.problem),
            "title": title(turn.texts, meeting),
            "date": turn.texts.date(meeting.starts_at),
            "what": action.what,
            "status": turn.t(ACTION_STATUS[status]),
        }
        # Whoever wrote one of the concerns hears of "your" concern; a supporter of one he
        # recognised.
        own = turn.t("action.update", **values)
        recognised = turn.t("action.update_supported", **values)
        authors = await concerns.authors(turn.conn, action.concern_ids)
        told = 0
        for person_id in await concerns.followers(turn.conn, action.concern_ids):
            person = await people.get(turn.conn, person_id)
            if person is not None and person.telegram_id is not None:
                message = own if person_id in authors else recognised
                turn.tell(Message(message, to=person.telegram_id), cause="action.status")
                told += 1
        return told
