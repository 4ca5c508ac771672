"""The export process runs below the bot's priority from its very start."""

from __future__ import annotations

import os
import time

import pytest

from dialogs.wijk.export_process import NICENESS, LowContext

LOWEST = 19  # the kernel's floor for a nice value


@pytest.mark.skipif(not hasattr(os, "setpriority"), reason="no process priorities here")
def test_the_export_process_is_lowered_before_it_imports_anything() -> None:
    process = LowContext().Process(target=time.sleep, args=(30,))
    process.start()
    try:
        assert process.pid is not None
        # Already lowered when start() returns: a fresh interpreter is still starting then,
        # so it does not import the bot's modules at the bot's priority.
        expected = min(LOWEST, os.getpriority(os.PRIO_PROCESS, 0) + NICENESS)
        assert os.getpriority(os.PRIO_PROCESS, process.pid) == expected
    finally:
        process.kill()
        process.join()
