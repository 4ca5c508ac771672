"""The bot's starting heap is set aside from the garbage collector, and garbage is not."""

from __future__ import annotations

import gc

from bot import heap


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_settling_collects_garbage_first_then_freezes_what_lives() -> None:
    kept = Cycle()
    Cycle()  # garbage: a cycle nothing refers to
    try:
        heap.settle()
        frozen = gc.get_freeze_count()
    finally:
        gc.unfreeze()
    assert frozen > 0 and kept.me is kept
    # Garbage made before settling was collected, not frozen for the process's life.
    assert [o for o in gc.get_objects() if type(o) is Cycle] == [kept]
