"""How each outbox message ended, written in batches: one write transaction for many.

A message's outcome is recorded a short moment after Telegram answered (at most `WINDOW`,
plus the write itself): what ended meanwhile is written together. A sending to thousands so
takes the writer lock a few times a second instead of once per message, and other people's
turns, which need that lock, hardly wait. The price is the crash promise's window: a process
that dies after Telegram accepted a message and before its batch was written leaves the row
claimed, so it goes again after the lease. A message may go twice only if Telegram accepted
it in the last `WINDOW` (and write) before a crash.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

import aiosqlite

from bot.delivery.batches import WrittenInBatches
from bot.delivery.sending import Again, Blocked, Outcome, Refused, Sent, Wait
from storage import blocked_people, outbox, people
from storage.db import Database
from storage.errors import NotFoundError
from storage.outbox import OutboxRow, OutboxStatus

log = logging.getLogger(__name__)

WINDOW = 0.1  # seconds an outcome may wait for others to be written with
MOST = 20  # outcomes in one write at most: 20 ms of a paid sending
MAX_ATTEMPTS = 20  # for temporary errors; with the backoff below about an hour in all
BACKOFF_MAX = 300.0  # seconds between two attempts, at most


def backoff(attempts: int, first: float = 1.0) -> float:
    """Seconds before the next attempt after `attempts` failed ones: 1, 2, 4, ... 300."""
    return min(first * 2.0 ** (attempts - 1), BACKOFF_MAX)


class Records(WrittenInBatches):
    def __init__(
        self,
        db: Database,
        clock: Callable[[], datetime],
        on_retry: Callable[[], None],
        window: float = WINDOW,
    ) -> None:
        super().__init__(window, "outbox-records", MOST)
        self.db = db
        self.clock = clock
        self.on_retry = on_retry  # rows were handed back to be sent again: look for them
        self.first_backoff = 1.0  # seconds before the second attempt; tests shorten it
        self._ended: list[tuple[OutboxRow, Outcome]] = []

    @property
    def waiting(self) -> int:
        """Outcomes not written yet."""
        return len(self._ended)

    def ended(self, row: OutboxRow, outcome: Outcome) -> None:
        self._ended.append((row, outcome))
        self._added(len(self._ended))

    async def _write(self) -> None:
        batch, self._ended = self._ended, []
        if not batch:
            return
        now = self.clock()
        try:
            async with self.db.transaction() as conn:
                sent = [row.id for row, outcome in batch if isinstance(outcome, Sent)]
                if sent:
                    await outbox.finish_sent(conn, sent, now)
                for row, outcome in batch:
                    if not isinstance(outcome, Sent):
                        await self._record(conn, row, outcome, now)
        except Exception:
            # Written with the next batch; until then the rows stay claimed (and, should this
            # process die, go again after the lease: twice at worst).
            log.exception("outcomes of %s outbox row(s) not recorded yet", len(batch))
            self._ended[:0] = batch
            if not self._stopping:
                self._again()
            return
        for row, outcome in batch:
            _log(row, outcome)
        if any(isinstance(outcome, Wait | Again) for _, outcome in batch):
            self.on_retry()

    async def _record(
        self, conn: aiosqlite.Connection, row: OutboxRow, outcome: Outcome, now: datetime
    ) -> None:
        try:
            match outcome:
                case Wait(seconds=seconds):
                    await outbox.retry(conn, row.id, now + timedelta(seconds=seconds), "429")
                case Again(reason=reason) if row.attempts >= MAX_ATTEMPTS:
                    await outbox.finish(conn, row.id, OutboxStatus.FAILED, now, reason)
                case Again(reason=reason):
                    due = now + timedelta(seconds=backoff(row.attempts, self.first_backoff))
                    await outbox.retry(conn, row.id, due, reason)
                case Blocked(reason=reason):
                    await outbox.finish(conn, row.id, OutboxStatus.BLOCKED, now, reason)
                    person = await people.by_telegram_id(conn, row.chat_id)
                    if person is not None:
                        await blocked_people.mark(conn, person.id, now)
                case Refused(reason=reason):
                    await outbox.finish(conn, row.id, OutboxStatus.FAILED, now, reason)
        except NotFoundError:  # erased with its person meanwhile
            log.info("outbox row %s was gone before its outcome was recorded", row.id)


def _log(row: OutboxRow, outcome: Outcome) -> None:
    if isinstance(outcome, Refused) or (
        isinstance(outcome, Again) and row.attempts >= MAX_ATTEMPTS
    ):
        log.warning("outbox row %s (%s) given up: %s", row.id, row.cause, outcome)
    elif isinstance(outcome, Again | Blocked):
        log.info("outbox row %s (%s) attempt %s: %s", row.id, row.cause, row.attempts, outcome)
