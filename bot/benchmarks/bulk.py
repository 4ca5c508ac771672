"""The bulk pace: messages wijkbot sends on its own (digests, reminders, notices) go out of
its outbox no faster than Telegram's 30 a second, and close to that while a backlog lasts."""

from __future__ import annotations

from pathlib import Path

from bot.runtime import utc_now
from dialogs.engine.replies import Message
from dialogs.engine.reply_codec import dump_one
from storage import outbox
from storage.db import Database

BACKLOG = 1_000
RECIPIENTS = 100
BURST_GOAL = 30  # messages in any one second, at most
SUSTAINED_GOAL = 25.0  # messages a second over the backlog, at least ("close to 30")


async def queue_bulk_messages(database: Path, chat_ids: list[int], count: int) -> None:
    """Queue `count` bulk messages to `chat_ids` (in turn) in wijkbot's outbox in `database`,
    in one transaction, as a reminder run queues its digests.

    The running bot's dispatcher finds them on its next look (every few seconds when nobody
    wakes it) and sends them at the bulk pace.
    """
    db = await Database.open(database)
    try:
        now = utc_now()
        async with db.transaction() as conn:
            for number in range(count):
                await outbox.enqueue(
                    conn,
                    chat_id=chat_ids[number % len(chat_ids)],
                    cause="benchmark",
                    dedupe_key=f"benchmark-{number}",
                    payload=dump_one(Message(f"Bericht {number + 1} van {count}")),
                    now=now,
                    bulk=True,
                )
    finally:
        await db.close()


def most_in_a_second(times: list[float]) -> int:
    """The most arrivals within any window of one second."""
    ordered, most, first = sorted(times), 0, 0
    for last, time in enumerate(ordered):
        while time - ordered[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


def sustained(times: list[float]) -> float:
    """Messages a second from the first arrival to the last."""
    if len(times) < 2:
        return 0.0
    return (len(times) - 1) / (max(times) - min(times))


def met(times: list[float], count: int) -> bool:
    everything = len(times) == count
    return (
        everything and most_in_a_second(times) <= BURST_GOAL and sustained(times) >= SUSTAINED_GOAL
    )


def lines(times: list[float], count: int) -> list[str]:
    burst, rate = most_in_a_second(times), sustained(times)
    return [
        f"  {len(times)} of {count} messages arrived",
        f"  most in any one second {burst:4d} (goal <= {BURST_GOAL}: "
        f"{'ok' if burst <= BURST_GOAL else 'MISSED'})",
        f"  sustained over the backlog {rate:5.1f}/s (goal >= {SUSTAINED_GOAL}/s: "
        f"{'ok' if rate >= SUSTAINED_GOAL and len(times) == count else 'MISSED'})",
    ]
