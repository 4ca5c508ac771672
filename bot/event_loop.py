"""The event loop wijkbot runs on: uvloop where it is installed, asyncio's own elsewhere.

uvloop does a loop's own work (sockets, timers, callbacks) in C. With a paid BIN alert going
out at 1,000 messages a second, that work is most of what the bot does besides answering
people, and on uvloop someone else's answer waited less behind it (the p99 of `/help` while
three paid alerts went out, against without: 0.95-1.37x in three runs, 1.63-2.45x on asyncio's
loop in the runs between them). uvloop does not exist for Windows; there asyncio's loop runs.
The tests run on the same loop (tests/conftest.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

Result = TypeVar("Result")

try:
    import uvloop
except ImportError:  # Windows, or a platform without a wheel
    new_loop: Callable[[], asyncio.AbstractEventLoop] = asyncio.new_event_loop
else:
    new_loop = uvloop.new_event_loop


def run(main: Coroutine[Any, Any, Result]) -> Result:
    """asyncio.run, on wijkbot's loop."""
    with asyncio.Runner(loop_factory=new_loop) as runner:
        return runner.run(main)
