"""Doorsturen: an officer passes a concern or a scan remark to the interventiedienst or the
lokale recherche, with a note of his own.

The group gets what it needs to act: the problem, the place, the text and the note, and who
forwarded it, so questions go to the officer. A resident's identity goes along only when the
resident chose to be reached about the concern; a partner contact's never does, since his
answers belong to his officer. Every forward is written in the audit log.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from dialogs.buurtgesprek.agenda import build as build_agenda
from dialogs.engine import events
from dialogs.engine.access import may_manage_meeting, may_see_contact
from dialogs.engine.engine import Engine
from dialogs.engine.replies import Message
from dialogs.engine.texts import N_, Html
from dialogs.engine.turn import Turn
from dialogs.forms.model import Form
from dialogs.sectorscan.problem_list import Problems
from storage import audit, concerns, contacts, meetings, people, scans
from storage.concerns import Concern

log = logging.getLogger(__name__)

FLOW = "forward"
NOTE_LIMIT = 1000
PICK_BUTTONS = 40
GROUP_NAME = {"i": N_("forward.group.interventie"), "r": N_("forward.group.recherche")}
GROUP_AUDIT = {"i": "forward.interventie", "r": "forward.recherche"}


@dataclass(frozen=True, slots=True)
class Subject:
    """What is forwarded, in the words the group reads."""

    kind: str  # "concern" or "scan"
    id: int
    html: Html


def group_id(turn: Turn, group: str) -> int | None:
    return {"i": turn.zone.group_interventie, "r": turn.zone.group_recherche}.get(group)


def may_share_identity(concern: Concern) -> bool:
    """Whether the resident agreed that the police may contact them about this concern.

    The intake asks it as its own question ("contacteren"), apart from hearing back from the
    bot; only a yes lets the group learn who wrote it.
    """
    return concern.contactable


class ForwardFlow:
    name = FLOW
    resumable = False  # a one-line note: another command simply replaces it

    def __init__(self, engine: Engine, scan_form: Form) -> None:
        # How the person knows this flow in "your unfinished ... was discarded".
        self.title = engine.texts(engine.default_language).plain("forward.title")
        self.problems = Problems.of(scan_form)
        self.labels = {o.id: o.label for q in scan_form.questions for o in q.options}
        engine.add_flow(self)
        engine.add_command("fwd", self.start)
        engine.add_command("fwd_to", self.choose_group)

    # -- choosing what and where ------------------------------------------------------------
    async def start(self, turn: Turn, arg: str) -> None:
        if arg.startswith("m"):
            await self.pick_concern(turn, arg[1:])
            return
        subject = await self.subject(turn, arg)
        if subject is None:
            return
        groups = [g for g in GROUP_NAME if group_id(turn, g) is not None]
        if not groups:
            turn.say(turn.t("forward.no_groups"))
            return
        keyboard = (
            tuple(
                turn.menu_button(turn.label(GROUP_NAME[g]), "fwd_to", f"{arg}_{g}") for g in groups
            ),
        )
        turn.say(turn.t("forward.choose_group", subject=subject.html), keyboard)

    async def pick_concern(self, turn: Turn, arg: str) -> None:
        """The concerns of a meeting, numbered as on its agenda, to choose one to forward."""
        meeting = await meetings.get(turn.conn, int(arg)) if arg.isdigit() else None
        if meeting is None or not may_manage_meeting(turn.person, meeting):
            turn.say(turn.t("access.refused"))
            return
        found = await concerns.list_for_meeting(turn.conn, meeting.id)
        supports = await concerns.supports_for_meeting(turn.conn, meeting.id)
        agenda = build_agenda(meeting, found, supports, self.problems)
        items = [one for g in agenda.groups for item in g.items for one in (item, *item.merged)]
        if not items:
            turn.say(turn.t("forward.no_concerns"))
            return
        keyboard = tuple(
            (
                turn.menu_button(
                    turn.label(
                        "forward.concern_button",
                        number=item.number,
                        problem=self.problems.label(turn.texts, item.concern.problem),
                        text=(item.concern.description or "")[:30],
                    ),
                    "fwd",
                    f"c{item.concern.id}",
                ),
            )
            for item in sorted(items, key=lambda i: i.number)[:PICK_BUTTONS]
        )
        turn.say(turn.t("forward.choose_concern"), keyboard)

    async def choose_group(self, turn: Turn, arg: str) -> None:
        target, _, group = arg.rpartition("_")
        if group_id(turn, group) is None:
            turn.say(turn.t("access.refused"))
            return
        if await self.subject(turn, target) is None:
            return
        turn.begin(FLOW, "note", {"target": target, "group": group})
        await self.show(turn)

    # -- the note ---------------------------------------------------------------------------
    async def show(self, turn: Turn) -> None:
        assert turn.state is not None
        turn.move("note")
        chosen = turn.state.data["group"]
        group = turn.label(GROUP_NAME[chosen])
        turn.say(
            turn.t("forward.note", group=group, limit=NOTE_LIMIT),
            (
                (
                    turn.button(turn.label("forward.without_note"), "n"),
                    turn.button(turn.label("forward.cancel"), "x"),
                ),
            ),
        )

    async def on_button(self, turn: Turn, action: str, _arg: str) -> None:
        if action == "n":
            await self.send(turn, "")
        else:
            await self.ask_stop(turn)

    async def on_input(self, turn: Turn, event: events.Event) -> None:
        if not isinstance(event, events.Text) or not event.text.strip():
            turn.say(turn.t("forward.note_text_only"))
            await self.show(turn)
        elif len(event.text) > NOTE_LIMIT:
            turn.say(turn.t("forward.note_too_long", limit=NOTE_LIMIT))
            await self.show(turn)
        else:
            await self.send(turn, event.text.strip())

    async def ask_stop(self, turn: Turn) -> None:
        turn.end()
        turn.say(turn.t("forward.cancelled"), edit=True)

    def paused(self, turn: Turn) -> bool:
        return False

    def pause(self, turn: Turn) -> None:
        """A note is written at once or not at all: never kept for later."""

    # -- sending ----------------------------------------------------------------------------
    async def send(self, turn: Turn, note: str) -> None:
        assert turn.state is not None
        data: dict[str, Any] = turn.state.data
        group = data["group"]
        chat = group_id(turn, group)
        turn.end()
        # Checked again: the concern may be withdrawn, or the officer's role taken, meanwhile.
        subject = await self.subject(turn, data["target"], for_group=True)
        if subject is None:
            return
        if chat is None:
            turn.say(turn.t("access.refused"))
            return
        lines = [turn.t("forward.header", officer=turn.person.name), "", subject.html]
        if note:
            lines.append(turn.t("forward.with_note", note=note))
        turn.tell(Message(Html("\n".join(lines)), to=chat), cause="forward")
        await audit.record(
            turn.conn, turn.person.id, GROUP_AUDIT[group], turn.now, subject.kind, subject.id
        )
        log.info(
            "person %s forwarded %s %s to group %s", turn.person.id, subject.kind, subject.id, group
        )
        turn.say(turn.t("forward.sent", group=turn.label(GROUP_NAME[group])), edit=True)

    async def subject(self, turn: Turn, target: str, for_group: bool = False) -> Subject | None:
        """The concern ("c<id>") or scan remark ("s<id>") if this officer may forward it.

        Only the text for the group names the resident; the officer is told whether it will.
        """
        kind, number = target[:1], target[1:]
        found: Subject | None = None
        if number.isdigit() and kind == "c":
            found = await self._concern(turn, int(number), for_group)
        elif number.isdigit() and kind == "s":
            found = await self._scan(turn, int(number))
        if found is None:
            log.info("refused forwarding %r to person %s", target, turn.person.id)
            turn.say(turn.t("access.refused"))
        return found

    async def _concern(self, turn: Turn, concern_id: int, for_group: bool) -> Subject | None:
        concern = await concerns.get(turn.conn, concern_id)
        if concern is None:
            return None
        meeting = await meetings.get(turn.conn, concern.meeting_id)
        if meeting is None or not may_manage_meeting(turn.person, meeting):
            return None
        t = turn.t
        lines = [
            t("forward.concern", area=meeting.area, date=turn.texts.date(meeting.starts_at)),
            t("forward.problem", problem=self.problems.label(turn.texts, concern.problem)),
        ]
        if concern.place:
            lines.append(t("forward.place", place=concern.place))
        if concern.latitude is not None and concern.longitude is not None:
            lines.append(
                t(
                    "forward.location",
                    latitude=f"{concern.latitude:.5f}",
                    longitude=f"{concern.longitude:.5f}",
                )
            )
        lines.append(t("forward.text", text=concern.description or "-"))
        lines.append(await self._resident(turn, concern, for_group))
        return Subject("concern", concern.id, Html("\n".join(lines)))

    async def _resident(self, turn: Turn, concern: Concern, for_group: bool) -> Html:
        author = await people.get(turn.conn, concern.author_id) if concern.author_id else None
        if not may_share_identity(concern) or author is None or author.telegram_id is None:
            return turn.t("forward.resident_hidden")
        if not for_group:
            return turn.t("forward.resident_shared")
        return turn.t(
            "forward.resident",
            link=Html(f'<a href="tg://user?id={int(author.telegram_id)}">'),
            end=Html("</a>"),
            name=author.name,
        )

    async def _scan(self, turn: Turn, scan_id: int) -> Subject | None:
        scan = await scans.get(turn.conn, scan_id)
        contact = await contacts.get(turn.conn, scan.contact_id) if scan else None
        if scan is None or contact is None or not may_see_contact(turn.person, contact):
            return None
        remark = scan.answers.get("opmerking")
        if not remark:
            return None
        named = ", ".join(self.problems.label(turn.texts, p) for p in scan.problems) or "-"
        lines = [
            turn.t(
                "forward.scan",
                area=contact.area,
                date=turn.texts.date(scan.visited_on),
                role=contact.role,
            ),
            turn.t("forward.problem", problem=named),
            turn.t("forward.text", text=remark),
            turn.t("forward.contact_hidden"),
        ]
        return Subject("scan", scan.id, Html("\n".join(lines)))
