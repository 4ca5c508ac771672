"""Wrong codes, counted per Telegram id, so invite tokens and meeting codes cannot be guessed.

Every code a person brings (an invite link, a meeting's link or its code typed in a command)
is looked up only while that Telegram id made fewer than ATTEMPTS wrong ones in the last
WINDOW. The count is kept per Telegram id, not per person: `/vergeet` erases the person, and
would otherwise hand out a fresh count. Erasure still removes the plain id: the rows hold
only a keyed hash of it (HMAC-SHA-256), and the key (`Zone.guess_key`, derived from the bot
token) is in no database, so a copy of the database cannot be tied to anyone, not even by
hashing every possible id. Retention drops the rows after a day.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from dialogs.engine.turn import Turn
from storage import start_attempts

ATTEMPTS = 5  # wrong codes allowed per Telegram id within WINDOW
WINDOW = timedelta(hours=1)


def caller_of(key: bytes, telegram_id: int) -> str:
    """A Telegram id as the count keeps it: keyed, so it cannot be turned back."""
    return hmac.new(key, str(telegram_id).encode(), hashlib.sha256).hexdigest()[:32]


def _caller(turn: Turn) -> str:
    telegram_id = turn.person.telegram_id
    assert telegram_id is not None  # a turn is always someone writing from Telegram
    return caller_of(turn.zone.guess_key, telegram_id)


async def refused(turn: Turn) -> bool:
    """Whether this Telegram id tried too many wrong codes lately; if so, it is told."""
    wrong = await start_attempts.count_since(turn.conn, _caller(turn), turn.now - WINDOW)
    if wrong < ATTEMPTS:
        return False
    # Guessing a code is pointless at their length, but a flood of wrong ones is answered
    # without even looking them up.
    turn.say(turn.t("guesses.too_many", minutes=WINDOW.seconds // 60))
    return True


async def missed(turn: Turn) -> None:
    """A code that named nothing: one more towards the limit."""
    await start_attempts.add(turn.conn, _caller(turn), turn.now)
