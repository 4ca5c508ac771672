"""The outbox's own Bot API calls: what each reply asks of Telegram, how each answer is taken."""

from __future__ import annotations

import json

import pytest

from bot.delivery.sending import Again, Blocked, Refused, Sent, Wait, outcome, request
from dialogs.engine.replies import Choice, CommandMenu, Message, Notice, StoredPhoto


def answer(**fields: object) -> bytes:
    return json.dumps(fields).encode()


def test_a_message_with_buttons_is_one_send_message_in_html() -> None:
    reply = Message("<b>Let op</b> &lt;auto&gt;", ((Choice("👀 Gezien", "s:1"),),), to=7)
    method, params = request(7, reply)
    assert method == "sendMessage"
    assert params == {
        "chat_id": 7,
        "text": "<b>Let op</b> &lt;auto&gt;",
        "parse_mode": "HTML",
        "reply_markup": {"inline_keyboard": [[{"text": "👀 Gezien", "callback_data": "s:1"}]]},
    }


def test_only_a_paid_broadcast_asks_for_one() -> None:
    assert "allow_paid_broadcast" not in request(7, Message("x"))[1]
    assert request(7, Message("x", paid_broadcast=True))[1]["allow_paid_broadcast"] is True
    photo = StoredPhoto("file-1", "<i>bus</i>", paid_broadcast=True)
    assert request(7, photo) == (
        "sendPhoto",
        {
            "chat_id": 7,
            "photo": "file-1",
            "caption": "<i>bus</i>",
            "parse_mode": "HTML",
            "allow_paid_broadcast": True,
        },
    )


def test_a_command_menu_is_set_for_that_chat_only() -> None:
    method, params = request(7, CommandMenu((("help", "Hulp"),), to=7))
    assert method == "setMyCommands"
    assert params["scope"] == {"type": "chat", "chat_id": 7}
    assert params["commands"] == [{"command": "help", "description": "Hulp"}]


def test_a_callback_answer_is_not_sent_to_a_chat() -> None:
    with pytest.raises(ValueError):
        request(7, Notice("ok"))


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (200, answer(ok=True, result={}), Sent()),
        (
            429,
            answer(ok=False, error_code=429, description="Too Many", parameters={"retry_after": 7}),
            Wait(7.0),
        ),
        (
            403,
            answer(ok=False, error_code=403, description="Forbidden: bot was blocked"),
            Blocked("Forbidden: bot was blocked"),
        ),
        (
            400,
            answer(ok=False, error_code=400, description="Bad Request: message is too long"),
            Refused("Bad Request: message is too long"),
        ),
        (
            400,
            answer(
                ok=False,
                error_code=400,
                description="migrated",
                parameters={"migrate_to_chat_id": -100},
            ),
            Refused("group moved to chat -100"),
        ),
        (
            502,
            answer(ok=False, error_code=502, description="Bad Gateway"),
            Again("Bad Gateway"),
        ),
        (401, answer(ok=False, error_code=401, description="Unauthorized"), Again("Unauthorized")),
        (502, b"<html>502 Bad Gateway</html>", Again("HTTP 502 without a Bot API answer")),
        (200, b"[]", Again("HTTP 200 without a Bot API answer")),
    ],
)
def test_each_answer_of_telegram_is_taken_as_what_to_do_next(
    status: int, body: bytes, expected: object
) -> None:
    assert outcome(status, body) == expected
