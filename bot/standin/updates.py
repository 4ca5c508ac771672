"""The queue behind getUpdates, with Telegram's long-polling and confirmation rules."""

from __future__ import annotations

import asyncio
import copy
from typing import Any

from .errors import ApiError

# What Telegram sends when allowed_updates is empty or was never set.
_NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class UpdateQueue:
    def __init__(self, first_id: int = 1) -> None:
        """`first_id`: the id of the first update. Telegram's ids only grow; a stand-in that
        starts again on a database it served before starts above the ids it gave then."""
        self._pending: list[dict[str, Any]] = []
        self._posted: dict[int, dict[str, Any]] = {}  # every update by id, to give again
        self._before = first_id - 1
        self._last_id = self._before
        self._allowed: frozenset[str] | None = None
        self._waiter: asyncio.Future[str] | None = None
        self._closed = False
        # Set whenever there is news for a webhook to post: an update, or a webhook set.
        self.news = asyncio.Event()

    @property
    def posted(self) -> int:
        """How many updates were created (update_id counts up from `first_id`)."""
        return self._last_id - self._before

    @property
    def pending(self) -> list[dict[str, Any]]:
        """Updates the bot has not confirmed yet, oldest first."""
        return list(self._pending)

    @property
    def allowed(self) -> frozenset[str] | None:
        """The update types asked for; None for Telegram's default."""
        return self._allowed

    def accepts(self, kind: str) -> bool:
        if self._allowed is None:
            return kind not in _NOT_BY_DEFAULT
        return kind in self._allowed

    def post(self, kind: str, payload: dict[str, Any]) -> dict[str, Any] | None:
        """Queues an update; like Telegram, types the bot did not ask for are not created."""
        if not self.accepts(kind):
            return None
        self._last_id += 1
        update = {"update_id": self._last_id, kind: payload}
        self._pending.append(update)
        self._posted[self._last_id] = update
        self._wake("update")
        return update

    def redeliver(self, update_id: int) -> None:
        """Give an update again, as Telegram does with one not confirmed before a crash."""
        if any(u["update_id"] == update_id for u in self._pending):
            return
        self._pending.append(copy.deepcopy(self._posted[update_id]))
        self._pending.sort(key=lambda u: u["update_id"])
        self._wake("update")

    def drop_pending(self) -> None:
        self._pending.clear()

    def allow(self, allowed_updates: list[str] | None) -> None:
        """The update types to create from now on, as getUpdates and setWebhook set them."""
        if allowed_updates is not None:
            self._allowed = frozenset(allowed_updates) or None

    def forget(self, update_id: int) -> None:
        """One update confirmed, as a webhook's 200 confirms it."""
        self._pending = [u for u in self._pending if u["update_id"] != update_id]

    def close(self) -> None:
        """Ends every waiting poll, so the server can shut down at once."""
        self._closed = True
        self._wake("closed")

    def reopen(self) -> None:
        self._closed = False

    def _wake(self, reason: str) -> None:
        self.news.set()
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(reason)

    def _confirm(self, offset: int) -> None:
        if offset < 0:
            # A negative offset keeps the last -offset updates and forgets everything before.
            self._pending = self._pending[offset:]
        else:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]

    async def poll(
        self,
        *,
        offset: int | None = None,
        limit: int | None = None,
        wait: float = 0,
        allowed_updates: list[str] | None = None,
    ) -> list[dict[str, Any]]:
        """getUpdates: confirms below `offset`, then waits up to `wait` s for something new."""
        if offset is not None:
            self._confirm(offset)
        self.allow(allowed_updates)
        limit = min(max(limit or 100, 1), 100)  # Telegram clamps instead of refusing
        # A newer getUpdates call terminates the one still waiting, as on Telegram.
        self._wake("conflict")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(wait, 0)
        while not self._pending and not self._closed:
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            waiter: asyncio.Future[str] = loop.create_future()
            self._waiter = waiter
            try:
                reason = await asyncio.wait_for(asyncio.shield(waiter), remaining)
            except TimeoutError:
                break
            finally:
                if self._waiter is waiter:
                    self._waiter = None
            if reason == "conflict":
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
        return list(self._pending[:limit])
