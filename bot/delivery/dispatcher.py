"""The one dispatcher of the outbox: claim what is due, send it at Telegram's pace, record it.

Woken when a turn or a reminder run queued something, and every few seconds anyway (rows
queued by another process, a claim left by a dispatcher that died, a retry coming due). It
claims only as many rows as may start at once, so a claim is never held long: one that is
older than the lease belongs to a process that died and is taken up again. A message can
then go twice only if Telegram accepted it in the instant before that crash.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from telegram import Bot

from bot.delivery.pacer import Pacer
from bot.delivery.sending import Again, Blocked, Outcome, Refused, Sent, Wait, send
from dialogs.engine.reply_codec import load_one
from storage import blocked_people, outbox, people
from storage.db import Database
from storage.outbox import OutboxRow, OutboxStatus

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=30)  # longer than any one Bot API call may take
IDLE = 5.0  # seconds between looks when nobody wakes the dispatcher
CONCURRENCY = 10  # calls at once: 30 a second needs several when Telegram is 100 ms away
MAX_ATTEMPTS = 20  # for temporary errors; with the backoff below about an hour in all
BACKOFF_MAX = 300.0  # seconds between two attempts, at most
GROUP_FULL = "20 a minute to this group"


def wall_clock() -> datetime:
    return datetime.now(UTC)


def backoff(attempts: int, first: float = 1.0) -> float:
    """Seconds before the next attempt after `attempts` failed ones: 1, 2, 4, ... 300."""
    return min(first * 2.0 ** (attempts - 1), BACKOFF_MAX)


class Dispatcher:
    def __init__(
        self,
        db: Database,
        bot: Bot,
        *,
        pacer: Pacer | None = None,
        lease: timedelta = LEASE,
        idle: float = IDLE,
        concurrency: int = CONCURRENCY,
        clock: Callable[[], datetime] = wall_clock,
    ) -> None:
        self.db = db
        self.bot = bot
        self.pacer = pacer or Pacer()
        self.lease = lease
        self.idle = idle
        self.clock = clock  # the real time: due and claim moments are about seconds, not days
        self.first_backoff = 1.0  # seconds before the second attempt; tests shorten it
        self._slots = asyncio.Semaphore(concurrency)
        self._concurrency = concurrency
        self._sending: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        self._waiting_on_answers = False
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    def wake(self) -> None:
        """Something was queued: look now."""
        self._wake.set()

    def answers_given(self) -> None:
        """Replies were handed to Telegram: rows that waited for them may go now."""
        if self._waiting_on_answers:
            self._wake.set()

    def start(self) -> None:
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name="outbox-dispatcher")

    async def stop(self) -> None:
        """Stop claiming; what is being sent is finished and recorded."""
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            await self._task
            self._task = None
        if self._sending:
            await asyncio.gather(*self._sending, return_exceptions=True)

    async def _run(self) -> None:
        while not self._stopping:
            try:
                await self._round()
            except Exception:  # the database busy, a bug: never the end of delivery
                log.exception("outbox round failed")
                await asyncio.sleep(1.0)

    async def _round(self) -> None:
        await self.pacer.wait()
        async with self._slots:  # at least one call may start
            pass
        self._wake.clear()  # before looking: a wake during the look is not lost
        free = min(self.pacer.capacity(), self._concurrency - len(self._sending))
        if free <= 0:
            return
        now, due = self.clock(), None
        async with self.db.transaction() as conn:
            rows = await outbox.claim(conn, now, stale_before=now - self.lease, limit=free)
            if not rows:
                self._waiting_on_answers = await outbox.waiting_on_answers(conn)
                due = await outbox.next_due(conn)
        if not rows:
            pause = self.idle if due is None else (due - now).total_seconds()
            await self._sleep(min(self.idle, max(pause, 0.0)))
            return
        for row in rows:
            if row.chat_id < 0 and (at := self.pacer.reserve_group(row.chat_id)) is not None:
                # This group had its share this minute: later, without holding up the rest.
                later = now + timedelta(seconds=at - self.pacer.clock())
                async with self.db.transaction() as conn:
                    await outbox.put_off(conn, row.id, later, GROUP_FULL)
                continue
            await self._slots.acquire()
            task = asyncio.create_task(self._send(row))
            self._sending.add(task)
            task.add_done_callback(self._sent)

    def _sent(self, task: asyncio.Task[None]) -> None:
        self._sending.discard(task)
        self._slots.release()
        self._wake.set()  # a slot is free: there may be more to claim

    async def _sleep(self, seconds: float) -> None:
        if self._stopping:  # a stop that came while this round looked
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), seconds)

    async def _send(self, row: OutboxRow) -> None:
        try:
            if row.payload is None:
                raise ValueError("a waiting row without its message")
            reply = load_one(row.payload)
            async with self.pacer.sending(row.chat_id):
                outcome = await send(self.bot, row.chat_id, reply)
        except Exception as error:  # a row that cannot be read will not get better
            log.exception("outbox row %s cannot be sent", row.id)
            outcome = Refused(repr(error)[:200])
        try:
            await self._record(row, outcome)
        except Exception:
            # Left claimed: taken up again after the lease, so delivered twice at worst.
            log.exception("outbox row %s sent but not recorded", row.id)

    async def _record(self, row: OutboxRow, outcome: Outcome) -> None:
        now = self.clock()
        async with self.db.transaction() as conn:
            match outcome:
                case Sent():
                    await outbox.finish(conn, row.id, OutboxStatus.SENT, now)
                case Wait(seconds=seconds):
                    self.pacer.hold(seconds)
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
        if isinstance(outcome, Refused) or (
            isinstance(outcome, Again) and row.attempts >= MAX_ATTEMPTS
        ):
            log.warning("outbox row %s (%s) given up: %s", row.id, row.cause, outcome)
        elif isinstance(outcome, Again | Blocked):
            log.info("outbox row %s (%s) attempt %s: %s", row.id, row.cause, row.attempts, outcome)

    async def drained(self, within: float = 20.0) -> None:
        """Until nothing waits to be sent any more (for tests and the benchmark)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while True:
            async with self.db.transaction() as conn:
                left = await outbox.pending(conn)
            if not left and not self._sending:
                return
            if loop.time() > deadline:
                raise TimeoutError(f"{left} outbox row(s) still waiting after {within} s")
            await asyncio.sleep(0.01)
