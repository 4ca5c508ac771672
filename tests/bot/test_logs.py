"""The bot token never appears in the logs, whoever logs it; JSON lines hold no typed text."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from bot.logs import HideToken, handler
from dialogs.engine import log_context

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


def json_lines_of(emit: Callable[[logging.Logger], None]) -> list[dict[str, Any]]:
    stream = io.StringIO()
    logger = logging.getLogger("wijkbot.test.json")
    logger.addHandler(handler(TOKEN, json_lines=True, stream=stream))
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        emit(logger)
    finally:
        logger.handlers.clear()
    assert TOKEN not in stream.getvalue()
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_json_lines_hold_the_fields_and_the_context_of_the_update() -> None:
    def emit(logger: logging.Logger) -> None:
        logger.info("plain line")
        update, person = log_context.update_id.set(77), log_context.person_id.set(12)
        try:
            logger.warning("about update %d", 77)
        finally:
            log_context.update_id.reset(update)
            log_context.person_id.reset(person)

    first, second = json_lines_of(emit)
    assert set(first) == {"time", "level", "logger", "message"}
    assert first["level"] == "INFO" and first["logger"] == "wijkbot.test.json"
    assert datetime.fromisoformat(first["time"]).tzinfo is not None
    assert second["message"] == "about update 77"
    assert (second["update_id"], second["person_id"]) == (77, 12)


def test_json_errors_show_type_and_place_never_the_message_or_the_token() -> None:
    typed = "Kerkstraat 12, de buurman van Jan Janssens"

    def emit(logger: logging.Logger) -> None:
        logger.warning("POST /bot%s/sendMessage failed", TOKEN)
        try:
            int(typed)  # ValueError: invalid literal for int() with base 10: '<typed text>'
        except ValueError:
            logger.exception("could not read a number")

    warning, error = json_lines_of(emit)
    assert warning["message"] == "POST /bot<token>/sendMessage failed"
    assert error["error"] == "ValueError" and error["message"] == "could not read a number"
    assert error["where"] and "emit" in error["where"][-1]
    assert typed not in json.dumps(error) and "Janssens" not in json.dumps(error)
