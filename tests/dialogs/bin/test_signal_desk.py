"""/signalen: each open signal a button, its own words cut at a word and shown as typed."""

from __future__ import annotations

from dialogs.engine.engine import Engine
from storage import signals
from storage.people import Role
from storage.signals import NewSignal
from tests.dialogs.bin.bin_seed import OFFICER, person

TYPED = "Elke maandag <b>zakken</b> vuilnis\nnaast de glasbak"


async def test_a_signals_button_cuts_its_words_at_a_word_and_shows_them_as_typed(
    engine: Engine,
) -> None:
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    async with engine.db.transaction() as conn:
        new = NewSignal(area="Centrum", problem="drugsoverlast", description=TYPED, author_id=None)
        signal = await signals.add(conn, new, engine.clock())
        short = NewSignal(
            area="Centrum", problem="drugsoverlast", description="Kort", author_id=None
        )
        other = await signals.add(conn, short, engine.clock())
    await officer.send("/signalen")
    labels = {label.partition(".")[0]: label for label, _ in officer.keyboard}  # as sent
    assert labels[str(signal.id)].endswith(": Elke maandag <b>zakken</b>…")
    assert labels[str(other.id)].endswith(": Kort")


async def test_signals_given_by_a_shared_location_are_grouped_by_it(engine: Engine) -> None:
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    async with engine.db.transaction() as conn:
        for latitude in (51.05, 51.06, 51.05):
            shared = NewSignal(
                area="Centrum",
                problem="parkeeroverlast",
                description="Auto op het voetpad",
                latitude=latitude,
                longitude=3.72,
                author_id=None,
            )
            await signals.add(conn, shared, engine.clock())
    await officer.send("/signalen")
    assert "– -" not in officer.text
    assert "gedeelde locatie 51.05, 3.72 (Centrum): 2 signalen" in officer.text
    assert "gedeelde locatie 51.06, 3.72 (Centrum): 1 signaal" in officer.text
