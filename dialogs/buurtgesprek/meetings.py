"""The officer's buurtgesprekken: the list, a meeting's card, its link and flyer, cancelling and
closing. Planning and changing one is in plan.py, the agenda in agenda_view.py."""

from __future__ import annotations

import logging
from typing import Any

from dialogs.buurtgesprek import agenda, meeting_text
from dialogs.buurtgesprek.flyer import send_flyer
from dialogs.buurtgesprek.meeting_text import KIND, STATUS, title
from dialogs.engine.access import may_manage_meeting
from dialogs.engine.engine import Engine
from dialogs.engine.replies import Message
from dialogs.engine.texts import N_, Html
from dialogs.engine.turn import Turn
from dialogs.sectorscan.problem_list import Problems
from storage import concerns, meetings, people
from storage.meetings import Meeting, MeetingStatus
from storage.people import Role

log = logging.getLogger(__name__)

LISTED = 15  # meetings per list: the latest ones


async def own_meeting(turn: Turn, arg: str) -> Meeting | None:
    """The meeting an argument names, if this person manages it; else a refusal is said.

    The refusal is the same whether the meeting exists or not, so ids reveal nothing.
    """
    meeting_id = arg.partition("_")[0]
    meeting = await meetings.get(turn.conn, int(meeting_id)) if meeting_id.isdigit() else None
    if meeting is None or not may_manage_meeting(turn.person, meeting):
        log.info("refused meeting %r to person %s", arg, turn.person.id)
        turn.say(turn.t("access.refused"))
        return None
    return meeting


async def tell_involved(turn: Turn, meeting: Meeting, notice: str, cause: str) -> int:
    """Tell everyone who submitted or supported a concern the meeting's `notice` (a catalog
    key filled with its title, moment and place), each in his own language; returns how many."""
    told = 0
    for person_id in await concerns.involved(turn.conn, meeting.id):
        person = await people.get(turn.conn, person_id)
        if person is not None and person.telegram_id is not None:
            texts = turn.texts_for(person)
            html = texts.t(
                notice,
                title=title(texts, meeting),
                when=meeting_text.when(texts, meeting),
                place=meeting.place,
            )
            turn.tell(Message(html, to=person.telegram_id), cause=cause)
            told += 1
    return told


async def managed_meetings(turn: Turn) -> list[Meeting]:
    """The meetings this person manages, latest first: all of them for an admin."""
    if turn.person.role is Role.ADMIN:
        return await meetings.list_all(turn.conn)
    return await meetings.list_for_officer(turn.conn, turn.person.id)


def link_of(turn: Turn, meeting: Meeting) -> str:
    return turn.texts.plain(
        "invite.link", username=turn.zone.bot_username, token=f"bg_{meeting.code}"
    )


async def send_link(turn: Turn, meeting: Meeting) -> None:
    """The meeting's link, and the flyer with its QR code as a picture and as a PDF to print."""
    link = link_of(turn, meeting)
    name = title(turn.texts, meeting)
    turn.say(
        turn.t(
            "meeting.link_text",
            title=name,
            link=link,
            until=meeting_text.deadline(turn.texts, meeting.intake_until),
        ),
        ((turn.menu_button(turn.label("meeting.open_button"), "meeting", meeting.id),),),
    )
    await send_flyer(turn, meeting, link)


class MeetingFlows:
    def __init__(self, engine: Engine, problems: Problems) -> None:
        self.engine = engine
        self.problems = problems
        engine.add_command("buurtgesprek", self.list_meetings)
        engine.add_command("meeting", self.card)
        engine.add_command("meeting_link", self.link)
        engine.add_command("meeting_cancel", self.cancel)
        engine.add_command("meeting_cancel_yes", self.cancel_yes)
        engine.add_command("meeting_close", self.close)
        engine.add_command("meeting_close_yes", self.close_yes)

    # -- listing and the card --------------------------------------------------------------
    async def _mine(self, turn: Turn) -> list[Meeting]:
        return await managed_meetings(turn)

    async def list_meetings(self, turn: Turn, arg: str) -> None:
        if arg.strip():  # "/buurtgesprek plan": any word after it starts a new one
            await self.engine.run_command(turn, "meeting_plan", "")
            return
        found = (await self._mine(turn))[:LISTED]
        lines = [turn.t("meeting.list_title")]
        if not found:
            lines.append(turn.t("meeting.list_none"))
        keyboard = []
        for meeting in found:
            lines.append(
                turn.t(
                    "meeting.list_line",
                    title=title(turn.texts, meeting),
                    when=meeting_text.when(turn.texts, meeting),
                    status=turn.t(STATUS[meeting.status]),
                )
            )
            label = turn.label(
                "meeting.list_button",
                date=turn.texts.date(meeting.starts_at, "medium"),
                title=title(turn.texts, meeting),
            )
            keyboard.append((turn.menu_button(label, "meeting", meeting.id),))
        keyboard.append((turn.menu_button(turn.label("meeting.plan_button"), "meeting_plan"),))
        turn.say(Html("\n".join(lines)), tuple(keyboard), edit=True)

    async def card(self, turn: Turn, arg: str) -> None:
        if (meeting := await own_meeting(turn, arg)) is None:
            return
        current = await agenda.load(turn.conn, meeting, self.problems)
        open_ = meeting.intake_open(turn.now)
        if meeting.status is MeetingStatus.PLANNED:
            until = meeting_text.deadline(turn.texts, meeting.intake_until)
            if open_:
                intake = turn.t("meeting.intake_open", until=until)
            else:
                intake = turn.t("meeting.intake_closed", until=until)
        else:
            intake = turn.t(STATUS[meeting.status])
        lines = [
            turn.t(
                "meeting.officer_card",
                title=title(turn.texts, meeting),
                kind=turn.t(KIND[meeting.kind]),
                area=meeting.area,
                when=meeting_text.when(turn.texts, meeting),
                place=meeting.place,
                intake=intake,
                concerns=turn.texts.plain_n("count.concerns", current.concerns),
                residents=turn.texts.plain_n("count.residents", current.residents),
            )
        ]
        rows: list[tuple[Any, ...]] = []
        menu = turn.menu_button
        if meeting.status is MeetingStatus.PLANNED:
            rows.append((menu(turn.label("meeting.link_button"), "meeting_link", meeting.id),))
        if meeting.status is not MeetingStatus.CANCELLED:
            rows.append((menu(turn.label("meeting.agenda_button"), "meeting_agenda", meeting.id),))
        if meeting.status is MeetingStatus.PLANNED:
            rows.append((menu(turn.label("meeting.merge_button"), "concern_merge", meeting.id),))
            rows.append(
                (
                    menu(turn.label("meeting.edit_button"), "meeting_edit", meeting.id),
                    menu(turn.label("meeting.cancel_button"), "meeting_cancel", meeting.id),
                )
            )
        if meeting.status is not MeetingStatus.CANCELLED:
            rows.append(
                (menu(turn.label("meeting.actions_button"), "meeting_actions", meeting.id),)
            )
        if meeting.status is MeetingStatus.PLANNED and turn.now >= meeting.starts_at:
            rows.append((menu(turn.label("meeting.close_button"), "meeting_close", meeting.id),))
        rows.append((menu(turn.label("meeting.back_to_list"), "buurtgesprek"),))
        turn.say(Html("\n".join(lines)), tuple(rows), edit=True)

    # -- the link, the flyer ---------------------------------------------------------------
    async def link(self, turn: Turn, arg: str) -> None:
        if (meeting := await own_meeting(turn, arg)) is None:
            return
        if meeting.status is not MeetingStatus.PLANNED:
            turn.say(turn.t("meeting.not_planned", status=turn.t(STATUS[meeting.status])))
            return
        await send_link(turn, meeting)

    # -- cancelling ------------------------------------------------------------------------
    async def cancel(self, turn: Turn, arg: str) -> None:
        if (meeting := await own_meeting(turn, arg)) is None:
            return
        if meeting.status is not MeetingStatus.PLANNED:
            turn.say(turn.t("meeting.not_planned", status=turn.t(STATUS[meeting.status])))
            return
        involved = len(await concerns.involved(turn.conn, meeting.id))
        turn.say(
            turn.texts.tn(
                "meeting.cancel_confirm",
                involved,
                title=title(turn.texts, meeting),
                when=meeting_text.when(turn.texts, meeting),
            ),
            (
                (
                    turn.menu_button(
                        turn.label("meeting.cancel_yes"), "meeting_cancel_yes", meeting.id
                    ),
                    turn.menu_button(turn.label("form.stop_no"), "meeting", meeting.id),
                ),
            ),
            edit=True,
        )

    async def cancel_yes(self, turn: Turn, arg: str) -> None:
        if (meeting := await own_meeting(turn, arg)) is None:
            return
        if not await meetings.cancel(turn.conn, meeting.id, turn.now):
            turn.say(turn.t("meeting.not_planned", status=turn.t(STATUS[meeting.status])))
            return
        log.info("meeting %s cancelled by person %s", meeting.id, turn.person.id)
        told = await tell_involved(
            turn, meeting, N_("meeting.cancelled_notice"), "meeting.cancelled"
        )
        turn.say(
            turn.texts.tn("meeting.cancelled", told, title=title(turn.texts, meeting)), edit=True
        )

    # -- closing ---------------------------------------------------------------------------
    async def close(self, turn: Turn, arg: str) -> None:
        if (meeting := await own_meeting(turn, arg)) is None:
            return
        if meeting.status is not MeetingStatus.PLANNED:
            turn.say(turn.t("meeting.not_planned", status=turn.t(STATUS[meeting.status])))
            return
        if turn.now < meeting.starts_at:
            turn.say(turn.t("meeting.close_too_early"))
            return
        turn.say(
            turn.t("meeting.close_confirm", title=title(turn.texts, meeting)),
            (
                (
                    turn.menu_button(
                        turn.label("meeting.close_yes"), "meeting_close_yes", meeting.id
                    ),
                    turn.menu_button(turn.label("form.stop_no"), "meeting", meeting.id),
                ),
            ),
            edit=True,
        )

    async def close_yes(self, turn: Turn, arg: str) -> None:
        if (meeting := await own_meeting(turn, arg)) is None:
            return
        if turn.now < meeting.starts_at:
            turn.say(turn.t("meeting.close_too_early"))
            return
        if not await meetings.close(turn.conn, meeting.id, turn.now):
            turn.say(turn.t("meeting.not_planned", status=turn.t(STATUS[meeting.status])))
            return
        log.info("meeting %s closed by person %s", meeting.id, turn.person.id)
        turn.say(
            turn.t("meeting.closed", title=title(turn.texts, meeting)),
            (
                (
                    turn.menu_button(
                        turn.label("meeting.actions_button"), "meeting_actions", meeting.id
                    ),
                ),
            ),
            edit=True,
        )
