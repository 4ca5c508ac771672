"""A signal's text and photo go twelve months after it was closed; open ones and counts stay."""

from __future__ import annotations

from dialogs.engine.engine import Engine
from dialogs.forms.model import identifying_questions, load_forms
from dialogs.people.retention import apply_retention
from storage import signals
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
