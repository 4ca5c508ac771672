"""From the people's timings to the figures: updates a second, p50 and p99, and the lines
printed with their goals beside them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

RATE_GOAL = 0.8  # wijkbot's updates a second against the echo bot's, at least
P99_GOAL = 2.0  # wijkbot's p99 against the echo bot's, at most
EXPORT_GOAL = 1.5  # p99 of other people's updates during a whole-zone export, at most


@dataclass(frozen=True, slots=True)
class Figures:
    rate: float  # updates answered a second
    p50: float  # seconds
    p99: float
    updates: int
    lost: int


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: the value below which `share` of the values lie."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def figures_of(results: list[dict[str, Any]]) -> Figures:
    """Rounds pooled: answers within each round's time over the rounds' time together."""
    latencies: list[float] = []
    within, seconds, lost = 0, 0.0, 0
    for result in results:
        start, end = result["start"], result["end"]
        samples = result["samples"]
        latencies += [answered - posted for posted, answered in samples]
        within += sum(1 for _posted, answered in samples if answered <= end)
        seconds += end - start
        lost += result["lost"]
    rate = within / seconds if seconds else 0.0
    return Figures(
        rate, percentile(latencies, 0.5), percentile(latencies, 0.99), len(latencies), lost
    )


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def crowd_lines(people: int, echo: Figures, wijk: Figures) -> list[str]:
    rate_ratio = wijk.rate / echo.rate if echo.rate else 0.0
    p99_ratio = wijk.p99 / echo.p99 if echo.p99 else math.inf
    return [
        f"  {people:>3} people  echo bot {_row(echo)}",
        f"              wijkbot  {_row(wijk)}",
        f"              ratio    updates/s {rate_ratio:5.2f}x (goal >= {RATE_GOAL}x: "
        f"{_verdict(rate_ratio >= RATE_GOAL)})   p99 {p99_ratio:5.2f}x (goal <= {P99_GOAL}x: "
        f"{_verdict(p99_ratio <= P99_GOAL)})",
    ]


def _row(figures: Figures) -> str:
    lost = f"  {figures.lost} unanswered" if figures.lost else ""
    return (
        f"{figures.rate:7.1f} updates/s   p50 {figures.p50 * 1000:7.1f} ms"
        f"   p99 {figures.p99 * 1000:7.1f} ms   ({figures.updates} updates){lost}"
    )


def export_lines(without: Figures, during: Figures, export_seconds: float) -> list[str]:
    ratio = during.p99 / without.p99 if without.p99 else math.inf
    return [
        f"  without an export          p99 {without.p99 * 1000:7.1f} ms"
        f" ({without.updates} updates, just before and just after)",
        f"  during a whole-zone export p99 {during.p99 * 1000:7.1f} ms ({during.updates} updates;"
        f" the export took {export_seconds:.1f} s)",
        f"  ratio {ratio:5.2f}x (goal <= {EXPORT_GOAL}x: {_verdict(ratio <= EXPORT_GOAL)})",
    ]
