"""A resident's own concerns: /mijnmeldingen, with what was done, and withdrawing one.

Only the author sees a concern here; a concern id of someone else gets the same refusal as
one that does not exist. Withdrawing removes the concern, and is possible until the intake
of its meeting closes.
"""

from __future__ import annotations

import logging

from dialogs.buurtgesprek import agenda, meeting_text
from dialogs.buurtgesprek.meeting_text import ACTION_STATUS, title
from dialogs.engine.engine import Engine
from dialogs.engine.replies import Choice
from dialogs.engine.texts import Html
from dialogs.engine.turn import Turn
from dialogs.forms.view import rows
from dialogs.sectorscan.problem_list import Problems
from storage import actions, concerns, meetings
from storage.concerns import Concern
from storage.meetings import Meeting, MeetingStatus

log = logging.getLogger(__name__)

SHOWN = 10  # own concerns listed, newest first
SHORT = 300  # a concern's text is cut to this in the list


class MyConcerns:
    def __init__(self, engine: Engine, problems: Problems) -> None:
        self.problems = problems
        engine.add_command("mijnmeldingen", self.mine)
        engine.add_command("concern_withdraw", self.withdraw)
        engine.add_command("concern_withdraw_yes", self.withdraw_yes)

    async def mine(self, turn: Turn, _arg: str) -> None:
        own = await concerns.list_by_author(turn.conn, turn.person.id)
        supported = await concerns.supports_by_person(turn.conn, turn.person.id)
        if not own:
            lines: list[str] = [turn.t("mine.none")]
            if supported:
                lines.append(turn.texts.tn("mine.supported", len(supported)))
            turn.say(Html("\n".join(lines)))
            return
        lines = [turn.t("mine.title")]
        keyboard: list[Choice] = []
        cache: dict[int, tuple[Meeting, agenda.Agenda]] = {}
        for number, concern in enumerate(own[:SHOWN], start=1):
            if concern.meeting_id not in cache:
                meeting = await meetings.get(turn.conn, concern.meeting_id)
                assert meeting is not None
                cache[concern.meeting_id] = (
                    meeting,
                    await agenda.load(turn.conn, meeting, self.problems),
                )
            meeting, current = cache[concern.meeting_id]
            lines.append("")
            lines += await self._mine_lines(turn, number, concern, meeting, current)
            if meeting.intake_open(turn.now):
                label = turn.label("mine.withdraw_button", number=number)
                keyboard.append(turn.menu_button(label, "concern_withdraw", concern.id))
        if len(own) > SHOWN:
            lines += ["", turn.texts.tn("mine.more", len(own) - SHOWN)]
        if supported:
            lines += ["", turn.texts.tn("mine.supported", len(supported))]
        turn.say(Html("\n".join(lines)), tuple(rows(keyboard, 2)), edit=True)

    async def _mine_lines(
        self, turn: Turn, number: int, concern: Concern, meeting: Meeting, current: agenda.Agenda
    ) -> list[str]:
        text = concern.description or turn.label("agenda.erased")
        item = current.item(concern.merged_into or concern.id)
        lines: list[str] = [
            turn.t(
                "mine.line",
                number=number,
                problem=self.problems.label(turn.texts, concern.problem),
                title=title(turn.texts, meeting),
                when=meeting_text.when(turn.texts, meeting),
                text=text if len(text) <= SHORT else text[:SHORT] + "…",
            ),
            turn.texts.tn("mine.voices", item.voices if item else 1),
        ]
        if concern.merged_into is not None:
            lines.append(turn.t("mine.merged"))
        if concern.keep_informed:
            lines.append(turn.t("mine.informed"))
        if meeting.status is MeetingStatus.CANCELLED:
            lines.append(turn.t("mine.cancelled"))
        answered = [concern.id] + ([concern.merged_into] if concern.merged_into else [])
        for action in await actions.list_for_concerns(turn.conn, answered):
            lines.append(
                turn.t("mine.action", what=action.what, status=turn.t(ACTION_STATUS[action.status]))
            )
        return lines

    async def _own_concern(self, turn: Turn, arg: str) -> tuple[Concern, Meeting] | None:
        concern = await concerns.get(turn.conn, int(arg)) if arg.isdigit() else None
        meeting = await meetings.get(turn.conn, concern.meeting_id) if concern else None
        if concern is None or meeting is None or concern.author_id != turn.person.id:
            log.info("refused concern %r to person %s", arg, turn.person.id)
            turn.say(turn.t("access.refused"))
            return None
        if not meeting.intake_open(turn.now):
            turn.say(
                turn.t(
                    "mine.too_late",
                    until=meeting_text.deadline(turn.texts, meeting.intake_until),
                )
            )
            return None
        return concern, meeting

    async def withdraw(self, turn: Turn, arg: str) -> None:
        if (found := await self._own_concern(turn, arg)) is None:
            return
        concern, _meeting = found
        text = concern.description or ""
        turn.say(
            turn.t(
                "mine.withdraw_confirm",
                problem=self.problems.label(turn.texts, concern.problem),
                text=text if len(text) <= SHORT else text[:SHORT] + "…",
            ),
            (
                (
                    turn.menu_button(
                        turn.label("mine.withdraw_yes"), "concern_withdraw_yes", concern.id
                    ),
                    turn.menu_button(turn.label("form.stop_no"), "mijnmeldingen"),
                ),
            ),
            edit=True,
        )

    async def withdraw_yes(self, turn: Turn, arg: str) -> None:
        if (found := await self._own_concern(turn, arg)) is None:
            return
        concern, _meeting = found
        await concerns.withdraw(turn.conn, concern.id)
        log.info("concern %s withdrawn by its author", concern.id)
        turn.say(
            turn.t("mine.withdrawn", problem=self.problems.label(turn.texts, concern.problem)),
            ((turn.menu_button(turn.label("intake.mine_button"), "mijnmeldingen"),),),
            edit=True,
        )
