"""The one dispatcher of the outbox: claim what is due, send it at Telegram's pace, record it.

Two lanes, each with its claimer and its workers: the paced one (at most 30 a second, the
broadcast limit) and Telegram's paid broadcasts (at most 1,000 a second, for a fee), so a
paid alert goes beside a free backlog and never waits behind it. A claimer is woken when a
turn or a reminder run queued something, and every few seconds anyway (rows queued by
another process, a claim left by a dispatcher that died, a retry coming due). A lane claims
a slice at a time, a fraction of a second's worth beyond what its workers are sending, and
each worker waits for its place in the pace: so a claim is never held long (one older than
the lease belongs to a process that died and is taken up again), the paced lane keeps to 30
a second without a gap between its slices, and a backlog costs a claim every third of a
second rather than one per message. How each message ended is written in batches
(bot.delivery.records). Both keep the writer lock free for other people's turns. A message
can go twice only if Telegram accepted it in the moment before a crash, before its outcome
was written.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

import aiosqlite

from bot.delivery.pacer import Pacer
from bot.delivery.people_first import PeopleFirst
from bot.delivery.records import Records
from bot.delivery.sending import BotApi, Refused, Wait
from bot.delivery.spread import Spread
from bot.waiting import until_set
from dialogs.engine.outgoing import Feeder
from dialogs.engine.reply_codec import load_one
from storage import outbox
from storage.db import Database
from storage.outbox import OutboxRow

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=30)  # longer than any one Bot API call may take
IDLE = 5.0  # seconds between looks when nobody wakes the dispatcher
CONCURRENCY = 10  # calls at once: 30 a second needs several when Telegram is 100 ms away
# Paid broadcasts at once: 1,000 a second when Telegram is 100 ms away. The lane's spread
# starts them one by one, so more workers make no bursts, only room for a slow network.
PAID_CONCURRENCY = 100
# Claimed at a time beyond those being sent: a fiftieth of a second at the paid pace. A claim
# holds the event loop while its rows are read, so it comes often and small, like the calls.
PAID_AHEAD = 20
AHEAD = 10  # rows claimed beyond those being sent: a third of a second at 30 a second
POLL = 0.1  # seconds between two looks at a full lane's room, should no worker say so
GROUP_FULL = "20 a minute to this group"


def wall_clock() -> datetime:
    return datetime.now(UTC)


class _Lane:
    """The paced lane or the paid one: its workers, the rows claimed for them, when to look.

    `ahead` rows may wait claimed beyond those being sent, so its workers never wait for a
    claim and a claim is one transaction for many messages; a lane claims again once those
    are taken.
    """

    def __init__(self, paid: bool, concurrency: int, ahead: int, per_second: int) -> None:
        self.paid = paid
        self.spread = Spread(per_second)  # its calls one by one over the second, not in bursts
        self.concurrency = concurrency
        self.ahead = ahead
        # Claimed, for the next free worker: a queue wakes one worker per row, not all of them.
        self.rows: asyncio.Queue[OutboxRow | None] = asyncio.Queue()
        self.in_flight = 0
        self.wake = asyncio.Event()  # for the claimer: something queued, or a worker is free
        self.tasks: list[asyncio.Task[None]] = []  # its claimer, then its workers

    def idle(self) -> bool:
        return self.rows.empty() and not self.in_flight

    def take_back(self) -> list[OutboxRow]:
        """The rows claimed and not yet taken by a worker (a worker's sign to stop stays)."""
        rows, stops = [], 0
        while not self.rows.empty():
            if (row := self.rows.get_nowait()) is None:
                stops += 1
            else:
                rows.append(row)
        for _stop in range(stops):
            self.rows.put_nowait(None)
        return rows


class Dispatcher:
    def __init__(
        self,
        db: Database,
        api: BotApi,
        *,
        pacer: Pacer | None = None,
        feeders: Sequence[Feeder] = (),
        people_first: PeopleFirst | None = None,
        lease: timedelta = LEASE,
        idle: float = IDLE,
        concurrency: int = CONCURRENCY,
        paid_concurrency: int = PAID_CONCURRENCY,
        clock: Callable[[], datetime] = wall_clock,
    ) -> None:
        self.db = db
        self.api = api
        self.pacer = pacer or Pacer()
        self.feeders = feeders
        self.people_first = people_first or PeopleFirst()
        self.lease = lease
        self.idle = idle
        self.clock = clock  # the real time: due and claim moments are about seconds, not days
        self.records = Records(db, clock, self.wake)
        self._lanes = (
            _Lane(False, concurrency, AHEAD, self.pacer.per_second(paid=False)),
            _Lane(True, paid_concurrency, PAID_AHEAD, self.pacer.per_second(paid=True)),
        )
        self._waiting_on_answers = False
        self._stopping = False

    @property
    def first_backoff(self) -> float:
        """Seconds before the second attempt after a temporary error; tests shorten it."""
        return self.records.first_backoff

    @first_backoff.setter
    def first_backoff(self, seconds: float) -> None:
        self.records.first_backoff = seconds

    def wake(self) -> None:
        """Something was queued: look now."""
        for lane in self._lanes:
            lane.wake.set()

    def answers_given(self) -> None:
        """Replies were handed to Telegram: rows that waited for them may go now."""
        if self._waiting_on_answers:
            self.wake()

    def start(self) -> None:
        self._stopping = False
        self.records.start()
        for lane in self._lanes:
            name = "outbox-paid" if lane.paid else "outbox-dispatcher"
            lane.tasks = [asyncio.create_task(self._run(lane), name=name)]
            lane.tasks += [
                asyncio.create_task(self._work(lane), name=f"{name}-worker")
                for _ in range(lane.concurrency)
            ]

    async def stop(self) -> None:
        """Stop claiming; what is being sent is finished and recorded, what was claimed
        ahead is handed back untried."""
        self._stopping = True
        self.wake()
        await asyncio.gather(*(lane.tasks[0] for lane in self._lanes if lane.tasks))
        await self._hand_back(None)
        for lane in self._lanes:
            for _worker in lane.tasks[1:]:
                lane.rows.put_nowait(None)  # each worker's sign to stop
            await asyncio.gather(*lane.tasks[1:], return_exceptions=True)
            lane.tasks = []
        await self.records.stop()

    async def _run(self, lane: _Lane) -> None:
        while not self._stopping:
            try:
                await self._round(lane)
            except Exception:  # the database busy, a bug: never the end of delivery
                log.exception("outbox round failed")
                await asyncio.sleep(1.0)

    def _room(self, lane: _Lane) -> int:
        """How many rows a claim may take now."""
        return lane.concurrency + lane.ahead - lane.in_flight - lane.rows.qsize()

    async def _round(self, lane: _Lane) -> None:
        while not self._stopping:
            await self.pacer.wait(lane.paid)
            if self._room(lane) >= lane.ahead:  # what was claimed ahead is taken: a new slice
                break
            lane.wake.clear()  # until a worker is done with a row
            await self._sleep(lane, POLL)
        if self._stopping:
            return
        await self.people_first.wait()
        lane.wake.clear()  # before looking: a wake during the look is not lost
        now, due, room = self.clock(), None, min(self._room(lane), lane.ahead)
        async with self.db.transaction() as conn:
            await self._feed(conn, lane, now, room)
            rows = await outbox.claim(
                conn, now, stale_before=now - self.lease, limit=room, paid=lane.paid
            )
            if not rows:
                self._waiting_on_answers = await outbox.waiting_on_answers(conn)
                due = await outbox.next_due(conn, lane.paid)
        if not rows:
            pause = self.idle if due is None else (due - now).total_seconds()
            await self._sleep(lane, min(self.idle, max(pause, 0.0)))
            return
        for row in rows:
            if row.chat_id < 0 and (at := self.pacer.reserve_group(row.chat_id)) is not None:
                # This group had its share this minute: later, without holding up the rest.
                later = now + timedelta(seconds=at - self.pacer.clock())
                async with self.db.transaction() as conn:
                    await outbox.put_off(conn, row.id, later, GROUP_FULL)
                continue
            lane.rows.put_nowait(row)

    async def _feed(self, conn: aiosqlite.Connection, lane: _Lane, now: datetime, room: int) -> int:
        """More of a sending to many, as much as the claim after it may take: so the outbox
        holds a slice of it at a time, and each slice is a moment's work."""
        fed = 0
        for feed in self.feeders:
            fed += await feed.feed(conn, now, lane.paid, room - fed)
            if fed >= room:
                break
        return fed

    async def _sleep(self, lane: _Lane, seconds: float) -> None:
        if self._stopping:  # a stop that came while this round looked
            return
        await until_set(lane.wake, seconds)

    async def _work(self, lane: _Lane) -> None:
        """One call at a time, from the rows the lane claimed."""
        while (row := await lane.rows.get()) is not None:
            lane.in_flight += 1
            try:
                await lane.spread.start()
                await self.people_first.wait()
                await self._send(row)
            finally:
                lane.in_flight -= 1
                lane.wake.set()  # a worker is free: there may be more to claim

    async def _send(self, row: OutboxRow) -> None:
        try:
            if row.payload is None:
                raise ValueError("a waiting row without its message")
            reply = load_one(row.payload)
            async with self.pacer.sending(row.chat_id, row.paid):
                outcome = await self.api.send(row.chat_id, reply)
        except Exception as error:  # a row that cannot be read will not get better
            log.exception("outbox row %s cannot be sent", row.id)
            outcome = Refused(repr(error)[:200])
        self.records.ended(row, outcome)
        if isinstance(outcome, Wait):
            # Nothing starts while Telegram says wait; what was claimed ahead waits in the
            # outbox, not here, where it could outlive its claim.
            self.pacer.hold(outcome.seconds)
            await self._hand_back(self.clock() + timedelta(seconds=outcome.seconds))

    async def _hand_back(self, due: datetime | None) -> None:
        """Rows claimed ahead go back to the outbox untried, to be sent from `due`."""
        rows = [row.id for lane in self._lanes for row in lane.take_back()]
        if rows:
            async with self.db.transaction() as conn:
                await outbox.hand_back(conn, rows, due)

    async def drained(self, within: float = 20.0) -> None:
        """Until nothing waits to be sent any more (for tests and the benchmark)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while True:
            async with self.db.transaction() as conn:
                left = await outbox.pending(conn)
                for feeder in self.feeders:
                    left += await feeder.waiting(conn)
            idle = all(lane.idle() for lane in self._lanes)
            if not left and idle and not self.records.waiting:
                return
            if loop.time() > deadline:
                raise TimeoutError(f"{left} outbox row(s) still waiting after {within} s")
            await asyncio.sleep(0.01)
