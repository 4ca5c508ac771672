"""The arithmetic of the conversation benchmark: percentiles, rates and the bulk pace."""

from __future__ import annotations

import pytest

from bot.benchmarks.bulk import most_in_a_second, sustained
from bot.benchmarks.figures import figures_of, percentile


def test_percentile_is_the_nearest_rank() -> None:
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.5) == 50.0
    assert percentile(values, 0.99) == 99.0
    assert percentile([3.0], 0.99) == 3.0


def test_rounds_pool_their_answers_and_count_only_those_in_time() -> None:
    first = {"start": 0.0, "end": 2.0, "samples": [[0.0, 0.5], [0.5, 1.5], [1.5, 2.5]], "lost": 0}
    second = {"start": 10.0, "end": 12.0, "samples": [[10.0, 10.25]], "lost": 1}
    figures = figures_of([first, second])
    assert figures.rate == pytest.approx(3 / 4)  # the answer after the first round's end is out
    assert figures.updates == 4 and figures.lost == 1
    assert figures.p50 == pytest.approx(0.5)
    assert figures.p99 == pytest.approx(1.0)


def test_the_bulk_pace_in_any_second_and_over_the_backlog() -> None:
    steady = [n / 32 for n in range(320)]  # 32 a second for ten seconds (exact in binary)
    assert most_in_a_second(steady) == 32
    assert sustained(steady) == pytest.approx(32.0)
    burst = [5.0 + n / 1000 for n in range(40)] + [7.0, 9.0]
    assert most_in_a_second(burst) == 40
    assert sustained([1.0]) == 0.0
