"""Messages owed to someone other than the person whose event is handled.

A turn that tells an officer of a new scan, residents of a changed meeting or a group of a
forwarded concern does not send anything itself: what it owes is queued in the outbox within
the turn's own transaction, and the dispatcher sends it after the commit. So the message exists
exactly when the change that causes it does, and once for each key: a key names the cause and
what it is about ("scan.ready:12:777"), so the same cause queues one message however often the
button that causes it is pressed.

A sending to many (a BIN alert) is queued by a feeder instead, a slice at a time as the outbox
sends it: the outbox's claim calls each feeder first, in its own transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

import aiosqlite

from dialogs.engine.replies import CommandMenu, Message, StoredPhoto
from dialogs.engine.reply_codec import dump_one
from storage import outbox

Addressed = Message | CommandMenu | StoredPhoto


class Feeder(Protocol):
    """Queues a sending to many a slice at a time, as the outbox's lanes ask for more."""

    async def feed(self, conn: aiosqlite.Connection, now: datetime, paid: bool, room: int) -> int:
        """Queue up to `room` more rows for the lane of paid broadcasts, or of the others;
        returns how many were queued. The caller holds the write transaction."""

    async def waiting(self, conn: aiosqlite.Connection) -> bool:
        """Whether some sending still has rows to queue."""


@dataclass(frozen=True, slots=True)
class Outgoing:
    reply: Addressed  # its `to` is the chat it goes to
    cause: str  # what it is for, e.g. "scan.summary"
    key: str  # queued once per key
    bulk: bool = False  # scheduled or sent to many: after what people caused just now
    batch: str | None = None  # one sending to many, to follow its progress

    @property
    def paid(self) -> bool:
        """One of Telegram's paid broadcasts: it goes in the outbox's lane for those."""
        return isinstance(self.reply, Message | StoredPhoto) and self.reply.paid_broadcast

    @property
    def chat_id(self) -> int:
        if self.reply.to is None:
            raise ValueError(f"an outgoing {self.cause} message without an address")
        return self.reply.to


async def queue(
    conn: aiosqlite.Connection,
    items: Iterable[Outgoing],
    now: datetime,
    update_id: int | None = None,
) -> int:
    """Queue each item unless its key was queued before; returns how many were new.

    All in one statement: an alert to thousands of members holds the turn a moment, not seconds.

    With `update_id`, the rows wait until the replies to that update were handed to Telegram,
    so the person who caused them is answered first.
    """
    rows = [
        outbox.NewRow(
            item.chat_id,
            item.cause,
            item.key,
            dump_one(item.reply),
            bulk=item.bulk,
            paid=item.paid,
            update_id=update_id,
            batch=item.batch,
        )
        for item in items
    ]
    return await outbox.enqueue_many(conn, rows, now) if rows else 0
