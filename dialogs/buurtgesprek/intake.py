"""Residents and a meeting: open its link and submit concerns. Recognising others' concerns
is in support.py, seeing one's own in my_concerns.py.

A resident reaches a meeting only through its code (the link or the QR code); buttons carry
that code, so a forged button cannot reach a meeting whose link one never had. Other
residents' concerns show as their text only, never who wrote them.
"""

from __future__ import annotations

import logging
from typing import Any

from dialogs.buurtgesprek import agenda, meeting_text
from dialogs.buurtgesprek.meeting_code import closed, open_meeting
from dialogs.buurtgesprek.meeting_text import title
from dialogs.buurtgesprek.support import Support
from dialogs.engine.engine import Engine
from dialogs.engine.texts import Html
from dialogs.engine.turn import Turn
from dialogs.forms.model import Form
from dialogs.forms.runner import SUMMARY, FormFlow
from dialogs.sectorscan.problem_list import Problems
from storage import concerns, meetings
from storage.concerns import NewConcern
from storage.meetings import Meeting

log = logging.getLogger(__name__)

FLOW = "concern"


class IntakeForm(FormFlow):
    """The concern form, which refuses to send once the meeting's intake has closed."""

    async def on_button(self, turn: Turn, action: str, arg: str) -> None:
        assert turn.state is not None
        data = turn.state.data
        sending = action == "ok" and turn.state.step == SUMMARY
        if sending and not data.get("paused") and not data.get("stopping"):
            meeting = await meetings.get(turn.conn, data["context"]["meeting_id"])
            if meeting is None or not meeting.intake_open(turn.now):
                turn.end()
                turn.say(closed(turn, meeting), edit=True)
                return
        await super().on_button(turn, action, arg)


class Intake:
    def __init__(self, engine: Engine, form: Form, problems: Problems) -> None:
        self.problems = problems
        self.support = Support(engine, problems)
        self.flow = IntakeForm(FLOW, form, self.save)
        engine.add_flow(self.flow)
        engine.add_start_link("bg", self.open_link)
        engine.add_command("concern_meeting", self.open_link)
        engine.add_command("concern_new", self.new)

    async def _agenda(self, turn: Turn, meeting: Meeting) -> agenda.Agenda:
        return await agenda.load(turn.conn, meeting, self.problems)

    # -- the link --------------------------------------------------------------------------
    async def open_link(self, turn: Turn, code: str) -> None:
        if (meeting := await open_meeting(turn, code.strip())) is None:
            return
        current = await self._agenda(turn, meeting)
        lines = [
            meeting_text.card(turn.texts, meeting),
            turn.t(
                "intake.deadline", until=meeting_text.deadline(turn.texts, meeting.intake_until)
            ),
            "",
            turn.t("intake.invitation"),
            "",
            turn.t("emergency.notice"),
        ]
        keyboard = [
            (turn.menu_button(turn.label("intake.new_button"), "concern_new", meeting.code),)
        ]
        if current.groups:
            keyboard.append(
                (
                    turn.menu_button(
                        turn.label("intake.others_button"), "concern_topics", meeting.code
                    ),
                )
            )
        keyboard.append((turn.menu_button(turn.label("intake.mine_button"), "mijnmeldingen"),))
        turn.say(Html("\n".join(lines)), tuple(keyboard), edit=True)

    async def new(self, turn: Turn, code: str) -> None:
        if (meeting := await open_meeting(turn, code)) is None:
            return
        state = turn.state
        if (
            state is not None
            and state.flow == FLOW
            and state.data.get("context", {}).get("meeting_id") == meeting.id
        ):
            await self.flow.offer_resume(turn)
            return
        context = {
            "meeting_id": meeting.id,
            "code": meeting.code,
            "problemen": self.problems.items(turn.texts),
        }
        await self.flow.start(turn, context)

    async def save(self, turn: Turn, form: Form, answers: dict[str, Any]) -> None:
        assert turn.state is not None
        context = turn.state.data["context"]
        place = answers.get("waar") or {}
        concern = await concerns.add(
            turn.conn,
            NewConcern(
                meeting_id=context["meeting_id"],
                author_id=turn.person.id,
                problem=answers["probleem"],
                description=answers["beschrijving"],
                place=place.get("place"),
                latitude=place.get("latitude"),
                longitude=place.get("longitude"),
                photo_file_id=answers.get("foto"),
                solution=answers.get("oplossing"),
                keep_informed=bool(answers.get("op_de_hoogte")),
                contactable=bool(answers.get("contacteren")),
            ),
            turn.now,
        )
        log.info("concern %s submitted for meeting %s", concern.id, concern.meeting_id)
        meeting = await meetings.get(turn.conn, concern.meeting_id)
        assert meeting is not None
        turn.say(
            turn.t(
                "intake.submitted",
                title=title(turn.texts, meeting),
                when=meeting_text.when(turn.texts, meeting),
                place=meeting.place,
            )
        )
        await self.support.others(turn, meeting, concern.problem, 0, edit=False, after_own=True)
