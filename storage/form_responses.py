"""Submitted forms, stored one row per answer so answers can be queried per question."""

from datetime import datetime
from typing import Any

import aiosqlite
from pydantic import BaseModel

from storage.codecs import UtcDatetime, from_json, timestamp, to_json
from storage.rows import inserted_id


class FormResponse(BaseModel):
    id: int
    person_id: int | None
    form: str
    form_version: int
    submitted_at: UtcDatetime
    answers: dict[str, Any]


async def add(
    conn: aiosqlite.Connection,
    *,
    person_id: int | None,
    form: str,
    form_version: int,
    answers: dict[str, Any],
    now: datetime,
) -> FormResponse:
    submitted_at = timestamp(now)
    encoded = {question: to_json(value) for question, value in answers.items()}
    cursor = await conn.execute(
        "INSERT INTO form_responses (person_id, form, form_version, submitted_at)"
        " VALUES (?, ?, ?, ?)",
        (person_id, form, form_version, submitted_at),
    )
    response_id = inserted_id(cursor)
    await conn.executemany(
        "INSERT INTO form_answers (response_id, question, value) VALUES (?, ?, ?)",
        [(response_id, question, value) for question, value in encoded.items()],
    )
    return FormResponse(
        id=response_id,
        person_id=person_id,
        form=form,
        form_version=form_version,
        submitted_at=now,
        # Decoded again so the caller gets exactly what list_for_person will return.
        answers={question: from_json(value) for question, value in encoded.items()},
    )


async def list_for_person(conn: aiosqlite.Connection, person_id: int) -> list[FormResponse]:
    """The person's responses, oldest first, answers in the order they were given."""
    responses = await conn.execute_fetchall(
        "SELECT id, person_id, form, form_version, submitted_at FROM form_responses"
        " WHERE person_id = ? ORDER BY submitted_at, id",
        (person_id,),
    )
    # rowid follows insertion, which is the order of the questions in the form.
    answer_rows = await conn.execute_fetchall(
        "SELECT a.response_id, a.question, a.value FROM form_answers AS a"
        " JOIN form_responses AS r ON r.id = a.response_id"
        " WHERE r.person_id = ? ORDER BY a.response_id, a.rowid",
        (person_id,),
    )
    answers: dict[int, dict[str, Any]] = {row["id"]: {} for row in responses}
    for row in answer_rows:
        answers[row["response_id"]][row["question"]] = from_json(row["value"])
    return [
        FormResponse.model_validate({**dict(row), "answers": answers[row["id"]]})
        for row in responses
    ]
