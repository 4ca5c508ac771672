"""A dialog kept for later, offered again: continue where it was, start over, or discard it.

The same three buttons for every resumable flow (a form, a BIN-bericht being written), so a
person meets one question whatever he left halfway. The flow answers them in its `on_button`.
"""

from __future__ import annotations

from dialogs.engine.turn import Turn

# The answers to the offer.
CONTINUE, RESTART, DISCARD = "r", "n", "w"


def offer_resume(turn: Turn, title: str) -> None:
    """Ask what to do with the current dialog, left halfway (fresh buttons retire old ones)."""
    assert turn.state is not None
    turn.move(turn.state.step)
    turn.say(
        turn.t("form.resume", title=title),
        (
            (turn.button(turn.label("form.continue"), CONTINUE),),
            (
                turn.button(turn.label("form.restart"), RESTART),
                turn.button(turn.label("form.discard"), DISCARD),
            ),
        ),
    )
