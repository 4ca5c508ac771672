"""Logging that never shows the bot token: plain lines, or one JSON object a line.

Plain text is for a person at a terminal. JSON (`WIJKBOT_LOG_FORMAT=json`) is for a zone's
log collector: time, level, logger, message, and the update and person a line is about. An
error's message can quote what a person typed (a ValueError naming the text it could not
read), so in JSON an error shows its type and where it happened, never its message.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from dialogs.engine import log_context

PLAIN = "%(asctime)s %(levelname)s %(name)s: %(message)s"


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


class JsonLines(logging.Formatter):
    """One JSON object per record, on one line."""

    def __init__(self, token: str | None = None) -> None:
        super().__init__()
        self.token = token

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        update, person = log_context.update_id.get(), log_context.person_id.get()
        if update is not None:
            entry["update_id"] = update
        if person is not None:
            entry["person_id"] = person
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            entry["error"] = type(error).__qualname__
            entry["where"] = [
                f"{frame.filename}:{frame.lineno} {frame.name}"
                for frame in traceback.extract_tb(error.__traceback__)
            ]
        line = json.dumps(entry, ensure_ascii=False, default=str)
        # The filter already redacted the message; this also covers paths and frame names.
        return line.replace(self.token, "<token>") if self.token else line


def handler(token: str | None, json_lines: bool, stream: TextIO | None = None) -> logging.Handler:
    """A handler writing to `stream` (stderr by default) in the chosen format, token hidden."""
    made = logging.StreamHandler(stream if stream is not None else sys.stderr)
    made.setFormatter(JsonLines(token) if json_lines else logging.Formatter(PLAIN))
    made.addFilter(HideToken(token))
    return made


def setup_logging(token: str | None, level: int = logging.INFO, json_lines: bool = False) -> None:
    logging.basicConfig(level=level, handlers=[handler(token, json_lines)])
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
