"""The bulk pace: messages wijkbot sends on its own (digests, reminders, notices) go out of
its outbox no faster than Telegram's 30 a second, and close to that while a backlog lasts."""

from __future__ import annotations

from pathlib import Path

BACKLOG = 1_000
RECIPIENTS = 100
BURST_GOAL = 30  # messages in any one second, at most
SUSTAINED_GOAL = 25.0  # messages a second over the backlog, at least ("close to 30")


async def queue_bulk_messages(database: Path, chat_ids: list[int], count: int) -> bool:
    """Queue `count` messages to `chat_ids` (in turn) in wijkbot's outbox in `database`, for
    its dispatcher to send at the bulk pace; True once they are queued.

    wijkbot has no outbox yet, so nothing can be queued: False, and the benchmark prints the
    bulk pace as not available. This is the one place to fill in when the outbox lands.
    """
    return False


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


def lines(times: list[float] | None, count: int) -> list[str]:
    if times is None:
        return ["  not available (wijkbot has no outbox to queue a backlog in)"]
    burst, rate = most_in_a_second(times), sustained(times)
    return [
        f"  {len(times)} of {count} messages arrived",
        f"  most in any one second {burst:4d} (goal <= {BURST_GOAL}: "
        f"{'ok' if burst <= BURST_GOAL else 'MISSED'})",
        f"  sustained over the backlog {rate:5.1f}/s (goal >= {SUSTAINED_GOAL}/s: "
        f"{'ok' if rate >= SUSTAINED_GOAL and len(times) == count else 'MISSED'})",
    ]
