from datetime import UTC, datetime, timedelta

from storage import form_responses, people
from storage.db import Database
from storage.people import Role

ANSWERS = {
    "zorg": "Fietsen <b>&</b> scooters op het voetpad — 's avonds",
    "ernst": 4,
    "wanneer": ["ma", "di"],
    "anoniem": False,
    "extra": None,
}


async def test_add_and_list_round_trip(db: Database, now: datetime) -> None:
    later = now + timedelta(days=1)
    async with db.transaction() as conn:
        person = await people.create(conn, telegram_id=1, name="A", role=Role.RESIDENT, now=now)
        second = await form_responses.add(
            conn,
            person_id=person.id,
            form="buurtbevraging",
            form_version=2,
            answers={"ernst": 1},
            now=later,
        )
        first = await form_responses.add(
            conn,
            person_id=person.id,
            form="buurtbevraging",
            form_version=1,
            answers=ANSWERS,
            now=now,
        )
        listed = await form_responses.list_for_person(conn, person.id)

    assert listed == [first, second]
    assert first.answers == ANSWERS
    assert list(listed[0].answers) == list(ANSWERS)  # the form's question order
    assert (first.form, first.form_version, first.submitted_at) == ("buurtbevraging", 1, now)
    assert first.submitted_at.tzinfo is UTC


async def test_answers_are_stored_one_row_per_question(db: Database, now: datetime) -> None:
    async with db.transaction() as conn:
        response = await form_responses.add(
            conn, person_id=None, form="f", form_version=1, answers=ANSWERS, now=now
        )
        rows = list(
            await conn.execute_fetchall(
                "SELECT value FROM form_answers WHERE response_id = ? AND question = ?",
                (response.id, "ernst"),
            )
        )
        count = list(await conn.execute_fetchall("SELECT count(*) FROM form_answers"))
    assert [row[0] for row in rows] == ["4"]
    assert count[0][0] == len(ANSWERS)


async def test_list_for_person_only_lists_their_responses(db: Database, now: datetime) -> None:
    async with db.transaction() as conn:
        one = await people.create(conn, telegram_id=1, name="A", role=Role.RESIDENT, now=now)
        two = await people.create(conn, telegram_id=2, name="B", role=Role.RESIDENT, now=now)
        await form_responses.add(
            conn, person_id=one.id, form="f", form_version=1, answers={"q": 1}, now=now
        )
        empty = await form_responses.add(
            conn, person_id=two.id, form="f", form_version=1, answers={}, now=now
        )
        assert await form_responses.list_for_person(conn, two.id) == [empty]
        assert empty.answers == {}
        assert await form_responses.list_for_person(conn, 999) == []


async def test_responses_outlive_their_author(db: Database, now: datetime) -> None:
    async with db.transaction() as conn:
        person = await people.create(conn, telegram_id=1, name="A", role=Role.RESIDENT, now=now)
        response = await form_responses.add(
            conn, person_id=person.id, form="f", form_version=1, answers={"q": "x"}, now=now
        )
        await conn.execute("DELETE FROM people WHERE id = ?", (person.id,))
        rows = list(
            await conn.execute_fetchall(
                "SELECT person_id FROM form_responses WHERE id = ?", (response.id,)
            )
        )
        answers = list(await conn.execute_fetchall("SELECT count(*) FROM form_answers"))
    assert rows[0][0] is None
    assert answers[0][0] == 1


async def test_a_state_change_and_an_answer_commit_or_fail_together(
    db: Database, now: datetime
) -> None:
    async with db.transaction() as conn:
        person = await people.create(conn, telegram_id=1, name="A", role=Role.RESIDENT, now=now)
    try:
        async with db.transaction() as conn:
            await form_responses.add(
                conn, person_id=person.id, form="f", form_version=1, answers={"q": 1}, now=now
            )
            await people.rename(conn, 999, "missing", now)
    except LookupError:
        pass
    async with db.transaction() as conn:
        assert await form_responses.list_for_person(conn, person.id) == []
