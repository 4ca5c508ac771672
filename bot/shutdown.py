"""Stopping on SIGTERM or SIGINT: gracefully the first time, at once the second.

After the first signal `until_signalled()` returns, and leaving the polling block stops
fetching, lets the update in hand and the message being sent finish, and closes the
database. Should that take longer than STOP_WITHIN seconds, the process exits anyway, before
a supervisor's usual 10 seconds run out and it sends SIGKILL. A second signal exits at once.
Either way nothing committed is lost: each update is one database transaction.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
import threading
from types import FrameType

log = logging.getLogger(__name__)

STOP_WITHIN = 8.0  # seconds from the first signal to the exit, at most
SIGNALS = (signal.SIGINT, signal.SIGTERM)


async def until_signalled() -> None:
    """Return at the first SIGTERM or SIGINT; from then on, a second one exits at once."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def first(signum: int) -> None:
        log.info("%s: finishing the update in hand, then stopping", signal.Signals(signum).name)
        for sig in SIGNALS:
            loop.remove_signal_handler(sig)
            # A plain handler, not the loop's: it runs even while the loop is busy.
            signal.signal(sig, _exit_at_once)
        deadline = threading.Timer(STOP_WITHIN, _exit_now, args=("stopping took too long",))
        deadline.daemon = True
        deadline.start()
        stop.set()

    for sig in SIGNALS:
        loop.add_signal_handler(sig, first, sig)
    await stop.wait()


def _exit_at_once(signum: int, _frame: FrameType | None) -> None:
    _exit_now(f"second {signal.Signals(signum).name}: stopping at once", 128 + signum)


def _exit_now(reason: str, code: int = 128 + signal.SIGTERM) -> None:
    log.warning(reason)
    for handler in logging.getLogger().handlers:
        handler.flush()
    sys.stderr.flush()
    os._exit(code)  # no clean-up: that is what was asked for, or what took too long
