"""Logging that never shows the bot token, nor what people wrote."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path


class HideToken(logging.Filter):
    def __init__(self, token: str | None) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.token:
            return True
        message = record.getMessage()
        if self.token in message:
            record.msg = message.replace(self.token, "<token>")
            record.args = ()
        if record.exc_info and not record.exc_text:
            # A traceback can quote a request URL; format it here to redact it.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = record.exc_text.replace(self.token, "<token>")
        return True


def setup_logging(token: str | None, level: int = logging.INFO) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(HideToken(token))
    # httpx logs every request URL, and the token is part of the URL.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def reason_of(error: BaseException) -> str:
    """What went wrong, for a log line: the kind of error and where it was raised.

    Never the error's message: it may quote what a person sent (a name, a text), and those
    stay out of the log.
    """
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return type(error).__name__
    last = frames[-1]
    return f"{type(error).__name__} in {last.name} ({Path(last.filename).name}:{last.lineno})"
