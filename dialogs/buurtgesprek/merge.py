"""Duplicate concerns: the officer merges two, and their residents add up on the agenda.

Nothing is merged without the officer: concerns that look alike are shown side by side and
he picks. A merge keeps every text and can be undone (split).
"""

from __future__ import annotations

import logging

from dialogs.buurtgesprek import agenda
from dialogs.buurtgesprek.meeting_text import STATUS
from dialogs.buurtgesprek.meetings import own_meeting
from dialogs.engine.engine import Engine
from dialogs.engine.replies import Choice
from dialogs.engine.texts import Html
from dialogs.engine.turn import Turn
from dialogs.forms.view import rows
from dialogs.sectorscan.problem_list import Problems
from storage import audit, concerns
from storage.concerns import Concern
from storage.meetings import Meeting, MeetingStatus

log = logging.getLogger(__name__)

SHORT = 120  # a concern's text in the officer's lists; the agenda has it whole


def _short(text: str | None, limit: int = SHORT) -> str:
    text = text or ""
    return text if len(text) <= limit else text[:limit] + "…"


class MergeFlows:
    def __init__(self, engine: Engine, problems: Problems) -> None:
        self.problems = problems
        engine.add_command("concern_merge", self.merge_menu)
        engine.add_command("concern_merge_pick", self.merge_pick)
        engine.add_command("concern_merge_into", self.merge_into)
        engine.add_command("concern_unmerge", self.unmerge)

    async def _mergeable(self, turn: Turn, arg: str) -> Meeting | None:
        if (meeting := await own_meeting(turn, arg)) is None:
            return None
        if meeting.status is not MeetingStatus.PLANNED:
            turn.say(turn.t("meeting.not_planned", status=turn.t(STATUS[meeting.status])))
            return None
        return meeting

    async def merge_menu(self, turn: Turn, arg: str) -> None:
        """`<meeting id>`: the problems with more than one concern; `_<topic>`: that group."""
        if (meeting := await self._mergeable(turn, arg)) is None:
            return
        current = await agenda.load(turn.conn, meeting, self.problems)
        topics = self.problems.topics(g.problem for g in current.groups)
        position = arg.partition("_")[2]
        if position.isdigit() and int(position) < len(topics):
            await self._merge_group(turn, meeting, current, topics[int(position)])
            return
        groups = [g for g in current.groups if g.concerns > 1]
        keyboard = [
            (
                turn.menu_button(
                    turn.label(
                        "merge.group_button",
                        problem=self.problems.label(turn.texts, g.problem),
                        count=g.concerns,
                    ),
                    "concern_merge",
                    f"{meeting.id}_{topics.index(g.problem)}",
                ),
            )
            for g in groups
        ]
        keyboard.append(
            (turn.menu_button(turn.label("meeting.open_button"), "meeting", meeting.id),)
        )
        if groups:
            turn.say(turn.t("merge.choose_group"), tuple(keyboard), edit=True)
        else:
            turn.say(turn.t("merge.nothing"), tuple(keyboard), edit=True)

    async def _merge_group(
        self, turn: Turn, meeting: Meeting, current: agenda.Agenda, problem: str
    ) -> None:
        group = current.group_of(problem)
        label = self.problems.label(turn.texts, problem)
        await audit.record(
            turn.conn, turn.person.id, "meeting.concerns", turn.now, "meeting", meeting.id
        )
        lines = [turn.t("merge.group_title", problem=label), ""]
        picks: list[Choice] = []
        splits: list[Choice] = []
        for item in group.items if group else ():
            lines.append(
                turn.t(
                    "merge.line",
                    number=item.number,
                    text=_short(item.concern.description),
                    voices=item.voices,
                )
            )
            picks.append(
                turn.menu_button(
                    turn.label("merge.pick_button", number=item.number),
                    "concern_merge_pick",
                    item.concern.id,
                )
            )
            for child in item.merged:
                lines.append(
                    turn.t(
                        "merge.merged_line",
                        number=child.number,
                        text=_short(child.concern.description),
                    )
                )
                splits.append(
                    turn.menu_button(
                        turn.label("merge.split_button", number=child.number),
                        "concern_unmerge",
                        child.concern.id,
                    )
                )
        lines += ["", turn.t("merge.hint")]
        back = turn.menu_button(turn.label("form.back"), "concern_merge", meeting.id)
        turn.say(Html("\n".join(lines)), (*rows(picks, 4), *rows(splits, 2), (back,)), edit=True)

    async def _own_concern(self, turn: Turn, arg: str) -> tuple[Concern, Meeting] | None:
        concern = await concerns.get(turn.conn, int(arg)) if arg.isdigit() else None
        if concern is None:
            turn.say(turn.t("access.refused"))
            return None
        meeting = await self._mergeable(turn, str(concern.meeting_id))
        return None if meeting is None else (concern, meeting)

    async def merge_pick(self, turn: Turn, arg: str) -> None:
        if (found := await self._own_concern(turn, arg)) is None:
            return
        concern, meeting = found
        current = await agenda.load(turn.conn, meeting, self.problems)
        group = current.group_of(concern.problem)
        picked = current.item(concern.id)
        if group is None or picked is None:
            turn.say(turn.t("access.refused"))
            return
        targets = [
            turn.menu_button(
                turn.label("merge.into_button", number=item.number),
                "concern_merge_into",
                f"{concern.id}_{item.concern.id}",
            )
            for item in group.items
            if item.concern.id != concern.id
        ]
        topics = self.problems.topics(g.problem for g in current.groups)
        back = turn.menu_button(
            turn.label("form.back"),
            "concern_merge",
            f"{meeting.id}_{topics.index(concern.problem)}",
        )
        turn.say(
            turn.t("merge.choose_target", number=picked.number, text=_short(concern.description)),
            (*rows(targets, 4), (back,)),
            edit=True,
        )

    async def merge_into(self, turn: Turn, arg: str) -> None:
        first, _, second = arg.partition("_")
        if (found := await self._own_concern(turn, first)) is None:
            return
        concern, meeting = found
        target = await concerns.get(turn.conn, int(second)) if second.isdigit() else None
        if (
            target is None
            or target.meeting_id != meeting.id
            or target.id == concern.id
            or target.merged_into is not None
        ):
            turn.say(turn.t("access.refused"))
            return
        await concerns.merge(turn.conn, concern.id, target.id, turn.now)
        log.info("concern %s merged into %s", concern.id, target.id)
        current = await agenda.load(turn.conn, meeting, self.problems)
        item = current.item(target.id)
        turn.notice(turn.texts.plain_n("merge.done", item.voices if item else 0))
        await self._merge_group(turn, meeting, current, target.problem)

    async def unmerge(self, turn: Turn, arg: str) -> None:
        if (found := await self._own_concern(turn, arg)) is None:
            return
        concern, meeting = found
        if concern.merged_into is not None:
            await concerns.unmerge(turn.conn, concern.id, turn.now)
            turn.notice(turn.label("merge.split"))
        current = await agenda.load(turn.conn, meeting, self.problems)
        await self._merge_group(turn, meeting, current, concern.problem)
