"""The replies to people's own updates: marked as given, and given after a crash.

Answers go out at once, never through the outbox or its pace. Once they were handed to
Telegram the update's inbox row is marked answered, in batches (whatever gathered within
LINGER of the first, or while the last batch was written), so this costs people's updates next
to nothing: one transaction for many updates instead of one each. A crash between an update's
commit and its replies leaves rows unanswered: those replies are given at the next start,
before new updates are fetched. A crash within LINGER after replies were given gives them once
more, the one duplicate this allows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from telegram import Bot

from bot.delivery.batches import WrittenInBatches
from bot.replies_out import deliver
from dialogs.engine.replies import Notice, Reply
from dialogs.engine.reply_codec import load
from storage import inbox
from storage.db import Database

log = logging.getLogger(__name__)

LINGER = 0.05  # seconds an answer waits for others to be marked with it
MOST = 50  # answers marked in one write at most


class AnswerLog(WrittenInBatches):
    def __init__(
        self, db: Database, clock: Callable[[], datetime], on_written: Callable[[], None]
    ) -> None:
        super().__init__(LINGER, "answer-log", MOST)
        self.db = db
        self.clock = clock
        self.on_written = on_written  # rows in the outbox may wait for these answers
        self._given: set[int] = set()

    def given(self, update_id: int) -> None:
        self._given.add(update_id)
        self._added(len(self._given))

    async def _write(self) -> None:
        ids, self._given = self._given, set()
        if not ids:
            return
        try:
            async with self.db.transaction() as conn:
                await inbox.mark_answered(conn, ids, self.clock())
        except Exception:  # rows stay unanswered: at worst given again after a restart
            log.exception("could not mark answers as given")
            return
        self.on_written()


async def answer_unanswered(db: Database, bot: Bot, clock: Callable[[], datetime]) -> int:
    """Give the replies that a crash kept from their people; returns how many updates."""
    async with db.transaction() as conn:
        waiting = await inbox.unanswered(conn)
    for entry in waiting:
        # The button's callback query is long gone; the rest is shown as new messages.
        replies: list[Reply] = [r for r in load(entry.replies) if not isinstance(r, Notice)]
        try:
            await deliver(bot, entry.telegram_id, replies)
        except Exception:
            log.exception("replies to update %s could not be given", entry.update_id)
        async with db.transaction() as conn:
            await inbox.mark_answered(conn, [entry.update_id], clock())
    if waiting:
        log.info("gave the replies of %s update(s) handled before a crash", len(waiting))
    return len(waiting)
