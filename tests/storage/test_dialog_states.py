from datetime import UTC, datetime, timedelta

from storage import dialog_states, people
from storage.db import Database
from storage.dialog_states import DialogState
from storage.people import Person, Role


async def _person(db: Database, now: datetime, telegram_id: int = 1) -> Person:
    async with db.transaction() as conn:
        return await people.create(
            conn, telegram_id=telegram_id, name="Bewoner", role=Role.RESIDENT, now=now
        )


def _state(person_id: int, at: datetime, **changes: object) -> DialogState:
    fields: dict[str, object] = {
        "person_id": person_id,
        "flow": "melding",
        "step": "adres",
        "token": "tok-1",
        "data": {"straat": "Kerkstraat", "nr": 12},
        "message_id": 555,
        "started_at": at,
        "updated_at": at,
    }
    return DialogState.model_validate(fields | changes)


async def test_save_and_get_round_trip(db: Database, now: datetime) -> None:
    person = await _person(db, now)
    state = _state(
        person.id,
        now,
        data={
            "opmerking": 'Geluidsoverlast <b>&</b> "\'s nachts" — café',
            "lijst": [1, None, 2.5],
            "genest": {"ja": True},
        },
    )
    async with db.transaction() as conn:
        await dialog_states.save(conn, state)
        loaded = await dialog_states.get(conn, person.id)
    assert loaded == state
    assert loaded is not None
    assert loaded.started_at.tzinfo is UTC


async def test_save_replaces_the_previous_state(db: Database, now: datetime) -> None:
    person = await _person(db, now)
    later = now + timedelta(minutes=3)
    newer = _state(person.id, now, step="beschrijving", data={}, message_id=None, updated_at=later)
    async with db.transaction() as conn:
        await dialog_states.save(conn, _state(person.id, now))
        await dialog_states.save(conn, newer)
        loaded = await dialog_states.get(conn, person.id)
        count = list(await conn.execute_fetchall("SELECT count(*) FROM dialog_states"))
    assert loaded == newer
    assert count[0][0] == 1


async def test_get_without_state_is_none(db: Database, now: datetime) -> None:
    person = await _person(db, now)
    async with db.transaction() as conn:
        assert await dialog_states.get(conn, person.id) is None


async def test_delete(db: Database, now: datetime) -> None:
    person = await _person(db, now)
    async with db.transaction() as conn:
        await dialog_states.save(conn, _state(person.id, now))
        await dialog_states.delete(conn, person.id)
        assert await dialog_states.get(conn, person.id) is None
        await dialog_states.delete(conn, person.id)  # deleting nothing is fine


async def test_delete_untouched_since_keeps_recent_dialogs(db: Database, now: datetime) -> None:
    stale, boundary, recent = [await _person(db, now, telegram_id) for telegram_id in (1, 2, 3)]
    cutoff = now - timedelta(hours=24)
    async with db.transaction() as conn:
        await dialog_states.save(conn, _state(stale.id, cutoff - timedelta(microseconds=1)))
        await dialog_states.save(conn, _state(boundary.id, cutoff))
        await dialog_states.save(conn, _state(recent.id, now))
        assert await dialog_states.delete_untouched_since(conn, cutoff) == 1
        assert await dialog_states.get(conn, stale.id) is None
        assert await dialog_states.get(conn, boundary.id) is not None
        assert await dialog_states.get(conn, recent.id) is not None


async def test_states_go_when_their_person_goes(db: Database, now: datetime) -> None:
    person = await _person(db, now)
    async with db.transaction() as conn:
        await dialog_states.save(conn, _state(person.id, now))
        await conn.execute("DELETE FROM people WHERE id = ?", (person.id,))
        assert await dialog_states.get(conn, person.id) is None
