"""Recognising others' concerns ("ik herken dit ook"): a resident sees the other concerns of a
meeting by problem, as their text only, never who wrote them, and adds his voice to one.
"""

from __future__ import annotations

import logging

from dialogs.buurtgesprek import agenda
from dialogs.buurtgesprek.meeting_code import CODE, open_meeting
from dialogs.engine.engine import Engine
from dialogs.engine.replies import Choice
from dialogs.engine.texts import Html
from dialogs.engine.turn import Turn
from dialogs.forms.view import rows
from dialogs.sectorscan.problem_list import Problems
from storage import concerns, meetings
from storage.meetings import Meeting

log = logging.getLogger(__name__)

PAGE = 8  # others' concerns per message
SHORT = 300  # others' texts are cut to this in lists; the officer reads them whole


class Support:
    def __init__(self, engine: Engine, problems: Problems) -> None:
        self.problems = problems
        engine.add_command("concern_topics", self.topics)
        engine.add_command("concern_topic", self.topic)
        engine.add_command("concern_support", self.support)
        engine.add_command("concern_follow", self.follow)

    async def _agenda(self, turn: Turn, meeting: Meeting) -> agenda.Agenda:
        return await agenda.load(turn.conn, meeting, self.problems)

    async def topics(self, turn: Turn, code: str) -> None:
        if (meeting := await open_meeting(turn, code)) is None:
            return
        current = await self._agenda(turn, meeting)
        topics = self.problems.topics(g.problem for g in current.groups)
        keyboard = [
            (
                turn.menu_button(
                    turn.label(
                        "intake.topic_button",
                        problem=self.problems.label(turn.texts, group.problem),
                        count=len(group.items),
                    ),
                    "concern_topic",
                    f"{meeting.code}_{topics.index(group.problem)}",
                ),
            )
            for group in current.groups
        ]
        keyboard.append(
            (turn.menu_button(turn.label("form.back"), "concern_meeting", meeting.code),)
        )
        turn.say(turn.t("intake.topics"), tuple(keyboard), edit=True)

    async def topic(self, turn: Turn, arg: str) -> None:
        code, _, rest = arg.partition("_")
        position, _, page = rest.partition("_")
        if (meeting := await open_meeting(turn, code)) is None:
            return
        current = await self._agenda(turn, meeting)
        topics = self.problems.topics(g.problem for g in current.groups)
        if not position.isdigit() or int(position) >= len(topics):
            turn.say(turn.t("access.refused"))
            return
        number = int(page) if page.isdigit() else 0
        await self.others(turn, meeting, topics[int(position)], number, edit=True)

    async def others(
        self,
        turn: Turn,
        meeting: Meeting,
        problem: str,
        page: int,
        *,
        edit: bool,
        after_own: bool = False,
    ) -> None:
        """Others' concerns on one problem, each with "ik herken dit" unless already so."""
        current = await self._agenda(turn, meeting)
        group = current.group_of(problem)
        me = turn.person.id
        supported = {s.concern_id for s in await concerns.supports_by_person(turn.conn, me)}
        items = list(group.items) if group else []
        others = [i for i in items if not _own(i, me)]
        label = self.problems.label(turn.texts, problem)
        back = turn.menu_button(
            turn.label("intake.back_to_meeting"), "concern_meeting", meeting.code
        )
        if after_own and not others:
            more = turn.menu_button(
                turn.label("intake.another_button"), "concern_new", meeting.code
            )
            turn.say(turn.t("intake.no_others", problem=label), ((more,), (back,)))
            return
        shown = items[page * PAGE : (page + 1) * PAGE]
        if after_own:
            lines = [turn.t("intake.others_after", problem=label), ""]
        else:
            lines = [turn.t("intake.others_title", problem=label), ""]
        buttons: list[Choice] = []
        for number, item in enumerate(shown, start=page * PAGE + 1):
            text = item.concern.description
            if text is None:
                text = turn.label("agenda.erased")
            elif len(text) > SHORT:
                text = text[:SHORT] + "…"
            if _own(item, me):
                mark = turn.t("intake.mark_own")
            elif any(one.concern.id in supported for one in (item, *item.merged)):
                mark = turn.t("intake.mark_supported")
            else:
                mark = Html("")
                buttons.append(
                    turn.menu_button(
                        turn.label("intake.support_button", number=number),
                        "concern_support",
                        f"{meeting.code}_{item.concern.id}",
                    )
                )
            lines.append(
                turn.t("intake.other_line", number=number, text=text, voices=item.voices, mark=mark)
            )
        lines += ["", turn.t("intake.support_hint")]
        keyboard = rows(buttons, 2)
        if len(items) > (page + 1) * PAGE:
            topics = self.problems.topics(g.problem for g in current.groups)
            arg = f"{meeting.code}_{topics.index(problem)}_{page + 1}"
            keyboard.append(
                (turn.menu_button(turn.label("intake.more_button"), "concern_topic", arg),)
            )
        keyboard.append((back,))
        turn.say(Html("\n".join(lines)), tuple(keyboard), edit=edit)

    async def support(self, turn: Turn, arg: str) -> None:
        code, _, concern_id = arg.partition("_")
        if (meeting := await open_meeting(turn, code)) is None:
            return
        concern = await concerns.get(turn.conn, int(concern_id)) if concern_id.isdigit() else None
        if concern is not None and concern.merged_into is not None:
            concern = await concerns.get(turn.conn, concern.merged_into)
        if concern is None or concern.meeting_id != meeting.id:
            log.info("refused support %r to person %s", arg, turn.person.id)
            turn.say(turn.t("access.refused"))
            return
        if concern.author_id == turn.person.id:
            turn.notice(turn.label("intake.own_concern"))
            turn.say(turn.t("intake.own_concern"))
            return
        if not await concerns.support(turn.conn, concern.id, turn.person.id, turn.now):
            turn.notice(turn.label("intake.already_supported"))
            turn.say(turn.t("intake.already_supported"))
            return
        turn.notice(turn.label("intake.supported_notice"))
        await self.others(turn, meeting, concern.problem, 0, edit=True)
        arg_yes, arg_no = f"{meeting.code}_{concern.id}_1", f"{meeting.code}_{concern.id}_0"
        turn.say(
            turn.t("intake.supported"),
            (
                (
                    turn.menu_button(turn.label("intake.follow_yes"), "concern_follow", arg_yes),
                    turn.menu_button(turn.label("intake.follow_no"), "concern_follow", arg_no),
                ),
            ),
        )

    async def follow(self, turn: Turn, arg: str) -> None:
        code, concern_id, choice = [*arg.split("_"), "", ""][:3]
        meeting = await meetings.by_code(turn.conn, code) if CODE.match(code) else None
        concern = await concerns.get(turn.conn, int(concern_id)) if concern_id.isdigit() else None
        keep = choice == "1"
        if (
            meeting is None
            or concern is None
            or concern.meeting_id != meeting.id
            or not await concerns.follow_support(turn.conn, concern.id, turn.person.id, keep)
        ):
            turn.say(turn.t("access.refused"))
            return
        if keep:
            turn.say(turn.t("intake.following"), edit=True)
        else:
            turn.say(turn.t("intake.not_following"), edit=True)


def _own(item: agenda.Item, person_id: int) -> bool:
    return any(one.concern.author_id == person_id for one in (item, *item.merged))
