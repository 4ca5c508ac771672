"""The rules of one zone's deployment that flows need, set once at start-up."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import time


@dataclass(slots=True)
class Zone:
    bot_username: str = "wijkbot_bot"  # replaced by the real one when the bot starts
    # The languages offered (each with a catalog), the default first.
    languages: tuple[str, ...] = ("nl",)
    name: str = ""  # "Politiezone Gent", for printed flyers; empty when not set
    invite_days: int = 14
    visit_interval_months: int = 12  # a contact is due a visit this long after his last scan
    visit_due_soon_days: int = 30  # "due soon" starts this many days before
    reminder_time: time = time(8, 30)  # local time reminders go out on working days
    draft_days: int = 30  # a form left untouched this long is discarded
    scan_years: int = 5  # scan answers are kept this long, then made anonymous
    concern_months: int = 12  # a concern's text and photo go this long after its meeting closed
    signal_months: int = 12  # a signal's text and photo go this long after it was closed
    # An answer to a BIN alert loses its member, text and photo this long after it was given.
    bin_answer_months: int = 12
    inbox_days: int = 1  # an update's outcome is kept this long, against a second delivery
    outbox_days: int = 30  # a message sent (its record, not its text) is kept this long
    # Group chats the bot serves (interventiedienst, lokale recherche); all others are ignored.
    groups: frozenset[int] = frozenset()
    # The two groups an officer forwards to, by chat id; None when not configured.
    group_interventie: int | None = None
    group_recherche: int | None = None
    # The key under which wrong codes are counted per Telegram id (see people/guesses.py):
    # kept out of the database, so its rows cannot be tied to anyone from a copy of it.
    guess_key: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)
    # BIN alerts of the kind "waarschuwing" go as Telegram's paid broadcasts (for a fee).
    bin_paid_broadcast: bool = False

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def language_of(self, code: str | None) -> str:
        """An offered language for a language code ("fr", "fr-BE", "EN"); else the default."""
        language = (code or "").split("-")[0].split("_")[0].lower()
        return language if language in self.languages else self.default_language
