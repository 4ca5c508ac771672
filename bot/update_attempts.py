"""An update whose turn fails is tried again, three times in all, then given up and skipped.

A turn runs in one transaction, so a failed attempt left nothing behind and trying again is
safe: a moment's trouble (a locked database, say) costs the person a short wait, not their
answer. Whatever happens, one line is logged per update, with its id and the reason, never
the person's name or text.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.logs import reason_of

log = logging.getLogger(__name__)

ATTEMPTS = 3
PAUSE = 0.25  # seconds before the second attempt; twice that before the third

T = TypeVar("T")


class UpdateSkipped(Exception):
    """Every attempt failed; the update was logged and is given up."""

    def __init__(self, update_id: int) -> None:
        super().__init__(f"update {update_id} skipped")
        self.update_id = update_id


async def attempted(update_id: int, run: Callable[[], Awaitable[T]], pause: float = PAUSE) -> T:
    """`run()`'s result, tried up to ATTEMPTS times; raises UpdateSkipped after the last."""
    reasons: list[str] = []
    attempt = 1
    while True:
        try:
            result = await run()
        except Exception as error:  # any failure of a turn is tried again
            reasons.append(reason_of(error))
            if attempt == ATTEMPTS:
                log.error(
                    "update %s skipped after %s failed attempts: %s",
                    update_id,
                    ATTEMPTS,
                    "; ".join(reasons),
                )
                raise UpdateSkipped(update_id) from error
            await asyncio.sleep(pause * attempt)
            attempt += 1
            continue
        if reasons:
            log.warning(
                "update %s handled at attempt %s, after: %s", update_id, attempt, "; ".join(reasons)
            )
        return result
