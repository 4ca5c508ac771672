"""The bot token never appears in the logs, whoever logs it."""

from __future__ import annotations

import io
import logging

from bot.logs import HideToken

TOKEN = "123456:AAE-secret-token"


def test_the_token_is_replaced_in_every_record() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(HideToken(TOKEN))
    logger = logging.getLogger("wijkbot.test.logs")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("POST https://api.telegram.org/bot%s/getUpdates failed", TOKEN)
        logger.error(f"request to /bot{TOKEN}/sendMessage")
        try:
            raise RuntimeError(f"connection to /bot{TOKEN}/getMe lost")
        except RuntimeError:
            logger.exception("network error")
    finally:
        logger.removeHandler(handler)
    written = stream.getvalue()
    assert TOKEN not in written
    assert written.count("<token>") == 3  # two messages and the traceback
