"""An alert's messages queued a slice of members at a time, as the outbox sends them.

Queueing 5,000 members' messages in the sender's turn held the bot for everyone for a fifth of
a second, in one write transaction. Instead the turn keeps what each member gets with the
alert, and the outbox's lane for it (paid broadcasts or the others) queues the next members
when it runs out of what is due, in its claim's transaction (`AlertFeeder`). So the outbox
holds only what is about to go, each slice is a moment's work, and a crash between two slices
loses nothing: the last member queued is written with the slice. Members who leave before
their slice is queued are not sent it; those who join meanwhile are.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage import bin_alerts, bin_members, outbox

MOST_MEMBERS = 50  # members queued in one slice at most


class AlertFeeder:
    async def feed(self, conn: aiosqlite.Connection, now: datetime, paid: bool, room: int) -> int:
        """Queue up to `room` messages of the oldest alert of this lane still queueing."""
        waiting = await bin_alerts.next_to_queue(conn, paid)
        if waiting is None:
            return 0
        alert = waiting.alert
        per_member = 2 if waiting.photo is not None else 1
        limit = max(1, min(MOST_MEMBERS, room // per_member))
        after = alert.queued_until or 0
        members = await bin_members.reachable_after(conn, alert.areas, after, limit)
        rows: list[outbox.NewRow] = []
        for _person, chat in members:
            if waiting.photo is not None:
                key = f"bin.photo:{alert.id}:{chat}"
                rows.append(outbox.NewRow(chat, "bin.photo", key, waiting.photo, True, alert.paid))
            key, batch = f"bin.alert:{alert.id}:{chat}", alert.batch
            message = waiting.message
            rows.append(
                outbox.NewRow(chat, "bin.alert", key, message, True, alert.paid, None, batch)
            )
        queued = await outbox.enqueue_many(conn, rows, now) if rows else 0
        last = members[-1][0] if len(members) == limit else None  # a short slice was the last
        await bin_alerts.queued(conn, alert.id, last)
        return queued

    async def waiting(self, conn: aiosqlite.Connection) -> bool:
        return await bin_alerts.queueing(conn)
