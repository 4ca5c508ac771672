"""/agenda: a meeting's concerns for its officer, as messages, residents' photos and a CSV file.

How the concerns are grouped and ranked is in agenda.py; this is what the officer sees of it.
"""

from __future__ import annotations

from dialogs.buurtgesprek import agenda
from dialogs.buurtgesprek.meeting_text import title
from dialogs.buurtgesprek.meetings import LISTED, managed_meetings, own_meeting
from dialogs.engine.access import may_manage_meeting
from dialogs.engine.engine import Engine
from dialogs.engine.menu import forward_button
from dialogs.engine.replies import File, Keyboard, StoredPhoto
from dialogs.engine.turn import Turn
from dialogs.forms.view import rows
from dialogs.sectorscan.problem_list import Problems
from storage import audit, concerns, meetings
from storage.meetings import Meeting, MeetingStatus


class AgendaFlows:
    def __init__(self, engine: Engine, problems: Problems) -> None:
        self.problems = problems
        engine.add_command("agenda", self.choose_agenda)
        engine.add_command("meeting_agenda", self.agenda)
        engine.add_command("concern_photo", self.photo)

    async def choose_agenda(self, turn: Turn, _arg: str) -> None:
        found = [
            m for m in await managed_meetings(turn) if m.status is not MeetingStatus.CANCELLED
        ][:LISTED]
        if not found:
            turn.say(turn.t("agenda.no_meetings"))
            return
        keyboard = tuple(
            (
                turn.menu_button(
                    turn.label(
                        "meeting.list_button",
                        date=turn.texts.date(meeting.starts_at, "medium"),
                        title=title(turn.texts, meeting),
                    ),
                    "meeting_agenda",
                    meeting.id,
                ),
            )
            for meeting in found
        )
        turn.say(turn.t("agenda.choose"), keyboard)

    async def agenda(self, turn: Turn, arg: str) -> None:
        if (meeting := await own_meeting(turn, arg)) is None:
            return
        current = await agenda.load(turn.conn, meeting, self.problems)
        await audit.record(
            turn.conn, turn.person.id, "meeting.agenda", turn.now, "meeting", meeting.id
        )
        for text in agenda.messages(turn.texts, current, self.problems):
            turn.say(text)
        turn.say(turn.t("agenda.tools"), self._tools(turn, meeting))
        photos = [
            turn.menu_button(
                turn.label("agenda.photo_button", number=item.number),
                "concern_photo",
                item.concern.id,
            )
            for group in current.groups
            for top in group.items
            for item in (top, *top.merged)
            if item.concern.photo_file_id
        ]
        if photos:
            turn.say(turn.t("agenda.photos"), tuple(rows(photos, 4)))
        if current.concerns and (turn.zone.group_interventie or turn.zone.group_recherche):
            forward = ((forward_button(turn, "m", meeting.id),),)
            turn.say(turn.t("forward.from_agenda"), forward)
        turn.replies.append(
            File(
                agenda.csv_file(turn.texts, current, self.problems),
                agenda.csv_name(turn.texts, meeting),
                turn.t("agenda.csv_caption", title=title(turn.texts, meeting)),
            )
        )

    @staticmethod
    def _tools(turn: Turn, meeting: Meeting) -> Keyboard:
        """What the officer does with the agenda: the same buttons as on the meeting's card."""
        menu = turn.menu_button
        rows = []
        if meeting.status is MeetingStatus.PLANNED:
            rows.append((menu(turn.label("meeting.merge_button"), "concern_merge", meeting.id),))
        if meeting.status is not MeetingStatus.CANCELLED:
            rows.append(
                (menu(turn.label("meeting.actions_button"), "meeting_actions", meeting.id),)
            )
        rows.append((menu(turn.label("meeting.open_button"), "meeting", meeting.id),))
        return tuple(rows)

    async def photo(self, turn: Turn, arg: str) -> None:
        """A resident's photo, shown to the meeting's officer from Telegram's own copy."""
        concern = await concerns.get(turn.conn, int(arg)) if arg.isdigit() else None
        meeting = await meetings.get(turn.conn, concern.meeting_id) if concern else None
        if (
            concern is None
            or meeting is None
            or not concern.photo_file_id
            or not may_manage_meeting(turn.person, meeting)
        ):
            turn.say(turn.t("access.refused"))
            return
        await audit.record(
            turn.conn, turn.person.id, "concern.photo", turn.now, "concern", concern.id
        )
        turn.replies.append(
            StoredPhoto(
                concern.photo_file_id,
                turn.t("agenda.photo_caption", text=(concern.description or "")[:200]),
            )
        )
