"""A signal's text and photo go twelve months after it was closed, an answer to a BIN alert's a
year after it was given; open ones and counts stay."""

from __future__ import annotations

from dialogs.engine.engine import Engine
from dialogs.forms.model import identifying_questions, load_forms
from dialogs.people.retention import apply_retention
from storage import bin_alerts, bin_answers, people, signals
from storage.bin_alerts import AlertKind
from storage.people import Role
from storage.signals import NewSignal, SignalStatus
from tests.dialogs.conftest import Clock


def new(area: str) -> NewSignal:
    return NewSignal(
        area=area,
        problem="drugsoverlast",
        description="Dealers",
        place="Parkstraat",
        photo_file_id="photo-1",
        author_id=None,
    )


async def test_signal_texts_go_a_year_after_closing(engine: Engine, clock: Clock) -> None:
    async with engine.db.transaction() as conn:
        closed = await signals.add(conn, new("Centrum"), clock.now)
        still_open = await signals.add(conn, new("Centrum"), clock.now)
        await signals.set_status(conn, closed.id, SignalStatus.SOLVED, clock.now)
        await signals.set_status(conn, still_open.id, SignalStatus.SEEN, clock.now)
    clock.advance(days=360)
    today = engine.texts("nl").local(clock.now).date()
    forms = identifying_questions(load_forms())
    counts = await apply_retention(engine.db, clock.now, today, engine.zone, forms)
    assert counts["signals"] == 0  # not a year yet
    clock.advance(days=10)
    today = engine.texts("nl").local(clock.now).date()
    counts = await apply_retention(engine.db, clock.now, today, engine.zone, forms)
    assert counts["signals"] == 1
    async with engine.db.transaction() as conn:
        gone = await signals.get(conn, closed.id)
        kept = await signals.get(conn, still_open.id)
        assert await signals.per_problem(conn, ["Centrum"]) == {"drugsoverlast": 2}
    assert gone is not None and gone.description is None and gone.photo_file_id is None
    assert gone.problem == "drugsoverlast" and gone.status is SignalStatus.SOLVED
    assert kept is not None and kept.description == "Dealers"


async def test_an_answer_to_an_alert_loses_its_member_and_texts_a_year_after(
    engine: Engine, clock: Clock
) -> None:
    async with engine.db.transaction() as conn:
        officer = await people.create(
            conn, telegram_id=500, name="Peeters", role=Role.OFFICER, now=clock.now
        )
        member = await people.create(
            conn, telegram_id=600, name="An", role=Role.RESIDENT, now=clock.now
        )
        alert = await bin_alerts.create(
            conn,
            sender_id=officer.id,
            kind=AlertKind.LOOKOUT,
            areas=["Centrum"],
            text="Let op",
            photo_file_id=None,
            answers=True,
            paid=False,
            recipients=1,
            now=clock.now,
        )
        seen = bin_answers.NewAnswer(
            alert_id=alert.id,
            person_id=member.id,
            what="Grijze bestelwagen",
            place="Parkstraat",
            latitude=None,
            longitude=None,
            seen_when="nu",
            photo_file_id="photo-2",
        )
        await bin_answers.add(conn, seen, clock.now)
    forms = identifying_questions(load_forms())
    clock.advance(days=360)
    today = engine.texts("nl").local(clock.now).date()
    counts = await apply_retention(engine.db, clock.now, today, engine.zone, forms)
    assert counts["bin_answers"] == 0  # not a year yet
    async with engine.db.transaction() as conn:
        assert await bin_answers.count_for_person(conn, member.id) == 1
    clock.advance(days=10)
    today = engine.texts("nl").local(clock.now).date()
    counts = await apply_retention(engine.db, clock.now, today, engine.zone, forms)
    assert counts["bin_answers"] == 1
    async with engine.db.transaction() as conn:
        assert await bin_answers.count_for_person(conn, member.id) == 0
        assert await bin_answers.count_for_areas(conn, ["Centrum"]) == {"Centrum": 1}
        rows = await conn.execute_fetchall(
            "SELECT what, place, photo_file_id, seen_when FROM bin_answers"
        )
    assert [tuple(row) for row in rows] == [(None, None, None, None)]
