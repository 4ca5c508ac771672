"""/signalen: an officer's open signals of his wijken, grouped by problem and place, and what
he does with one: a status the resident hears, a forward to the interventiedienst or the
recherche (with the audit log, as from the agenda; the resident is never named), or onto the
agenda of an upcoming buurtgesprek of that wijk, where it counts as a concern of its resident.

A signal is named by its number in buttons and checked to lie in one of this officer's wijken
(an admin's: any), so a forged button changes nothing.
"""

from __future__ import annotations

import logging
from itertools import groupby

from dialogs.bin.signals import STATUS, signal_html, where_of
from dialogs.buurtgesprek.meeting_text import title
from dialogs.engine.access import may_manage_meeting
from dialogs.engine.engine import Engine
from dialogs.engine.limits import cut_plain
from dialogs.engine.replies import Choice, Message
from dialogs.engine.texts import N_, Html
from dialogs.engine.turn import Turn
from dialogs.sectorscan.problem_list import Problems
from dialogs.wijk.forward import GROUP_AUDIT, GROUP_NAME, group_id
from dialogs.wijk.view import areas_of
from storage import audit, concerns, meetings, people, signals
from storage.concerns import NewConcern
from storage.meetings import MeetingStatus
from storage.people import Role
from storage.signals import Signal, SignalStatus

log = logging.getLogger(__name__)

LISTED = 30
LABEL_TEXT = 30  # of the signal's own words in its button, cut at a word
ANSWERS = (SignalStatus.SEEN, SignalStatus.CITY, SignalStatus.SOLVED, SignalStatus.NOT_POLICE)
STATUS_BUTTON = {
    SignalStatus.SEEN: N_("signal.button.seen"),
    SignalStatus.CITY: N_("signal.button.city"),
    SignalStatus.SOLVED: N_("signal.button.solved"),
    SignalStatus.NOT_POLICE: N_("signal.button.not_police"),
}


class SignalDesk:
    def __init__(self, engine: Engine, problems: Problems) -> None:
        self.problems = problems
        engine.add_command("signalen", self.list_open)
        engine.add_command("signal", self.card)
        engine.add_command("signal_status", self.status)
        engine.add_command("signal_fwd", self.forward)
        engine.add_command("signal_agenda", self.agenda)
        engine.add_command("signal_agenda_to", self.agenda_to)

    async def _own(self, turn: Turn, arg: str) -> Signal | None:
        number = arg.partition("_")[0]
        signal = await signals.get(turn.conn, int(number)) if number.isdigit() else None
        if signal is None or signal.area not in await areas_of(turn):
            log.info("refused signal %r to person %s", arg, turn.person.id)
            turn.say(turn.t("access.refused"))
            return None
        return signal

    async def list_open(self, turn: Turn, _arg: str) -> None:
        found = await signals.open_in(turn.conn, await areas_of(turn))
        await audit.record(turn.conn, turn.person.id, "signals.list", turn.now)
        if not found:
            turn.say(turn.t("signal.none_open"))
            return
        lines = [turn.t("signal.open_title")]
        for (problem, place), group in groupby(found, key=lambda s: (s.problem, where_of(turn, s))):
            items = list(group)
            lines.append(
                turn.texts.tn(
                    "signal.group",
                    len(items),
                    problem=self.problems.label(turn.texts, problem),
                    place=place,
                    areas=", ".join(sorted({s.area for s in items})),
                )
            )
        keyboard = tuple(
            (
                turn.menu_button(
                    turn.label(
                        "signal.list_button",
                        number=s.id,
                        problem=self.problems.label(turn.texts, s.problem),
                        text=cut_plain(" ".join((s.description or "").split()), LABEL_TEXT),
                    ),
                    "signal",
                    s.id,
                ),
            )
            for s in found[:LISTED]
        )
        turn.say(Html("\n".join(lines)), keyboard)

    async def card(self, turn: Turn, arg: str) -> None:
        if (signal := await self._own(turn, arg)) is None:
            return
        await audit.record(turn.conn, turn.person.id, "signal.read", turn.now, "signal", signal.id)
        rows: list[tuple[Choice, ...]] = [
            tuple(
                turn.menu_button(turn.label(STATUS_BUTTON[s]), "signal_status", f"{signal.id}_{s}")
                for s in ANSWERS[:2]
            ),
            tuple(
                turn.menu_button(turn.label(STATUS_BUTTON[s]), "signal_status", f"{signal.id}_{s}")
                for s in ANSWERS[2:]
            ),
        ]
        groups = [g for g in GROUP_NAME if group_id(turn, g) is not None]
        if groups:
            rows.append(
                tuple(
                    turn.menu_button(turn.label(GROUP_NAME[g]), "signal_fwd", f"{signal.id}_{g}")
                    for g in groups
                )
            )
        rows.append(
            (turn.menu_button(turn.label("signal.agenda_button"), "signal_agenda", signal.id),)
        )
        turn.say(signal_html(turn, self.problems, signal), tuple(rows), edit=True)

    async def _tell_author(self, turn: Turn, signal: Signal, status: SignalStatus) -> None:
        if not signal.keep_informed or signal.author_id is None:
            return
        author = await people.get(turn.conn, signal.author_id)
        if author is None or author.telegram_id is None:
            return
        html = turn.t(
            "signal.status_for_resident",
            problem=self.problems.label(turn.texts, signal.problem),
            area=signal.area,
            date=turn.texts.date(signal.created_at, "medium"),
            status=turn.t(STATUS[status]),
        )
        turn.tell(
            Message(html, to=author.telegram_id),
            cause="signal.status",
            ref=f"{signal.id}:{status}",
        )

    async def status(self, turn: Turn, arg: str) -> None:
        if (signal := await self._own(turn, arg)) is None:
            return
        code = arg.partition("_")[2]
        if code not in {s.value for s in ANSWERS}:
            turn.say(turn.t("access.refused"))
            return
        status = SignalStatus(code)
        await signals.set_status(turn.conn, signal.id, status, turn.now)
        await self._tell_author(turn, signal, status)
        turn.say(turn.t("signal.status_set", status=turn.t(STATUS[status])), edit=True)

    async def forward(self, turn: Turn, arg: str) -> None:
        if (signal := await self._own(turn, arg)) is None:
            return
        group = arg.partition("_")[2]
        chat = group_id(turn, group)
        if chat is None:
            turn.say(turn.t("access.refused"))
            return
        html = Html(
            "\n".join(
                [
                    turn.t("forward.header", officer=turn.person.name),
                    "",
                    signal_html(turn, self.problems, signal),
                ]
            )
        )
        turn.tell(Message(html, to=chat), cause="forward", ref=f"signal:{signal.id}:{group}")
        await audit.record(
            turn.conn, turn.person.id, GROUP_AUDIT[group], turn.now, "signal", signal.id
        )
        turn.say(turn.t("forward.sent", group=turn.label(GROUP_NAME[group])), edit=True)

    async def _upcoming(self, turn: Turn, signal: Signal) -> list[meetings.Meeting]:
        listed = (
            await meetings.list_all(turn.conn)
            if turn.person.role is Role.ADMIN
            else await meetings.list_for_officer(turn.conn, turn.person.id)
        )
        return [
            m
            for m in listed
            if m.area == signal.area
            and m.status is MeetingStatus.PLANNED
            and m.starts_at > turn.now
            and may_manage_meeting(turn.person, m)
        ]

    async def agenda(self, turn: Turn, arg: str) -> None:
        if (signal := await self._own(turn, arg)) is None:
            return
        upcoming = await self._upcoming(turn, signal)
        if not upcoming:
            turn.say(turn.t("signal.no_meeting", area=signal.area))
            return
        keyboard = tuple(
            (
                turn.menu_button(
                    turn.label(
                        "signal.meeting_button",
                        title=title(turn.texts, m),
                        date=turn.texts.date(m.starts_at, "medium"),
                    ),
                    "signal_agenda_to",
                    f"{signal.id}_{m.id}",
                ),
            )
            for m in upcoming[:10]
        )
        turn.say(turn.t("signal.choose_meeting"), keyboard, edit=True)

    async def agenda_to(self, turn: Turn, arg: str) -> None:
        if (signal := await self._own(turn, arg)) is None:
            return
        meeting_id = arg.partition("_")[2]
        meeting = next(
            (m for m in await self._upcoming(turn, signal) if str(m.id) == meeting_id), None
        )
        if meeting is None or signal.status is SignalStatus.AGENDA:
            turn.say(turn.t("access.refused"))
            return
        concern = await concerns.add(
            turn.conn,
            NewConcern(
                meeting_id=meeting.id,
                author_id=signal.author_id,
                problem=signal.problem,
                description=signal.description,
                place=signal.place,
                latitude=signal.latitude,
                longitude=signal.longitude,
                photo_file_id=signal.photo_file_id,
                keep_informed=signal.keep_informed,
            ),
            turn.now,
        )
        await signals.set_status(
            turn.conn, signal.id, SignalStatus.AGENDA, turn.now, concern_id=concern.id
        )
        await self._tell_author(turn, signal, SignalStatus.AGENDA)
        turn.say(turn.t("signal.on_agenda", title=title(turn.texts, meeting)), edit=True)
