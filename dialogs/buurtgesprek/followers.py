"""Verantwoording: residents who asked to hear back are told of an action's new status, each
in his own language, whatever the officer's."""

from __future__ import annotations

from dialogs.buurtgesprek.meeting_text import ACTION_STATUS, title
from dialogs.engine.replies import Message
from dialogs.engine.texts import N_
from dialogs.engine.turn import Turn
from dialogs.sectorscan.problem_list import Problems
from storage import concerns, people
from storage.actions import Action, ActionStatus
from storage.meetings import Meeting


async def tell_followers(
    turn: Turn, problems: Problems, meeting: Meeting, action: Action, status: ActionStatus
) -> int:
    """Tell everyone who follows a concern the action answers; returns how many."""
    authors = await concerns.authors(turn.conn, action.concern_ids)
    told = 0
    for person_id in await concerns.followers(turn.conn, action.concern_ids):
        person = await people.get(turn.conn, person_id)
        if person is None or person.telegram_id is None:
            continue
        texts = turn.texts_for(person)
        values = {
            "problem": problems.label(texts, action.problem),
            "title": title(texts, meeting),
            "date": texts.date(meeting.starts_at),
            "what": action.what,
            "status": texts.t(ACTION_STATUS[status]),
        }
        # Whoever wrote one of the concerns hears of "your" concern; a supporter of one he
        # recognised.
        key = N_("action.update") if person_id in authors else N_("action.update_supported")
        turn.replies.append(Message(texts.t(key, **values), to=person.telegram_id))
        told += 1
    return told
