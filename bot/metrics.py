"""What the running bot counts: updates handled, errors, how long an update takes, the outbox.

The figures of this process live in a registry of their own (not prometheus_client's global
one), so two bots in one test process never mix. The outbox keeps its own figures in the
database; they are asked for through `OutboxFigures` when /healthz or /metrics is read.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from storage import outbox
from storage.db import Database

# From a button press answered from memory to a chart drawn for a whole zone.
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


@dataclass(frozen=True)
class OutboxFigures:
    """The outbox as the health check and the metrics show it."""

    backlog: int = 0  # messages waiting to be sent
    oldest_age: float | None = None  # seconds the oldest of them has waited; None when empty
    sent: int = 0  # sent, of the messages still on record (a month)
    failed: int = 0  # given up on, of the messages still on record


OutboxProvider = Callable[[], Awaitable[OutboxFigures]]


async def no_outbox() -> OutboxFigures:
    """A provider with nothing waiting and nothing sent, for a bot without a database."""
    return OutboxFigures()


class Metrics:
    def __init__(self, outbox: OutboxProvider = no_outbox) -> None:
        self.registry = CollectorRegistry()
        self.outbox = outbox
        self.updates = Counter(
            "wijkbot_updates_handled", "Updates handled.", registry=self.registry
        )
        self.errors = Counter(
            "wijkbot_errors", "Errors in handling updates or in jobs.", registry=self.registry
        )
        self.latency = Histogram(
            "wijkbot_update_seconds",
            "Time from an update's start to its last reply sent.",
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self._last_handled: float | None = None  # time.monotonic() of the last update done
        self._outbox = _OutboxCollector()
        self.registry.register(self._outbox)

    @contextmanager
    def handling(self) -> Iterator[None]:
        """Around one update: counts it and times it, whether it succeeds or fails."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.latency.observe(time.perf_counter() - start)
            self.updates.inc()
            self._last_handled = time.monotonic()

    def seconds_since_update(self) -> float | None:
        if self._last_handled is None:
            return None
        return time.monotonic() - self._last_handled

    async def exposition(self) -> bytes:
        """Every figure in the Prometheus text format, the outbox's asked for now."""
        self._outbox.figures = await self.outbox()
        return generate_latest(self.registry)


class _OutboxCollector(Collector):
    """The outbox's figures as of the last `exposition()`: they are kept elsewhere."""

    def __init__(self) -> None:
        self.figures = OutboxFigures()

    def collect(self) -> Iterable[Metric]:
        figures = self.figures
        yield CounterMetricFamily(
            "wijkbot_outbox_sent", "Outbox messages sent.", value=figures.sent
        )
        yield CounterMetricFamily(
            "wijkbot_outbox_failed", "Outbox messages given up on.", value=figures.failed
        )
        yield GaugeMetricFamily(
            "wijkbot_outbox_backlog", "Outbox messages waiting.", value=figures.backlog
        )
        yield GaugeMetricFamily(
            "wijkbot_outbox_oldest_seconds",
            "Seconds the oldest waiting outbox message has waited (0 when none waits).",
            value=figures.oldest_age or 0.0,
        )


def outbox_of(db: Database, clock: Callable[[], datetime]) -> OutboxProvider:
    """The provider that reads the outbox's figures from the database."""

    async def read() -> OutboxFigures:
        async with db.transaction() as conn:
            found = await outbox.figures(conn)
        age = (clock() - found.oldest).total_seconds() if found.oldest is not None else None
        return OutboxFigures(found.backlog, age, found.sent, found.failed)

    return read
