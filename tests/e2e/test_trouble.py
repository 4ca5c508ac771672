"""Trouble the bot meets and gets over: an update it cannot read, a turn that keeps failing, a
second process polling with the same token, a button under an inline message. Each is logged
in one line without names or texts, and the next person is answered at once."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import pytest

from dialogs.engine import events
from dialogs.engine.replies import Reply
from tests.e2e.conftest import RunningBot

NAME = "Mariekeprobe"  # a first name that must never reach the log
SECRET = "mijn buurman Jef deelt"  # a text that must never reach the log
FAILED = "Sorry, er ging iets mis"
CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
    "is running"
)


@pytest.fixture(autouse=True)
def info(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """The levels `wijkbot run` logs at (bot.logs.setup_logging)."""
    caplog.set_level(logging.INFO)
    requests = logging.getLogger("httpx")  # not caplog.set_level: that sets its handler too
    level = requests.level
    requests.setLevel(logging.WARNING)
    yield
    requests.setLevel(level)


def logged(caplog: pytest.LogCaptureFixture, since: int) -> list[str]:
    """Lines logged after the first `since` records, as a log file would have them."""
    return [f"{r.levelname} {r.name}: {r.getMessage()}" for r in caplog.records[since:]]


async def test_an_unreadable_update_is_skipped_and_the_next_answered_at_once(
    bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    person = bot.person(42, NAME)
    await person.send("/start")
    calls, records = len(bot.standin.calls("getUpdates")), len(caplog.records)
    started = time.monotonic()
    await person.sim.send_unreadable(f"{SECRET}, groet {NAME}")
    await person.send("/help")
    answered = time.monotonic() - started
    assert "/privacy" in person.text  # the help, not an error
    assert answered < 5  # was: never, behind ~380 getUpdates a second
    await bot.standin.wait_until(lambda: not bot.standin.queue.pending, what="confirmation")
    lines = logged(caplog, records)
    assert len(lines) == 1 and lines[0].startswith("WARNING bot.polling: update ")
    assert "skipped: unreadable (TypeError" in lines[0]
    assert sum(map(len, lines)) < 200  # was: 3 MB a second
    assert NAME not in caplog.text and SECRET not in caplog.text
    assert len(bot.standin.calls("getUpdates")) - calls <= 5


async def test_a_turn_that_keeps_failing_is_logged_once_and_skipped(
    bot: RunningBot, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert bot.runtime is not None
    engine = bot.runtime.engine
    handle = engine.handle
    failures = {"flaky": 1, "broken": 10}
    attempts: list[str] = []

    async def failing(
        sender: events.Sender, event: events.Event, update_id: int | None = None
    ) -> list[Reply]:
        if isinstance(event, events.Text) and event.text in failures:
            attempts.append(event.text)
            if failures[event.text] > 0:
                failures[event.text] -= 1
                raise RuntimeError(f"{sender.name} wrote {SECRET}")
        return await handle(sender, event, update_id=update_id)

    monkeypatch.setattr(engine, "handle", failing)
    person = bot.person(42, NAME)
    await person.send("/start")
    records = len(caplog.records)

    await person.send("flaky")  # fails once, then works: the person notices nothing
    assert FAILED not in person.text
    await person.send("broken")  # fails three times: given up
    assert FAILED in person.text
    await person.send("/help")
    assert "/privacy" in person.text
    assert attempts == ["flaky", "flaky", "broken", "broken", "broken"]

    lines = logged(caplog, records)
    assert len(lines) == 2
    assert "handled at attempt 2, after: RuntimeError in failing" in lines[0]
    assert lines[1].startswith("ERROR bot.update_attempts: update ")
    assert "skipped after 3 failed attempts: RuntimeError in failing" in lines[1]
    assert NAME not in caplog.text and SECRET not in caplog.text
    assert not any(record.exc_info for record in caplog.records[records:])


async def test_a_second_instance_is_said_in_one_line_and_waited_out(
    bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    person = bot.person(42, NAME)
    await person.send("/start")
    records = len(caplog.records)
    bot.standin.fail_next(
        "getUpdates", error_code=409, description=CONFLICT, retry_after=None, times=6
    )
    await person.send("/help")  # the poll already waiting brings it; the next six get 409
    await person.send("/privacy")  # comes once the other process is gone
    assert "bewaar" in person.text.lower()
    lines = logged(caplog, records)
    assert lines == [
        "WARNING bot.polling: another process is polling Telegram with this bot token (or a "
        "webhook is set); waiting for it to stop",
        "INFO bot.polling: getUpdates works again after 6 failed calls",
    ]
    assert "Traceback" not in caplog.text


async def test_a_button_under_an_inline_message_is_answered(bot: RunningBot) -> None:
    person = bot.person(42, NAME)
    await person.sim.press_inline("m:help:")
    await bot.settle()
    assert [answer.text for answer in person.sim.answers] == ["Deze knop is niet meer geldig."]
    assert not bot.standin.pending_queries  # the client stops spinning
    assert person.sim.bot_messages == []  # there is no chat to write in
