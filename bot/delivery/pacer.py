"""How fast the outbox may go: Telegram's limits for messages that are not answers.

At most 30 messages in any one second (the broadcast limit), at most 20 a minute in one group,
and nothing at all while Telegram asked to wait (a 429's retry_after). Telegram's paid
broadcasts (allow_paid_broadcast) are counted apart: at most 1,000 of them in any one second,
beside the 30 of the others.

The window is counted from when each call *ended* (or is still running), not from when it
started: Telegram counts a call when it arrives, which is some moment between the two. A new
call starts only while fewer than the limit are running or ended within the window, so no
window of Telegram's can hold more than the limit, however the calls are delayed on the way.
The price is the round trip: at 50 ms away the pace is 30 in 1.05 s.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from bot.waiting import until_set

PER_SECOND = 30  # bulk notifications, all chats together
PAID_PER_SECOND = 1000  # paid broadcasts, all chats together
PER_GROUP_MINUTE = 20  # messages to one group


class _Window:
    """Calls running, and the ends of those that ended within the last `seconds`."""

    def __init__(self, limit: int, seconds: float) -> None:
        self.limit = limit
        self.seconds = seconds
        self.running = 0
        self.ends: deque[float] = deque()

    def _forget(self, now: float) -> None:
        while self.ends and self.ends[0] <= now - self.seconds:
            self.ends.popleft()

    def free_at(self, now: float) -> float:
        """When a new call may start: `now` if it may start at once."""
        self._forget(now)
        if self.running + len(self.ends) < self.limit:
            return now
        if not self.ends:  # all running: the first to end frees a place a window later
            return now + self.seconds
        return self.ends[0] + self.seconds


class Pacer:
    def __init__(
        self,
        per_second: int = PER_SECOND,
        per_group_minute: int = PER_GROUP_MINUTE,
        clock: Callable[[], float] = time.monotonic,
        paid_per_second: int = PAID_PER_SECOND,
    ) -> None:
        self.clock = clock
        self._all = _Window(per_second, 1.0)
        self._paid = _Window(paid_per_second, 1.0)
        self._per_group = per_group_minute
        self._groups: dict[int, _Window] = {}
        self._held_until = 0.0
        self._changed = asyncio.Event()

    def hold(self, seconds: float) -> None:
        """Telegram asked to wait (429): no call starts for `seconds`."""
        self._held_until = max(self._held_until, self.clock() + seconds)

    def reserve_group(self, chat_id: int) -> float | None:
        """Take a place in the group's minute for a call about to start; or, when the group has
        had its share, say when it may have the next one (and take nothing)."""
        window = self._groups.setdefault(chat_id, _Window(self._per_group, 60.0))
        now = self.clock()
        at = window.free_at(now)
        if at > now:
            return at
        window.running += 1
        return None

    def _lane(self, paid: bool) -> _Window:
        return self._paid if paid else self._all

    def per_second(self, paid: bool = False) -> int:
        """The most calls of this lane (paid broadcasts, or the others) in any one second."""
        return self._lane(paid).limit

    def capacity(self, paid: bool = False) -> int:
        """How many calls (paid broadcasts, or the others) may start right now."""
        now = self.clock()
        if self._held_until > now:
            return 0
        window = self._lane(paid)
        window.free_at(now)  # forgets what left the window
        return max(0, window.limit - window.running - len(window.ends))

    async def wait(self, paid: bool = False) -> None:
        """Until a call may start (it is taken only by `sending`)."""
        window = self._lane(paid)
        while True:
            now = self.clock()
            at = max(window.free_at(now), self._held_until)
            if at <= now:
                return
            self._changed.clear()
            await until_set(self._changed, at - now)

    @asynccontextmanager
    async def sending(self, chat_id: int, paid: bool = False) -> AsyncIterator[None]:
        """One call to `chat_id`, counted while it runs and for the window after it ends;
        `paid`: one of Telegram's paid broadcasts, counted in their own window.

        A call to a group (a negative id) must have reserved its place with `reserve_group`.
        """
        await self.wait(paid)
        lane = self._lane(paid)
        windows = [lane]
        if chat_id < 0:
            windows.append(self._groups[chat_id])  # running counted since the reservation
        lane.running += 1
        try:
            yield
        finally:
            end = self.clock()
            for window in windows:
                window.running -= 1
                window.ends.append(end)
            self._changed.set()
