"""A meeting reached by its code (the link or the QR code), while it takes concerns.

Buttons of residents carry the code rather than the meeting's id, so a forged button cannot
reach a meeting whose link one never had.
"""

from __future__ import annotations

import logging
import re

from dialogs.buurtgesprek import meeting_text
from dialogs.buurtgesprek.meeting_text import title
from dialogs.engine.texts import Html
from dialogs.engine.turn import Turn
from dialogs.people import guesses
from storage import meetings
from storage.meetings import Meeting, MeetingStatus

log = logging.getLogger(__name__)

CODE = re.compile(r"^[a-z0-9]{8,32}$")


async def open_meeting(turn: Turn, code: str) -> Meeting | None:
    """The meeting of a code while it takes concerns; otherwise say why not.

    A code comes from a link or is typed after a command; either way a wrong one counts
    towards the limit on guesses, as a wrong invite does.
    """
    if await guesses.refused(turn):
        return None
    meeting = await meetings.by_code(turn.conn, code) if CODE.match(code) else None
    if meeting is None or not meeting.intake_open(turn.now):
        if meeting is None:
            log.info("unknown meeting code opened by person %s", turn.person.id)
            await guesses.missed(turn)
        turn.say(closed(turn, meeting))
        return None
    return meeting


def closed(turn: Turn, meeting: Meeting | None) -> Html:
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
