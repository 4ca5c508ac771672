"""The running bot's JSON log: one object a line, naming updates and people only by id."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.logs import handler
from tests.e2e.conftest import RunningBot

TOKEN = "123:e2e"  # the e2e bot's token
NAME, SURNAME = "Jozefien", "Vandenbroucke"
TYPED = ("Kerkstraat", "geheime opmerking over de buren")


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    """The root logger in JSON at INFO, as `wijkbot run` sets it up with WIJKBOT_LOG_FORMAT."""
    stream = io.StringIO()
    root = logging.getLogger()
    json_handler = handler(TOKEN, json_lines=True, stream=stream)
    level = root.level
    root.addHandler(json_handler)
    root.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        root.removeHandler(json_handler)
        root.setLevel(level)


async def test_json_log_lines_parse_and_hold_no_token_name_or_typed_text(
    bot: RunningBot, log_stream: io.StringIO
) -> None:
    person = bot.standin.user(6001, NAME, last_name=SURNAME)
    await person.send("/proef")
    await bot.settle()
    await person.press("Soms")
    await bot.settle()
    await person.send(TYPED[0])
    await bot.settle()
    await person.send("/contacten")  # refused to a resident, and logged as such
    await bot.settle()
    bot.standin.fail_next("sendMessage", error_code=400, description="Bad Request: x")
    await person.send(TYPED[1])  # the answer to it fails: an error with its traceback
    await bot.settle()

    written = log_stream.getvalue()
    lines = [json.loads(line) for line in written.splitlines()]
    assert lines and all({"time", "level", "logger", "message"} <= set(line) for line in lines)
    for secret in (TOKEN, NAME, SURNAME, *TYPED):
        assert secret not in written, secret
    refused = [line for line in lines if line["message"].startswith("refused /contacten")]
    failed = [line for line in lines if line["level"] == "ERROR"]
    assert refused and failed
    # Both name the update and the person by id, the error its type and where it was raised.
    person_ids = {line["person_id"] for line in refused + failed}
    assert len(person_ids) == 1 and isinstance(person_ids.pop(), int)
    assert all(isinstance(line["update_id"], int) for line in refused + failed)
    assert failed[0]["message"].startswith(
        f"update {failed[0]['update_id']} failed: BadRequest in "
    )
