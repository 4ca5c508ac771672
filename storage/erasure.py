"""Erasing a person: their identity goes, what the zone's statistics need stays, unlinked.

Every table that can hold something identifying a person is handled here, so one module
answers "what does /vergeet remove?". Free-text answers (remarks, places, photos) are
removed as a whole: they may name the person. Categories, marks and trends stay.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

import aiosqlite

from storage.codecs import timestamp

# The columns of a concern that may identify its author: what they typed, where, a photo.
CONCERN_TEXTS = (
    "description = NULL, place = NULL, latitude = NULL, longitude = NULL,"
    " photo_file_id = NULL, solution = NULL, contactable = 0"
)


def _marks(values: Collection[str]) -> str:
    return ",".join("?" * len(values)) or "NULL"


async def erase_person(
    conn: aiosqlite.Connection,
    person_id: int,
    free_text_questions: Collection[str],
    now: datetime,
) -> None:
    questions = list(free_text_questions)
    at = timestamp(now)
    await conn.execute("DELETE FROM dialog_states WHERE person_id = ?", (person_id,))
    # start_attempts stay: they hold no person, and erasing must not reset the limit on
    # guessing codes (see dialogs/people/guesses.py).
    for table in ("digest_preferences", "blocked_people"):
        await conn.execute(f"DELETE FROM {table} WHERE person_id = ?", (person_id,))
    await conn.execute(
        "DELETE FROM form_answers WHERE question IN (" + _marks(questions) + ") AND response_id"
        " IN (SELECT id FROM form_responses WHERE person_id = ?)",
        (*questions, person_id),
    )
    await conn.execute(
        "UPDATE form_responses SET person_id = NULL WHERE person_id = ?", (person_id,)
    )
    # A resident's concerns keep their problem and meeting, so the agenda's counts stay.
    await conn.execute(
        f"UPDATE concerns SET author_id = NULL, {CONCERN_TEXTS}, updated_at = ?"
        " WHERE author_id = ?",
        (at, person_id),
    )
    await conn.execute("UPDATE supports SET person_id = NULL WHERE person_id = ?", (person_id,))
    # Signals keep their wijk, problem and status for the figures, not who or what.
    await conn.execute(
        "UPDATE signals SET author_id = NULL, keep_informed = 0, description = NULL,"
        " place = NULL, latitude = NULL, longitude = NULL, photo_file_id = NULL"
        " WHERE author_id = ?",
        (person_id,),
    )
    # BIN: memberships end; answers to alerts keep only that they came.
    await conn.execute("DELETE FROM bin_members WHERE person_id = ?", (person_id,))
    await conn.execute(
        "UPDATE bin_answers SET person_id = NULL, what = NULL, place = NULL, latitude = NULL,"
        " longitude = NULL, seen_when = NULL, photo_file_id = NULL WHERE person_id = ?",
        (person_id,),
    )
    # What was kept of their updates' replies and of messages to them, sent or waiting.
    await conn.execute(
        "DELETE FROM inbox WHERE telegram_id IN (SELECT telegram_id FROM people WHERE id = ?)",
        (person_id,),
    )
    await conn.execute(
        "DELETE FROM outbox WHERE chat_id IN (SELECT telegram_id FROM people WHERE id = ?)",
        (person_id,),
    )
    rows = await conn.execute_fetchall("SELECT id FROM contacts WHERE person_id = ?", (person_id,))
    contact_ids = [row[0] for row in rows]
    for contact_id in contact_ids:
        await anonymise_contact(conn, contact_id, questions, now)
    await conn.execute("UPDATE invites SET name = NULL WHERE used_by = ?", (person_id,))
    await conn.execute(
        "UPDATE people SET telegram_id = NULL, name = '', area = NULL, role = 'resident',"
        " erased_at = ?, updated_at = ? WHERE id = ?",
        (at, at, person_id),
    )


async def anonymise_contact(
    conn: aiosqlite.Connection,
    contact_id: int,
    free_text_questions: Collection[str],
    now: datetime,
) -> None:
    """The contact keeps area, role and scans; name, organisation and details go."""
    questions = list(free_text_questions)
    at = timestamp(now)
    await conn.execute(
        "DELETE FROM scan_answers WHERE question IN (" + _marks(questions) + ") AND scan_id"
        " IN (SELECT id FROM scans WHERE contact_id = ?)",
        (*questions, contact_id),
    )
    await conn.execute("UPDATE invites SET name = NULL WHERE contact_id = ?", (contact_id,))
    await conn.execute(
        "UPDATE contacts SET name = '', organisation = '', phone = NULL, street = NULL,"
        " person_id = NULL, anonymous = 1, active = 0,"
        " deactivated_at = coalesce(deactivated_at, ?), updated_at = ? WHERE id = ?",
        (at, at, contact_id),
    )
