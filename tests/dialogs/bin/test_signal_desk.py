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
