"""How one reminder's sending ends, for each kind of answer Telegram can give."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.reminder_jobs import NETWORK_ATTEMPTS, send
from dialogs.engine.replies import Message
from dialogs.reminders.run import Outcome


class FakeBot:
    """Answers send_message with the given errors in turn, then succeeds."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def send_message(self, *_args: Any, **_kwargs: Any) -> None:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)


def gateway() -> NetworkError:
    return NetworkError("Bad Gateway")


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
@pytest.mark.parametrize(
    ("errors", "outcome", "calls"),
    [
        ((), Outcome.SENT, 1),
        ((lambda: Forbidden("Forbidden: bot was blocked by the user"),), Outcome.BLOCKED, 1),
        ((lambda: BadRequest("Bad Request: chat not found"),), Outcome.FAILED, 1),
        ((TimedOut, gateway), Outcome.SENT, 3),
        ((gateway,) * NETWORK_ATTEMPTS, Outcome.RETRY, NETWORK_ATTEMPTS),
        ((lambda: RetryAfter(30),), Outcome.RETRY, 1),  # the rate limiter already waited
    ],
)
async def test_outcomes(
    errors: tuple[Callable[[], Exception], ...], outcome: Outcome, calls: int
) -> None:
    bot = FakeBot(*(make() for make in errors))
    message = Message("<b>Bezoeken</b>", to=500)
    assert await send(bot, message, pause=0) is outcome  # type: ignore[arg-type]
    assert bot.calls == calls
