"""Planning a buurtgesprek, and changing one: kind, moment, place, wijk, theme, intake end.

Residents who submitted or supported a concern hear of a new date or place; a new date
also means a new day-before reminder.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from dialogs.buurtgesprek import meeting_text
from dialogs.buurtgesprek.meeting_text import DEADLINE_DAYS, STATUS, title
from dialogs.buurtgesprek.meetings import own_meeting, send_link, tell_involved
from dialogs.engine.engine import Engine
from dialogs.engine.texts import N_
from dialogs.engine.turn import Turn
from dialogs.forms.model import Form, FormError
from dialogs.forms.runner import FormFlow
from storage import meetings
from storage.meetings import MeetingKind, MeetingStatus, NewMeeting

log = logging.getLogger(__name__)

FLOW = "meeting_plan"
FORM = "meeting"
OWN_AREA = "own"  # the option that stands for the officer's own wijk


def check_form(form: Form) -> None:
    """The kinds and deadlines on the buttons are those the code knows, or start-up stops."""
    kinds = {o.id for o in form.question("kind").options}
    deadlines = {o.id for o in form.question("deadline").options}
    if kinds != set(MeetingKind) or deadlines != {str(days) for days in DEADLINE_DAYS}:
        raise FormError(f"{FORM}.toml: kind or deadline options do not fit the meeting")


def check_deadline(
    turn: Turn, answers: dict[str, Any], context: dict[str, Any]
) -> tuple[str, str] | None:
    """A new plan whose intake would already be closed is not saved: another deadline first.

    A change may keep a closed intake (a new place after the agenda is made); it is warned.
    """
    if "meeting_id" in context:
        return None
    starts_at = datetime.fromisoformat(answers["starts_at"])
    until = meeting_text.intake_until(starts_at, int(answers["deadline"]), turn.texts)
    if until > turn.now:
        return None
    when = meeting_text.deadline(turn.texts, until)
    return turn.t("meeting.deadline_already_past", until=when), "deadline"


class MeetingPlanner:
    def __init__(self, engine: Engine, form: Form) -> None:
        check_form(form)
        self.planner = FormFlow(FLOW, form, self.save, check_deadline)
        engine.add_flow(self.planner)
        engine.add_command("meeting_plan", self.plan)
        engine.add_command("meeting_edit", self.edit)

    def _context(self, turn: Turn, meeting_id: int | None = None) -> dict[str, Any]:
        area = turn.person.area
        context: dict[str, Any] = {"areas": [{"id": OWN_AREA, "label": area}] if area else []}
        if meeting_id is not None:
            context["meeting_id"] = meeting_id
        return context

    async def plan(self, turn: Turn, _arg: str) -> None:
        await self.planner.start(turn, self._context(turn))

    async def edit(self, turn: Turn, arg: str) -> None:
        if (meeting := await own_meeting(turn, arg)) is None:
            return
        if meeting.status is not MeetingStatus.PLANNED:
            turn.say(turn.t("meeting.not_planned", status=turn.t(STATUS[meeting.status])))
            return
        answers = {
            "kind": meeting.kind.value,
            "starts_at": turn.texts.local(meeting.starts_at).isoformat(),
            "place": meeting.place,
            "area": OWN_AREA if meeting.area == turn.person.area else meeting.area,
            "theme": meeting.theme,
            "deadline": str(meeting_text.deadline_days(meeting, turn.texts)),
        }
        await self.planner.start(turn, self._context(turn, meeting.id), answers)

    async def save(self, turn: Turn, form: Form, answers: dict[str, Any]) -> None:
        assert turn.state is not None
        context = turn.state.data["context"]
        starts_at = datetime.fromisoformat(answers["starts_at"])
        new = NewMeeting(
            kind=MeetingKind(answers["kind"]),
            starts_at=starts_at,
            place=answers["place"],
            area=form.answer_label("area", answers, context) or "",
            theme=answers.get("theme"),
            intake_until=meeting_text.intake_until(starts_at, int(answers["deadline"]), turn.texts),
        )
        meeting_id = context.get("meeting_id")
        if meeting_id is None:
            meeting = await meetings.add(turn.conn, turn.person.id, new, turn.now)
            log.info("meeting %s planned by person %s", meeting.id, turn.person.id)
            turn.say(turn.t("meeting.planned", title=title(turn.texts, meeting)), edit=True)
            await send_link(turn, meeting)
        else:
            before = await own_meeting(turn, str(meeting_id))
            if before is None:
                return
            if before.status is not MeetingStatus.PLANNED:
                turn.say(turn.t("meeting.not_planned", status=turn.t(STATUS[before.status])))
                return
            meeting = await meetings.update(turn.conn, before.id, new, turn.now)
            changed = turn.t("meeting.changed_quiet", title=title(turn.texts, meeting))
            if (before.starts_at, before.place) != (meeting.starts_at, meeting.place):
                told = await tell_involved(
                    turn, meeting, N_("meeting.changed_notice"), "meeting.changed"
                )
                changed = turn.texts.tn("meeting.changed", told, title=title(turn.texts, meeting))
            turn.say(
                changed,
                ((turn.menu_button(turn.label("meeting.open_button"), "meeting", meeting.id),),),
                edit=True,
            )
        if not meeting.intake_open(turn.now):
            turn.say(turn.t("meeting.deadline_passed"))
