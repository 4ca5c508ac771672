"""The BIN benchmark runs end to end on a small wijk: the stand-in in its own process."""

from __future__ import annotations

import pytest

from bot.bin_benchmark import most_in_one_second, run_bin_benchmark


def test_most_in_one_second_counts_a_sliding_window() -> None:
    assert most_in_one_second([0.0, 0.5, 0.99, 1.0, 1.2, 3.0]) == 4
    assert most_in_one_second([]) == 0


async def test_every_member_is_reached_and_the_pace_is_printed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert await run_bin_benchmark(40, paid=False, quiet=1.0) == 0
    printed = capsys.readouterr().out
    assert "members reached: 40 of 40" in printed
    line = next(line for line in printed.splitlines() if line.startswith("most messages"))
    assert 1 <= int(line.split(":")[1].split()[0]) <= 30  # never above the broadcast limit
    answers = next(line for line in printed.splitlines() if line.startswith("others' answers"))
    # Someone else asked, and was answered, both before the alert and while it went out.
    assert "(0 asked)" not in answers and answers.count(" asked)") == 2
