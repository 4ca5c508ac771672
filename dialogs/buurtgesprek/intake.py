"""Residents and a meeting: open its link, submit concerns, recognise others', see their own.

A resident reaches a meeting only through its code (the link or the QR code); buttons carry
that code, so a forged button cannot reach a meeting whose link one never had. Other
residents' concerns show as their text only, never who wrote them.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from dialogs.buurtgesprek import agenda, meeting_text
from dialogs.buurtgesprek.meeting_text import title
from dialogs.engine.engine import Engine
from dialogs.engine.replies import Choice
from dialogs.engine.texts import Html
from dialogs.engine.turn import Turn
from dialogs.forms.model import Form
from dialogs.forms.runner import SUMMARY, FormFlow
from dialogs.forms.view import rows
from dialogs.people import guesses
from dialogs.sectorscan.problem_list import Problems
from storage import concerns, meetings
from storage.concerns import NewConcern
from storage.meetings import Meeting, MeetingStatus

log = logging.getLogger(__name__)

FLOW = "concern"
PAGE = 8  # others' concerns per message
SHORT = 300  # others' texts are cut to this in lists; the officer reads them whole
_CODE = re.compile(r"^[a-z0-9]{8,32}$")


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
                turn.say(_closed(turn, meeting), edit=True)
                return
        await super().on_button(turn, action, arg)


def _closed(turn: Turn, meeting: Meeting | None) -> Html:
    """Why a meeting takes no concerns (any more)."""
    if meeting is None:
        return turn.t("intake.unknown")
    values = {
        "title": title(turn.texts, meeting),
        "when": meeting_text.when(turn.texts, meeting),
        "place": meeting.place,
    }
    if meeting.status is MeetingStatus.CANCELLED:
        return turn.t("intake.cancelled", **values)
    return turn.t(
        "intake.closed",
        until=meeting_text.deadline(turn.texts, meeting.intake_until),
        **values,
    )


class Intake:
    def __init__(self, engine: Engine, form: Form, problems: Problems) -> None:
        self.problems = problems
        self.flow = IntakeForm(FLOW, form, self.save)
        engine.add_flow(self.flow)
        engine.add_start_link("bg", self.open_link)
        engine.add_command("concern_meeting", self.open_link)
        engine.add_command("concern_new", self.new)
        engine.add_command("concern_topics", self.topics)
        engine.add_command("concern_topic", self.topic)
        engine.add_command("concern_support", self.support)
        engine.add_command("concern_follow", self.follow)

    async def _open(self, turn: Turn, code: str) -> Meeting | None:
        """The meeting of a code while it takes concerns; otherwise say why not.

        A code comes from a link or is typed after a command; either way a wrong one counts
        towards the limit on guesses, as a wrong invite does.
        """
        if await guesses.refused(turn):
            return None
        meeting = await meetings.by_code(turn.conn, code) if _CODE.match(code) else None
        if meeting is None or not meeting.intake_open(turn.now):
            if meeting is None:
                log.info("unknown meeting code opened by person %s", turn.person.id)
                await guesses.missed(turn)
            turn.say(_closed(turn, meeting))
            return None
        return meeting

    async def _agenda(self, turn: Turn, meeting: Meeting) -> agenda.Agenda:
        return await agenda.load(turn.conn, meeting, self.problems)

    # -- the link --------------------------------------------------------------------------
    async def open_link(self, turn: Turn, code: str) -> None:
        if (meeting := await self._open(turn, code.strip())) is None:
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
        if (meeting := await self._open(turn, code)) is None:
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
        await self._others(turn, meeting, concern.problem, 0, edit=False, after_own=True)

    # -- others' concerns ------------------------------------------------------------------
    async def topics(self, turn: Turn, code: str) -> None:
        if (meeting := await self._open(turn, code)) is None:
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
        if (meeting := await self._open(turn, code)) is None:
            return
        current = await self._agenda(turn, meeting)
        topics = self.problems.topics(g.problem for g in current.groups)
        if not position.isdigit() or int(position) >= len(topics):
            turn.say(turn.t("access.refused"))
            return
        number = int(page) if page.isdigit() else 0
        await self._others(turn, meeting, topics[int(position)], number, edit=True)

    async def _others(
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
        if (meeting := await self._open(turn, code)) is None:
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
        await self._others(turn, meeting, concern.problem, 0, edit=True)
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
        meeting = await meetings.by_code(turn.conn, code) if _CODE.match(code) else None
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
