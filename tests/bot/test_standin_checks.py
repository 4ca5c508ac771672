"""The stand-in refuses what Telegram refuses, checked against the Bot API description."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest

from bot.standin import StandIn


@pytest.fixture
async def standin() -> AsyncIterator[StandIn]:
    async with StandIn() as server:
        server.user(1001, "Jan")
        yield server


@pytest.fixture
async def bot(standin: StandIn) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(token="123:abc", base_url=standin.url + "/bot") as client:
        yield client


async def post(standin: StandIn, method: str, **kwargs: Any) -> tuple[int, dict[str, Any]]:
    """A raw call, bypassing python-telegram-bot's own argument checks."""
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{standin.url}/bot123:abc/{method}", **kwargs) as response,
    ):
        return response.status, await response.json()


async def test_text_over_4096_characters_is_rejected(standin: StandIn, bot: telegram.Bot) -> None:
    await bot.send_message(1001, "x" * 4096)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(1001, "x" * 4097)
    # The limit counts the text after entity parsing, so tags do not count.
    await bot.send_message(1001, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    assert [r.method for r in standin.rejected] == ["sendMessage"]


async def test_lengths_count_utf16_code_units_as_telegram_does(
    standin: StandIn, bot: telegram.Bot
) -> None:
    emoji = "\N{POUTING FACE}"  # one character, two UTF-16 code units
    await bot.send_message(1001, emoji * 2048)
    await bot.send_message(1001, "\u200f" * 4096)  # right-to-left marks are one unit each
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(1001, emoji * 2048 + "x")  # 2 049 characters, 4 097 units
    with pytest.raises(BadRequest, match=r"(?i)message caption is too long"):
        await bot.send_photo(1001, b"\x89PNG\r\n\x1a\n", caption=emoji * 513)
    # An entity counts as the one character it stands for.
    await bot.send_message(1001, "&amp;" * 4096, parse_mode="HTML")
    assert [r.method for r in standin.rejected] == ["sendMessage", "sendPhoto"]


async def test_text_empty_after_parsing_is_rejected(bot: telegram.Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(1001, "<b> </b>", parse_mode="HTML")


async def test_caption_over_1024_characters_is_rejected(bot: telegram.Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)message caption is too long"):
        await bot.send_photo(1001, b"\x89PNG\r\n\x1a\n", caption="x" * 1025)


async def test_callback_data_over_64_bytes_is_rejected(standin: StandIn, bot: telegram.Bot) -> None:
    def markup(data: str) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup([[InlineKeyboardButton("Ja", callback_data=data)]])

    await bot.send_message(1001, "ok", reply_markup=markup("é" * 32))  # 64 bytes
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(1001, "te lang", reply_markup=markup("x" * 65))
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(1001, "33 tekens van 2 bytes", reply_markup=markup("é" * 33))
    assert len(standin.rejected) == 2


@pytest.mark.parametrize(
    "button",
    [
        {"text": "Niets"},
        {"text": "Twee", "callback_data": "a", "url": "https://example.org"},
    ],
)
async def test_button_needs_exactly_one_action(standin: StandIn, button: dict[str, Any]) -> None:
    markup = json.dumps({"inline_keyboard": [[button]]})
    status, body = await post(
        standin, "sendMessage", data={"chat_id": "1001", "text": "x", "reply_markup": markup}
    )
    assert status == 400 and body["ok"] is False and body["error_code"] == 400
    assert "exactly one" in body["description"]
    assert standin.rejected[0].method == "sendMessage"


async def test_unescaped_html_is_rejected_and_escaped_html_shown(
    standin: StandIn, bot: telegram.Bot
) -> None:
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(1001, "<b>&</b>", parse_mode="HTML")

    await bot.send_message(1001, "&lt;b&gt;&amp;&lt;/b&gt;", parse_mode="HTML")
    last = standin.user(1001).last
    assert last is not None and last.text == "<b>&</b>"


@pytest.mark.parametrize(
    "html",
    [
        "<p>alinea</p>",
        "<b>vet <i>schuin</b></i>",
        "<b>niet gesloten",
        "los</b>",
        '<span class="rood">x</span>',
        "a < b",
        "a > b",
        "&nbsp;",
    ],
)
async def test_invalid_html_is_rejected(standin: StandIn, bot: telegram.Bot, html: str) -> None:
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(1001, html, parse_mode="HTML")
    assert standin.rejected[0].description.startswith("Bad Request: can't parse entities: ")


async def test_supported_html_is_accepted(standin: StandIn, bot: telegram.Bot) -> None:
    html = (
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike>"
        '<del>d</del><span class="tg-spoiler">p</span><tg-spoiler>t</tg-spoiler>'
        '<a href="https://example.org/?a=1&amp;b=2">link</a><code>c</code>'
        '<pre><code class="language-python">x = 1</code></pre>'
        "<blockquote expandable>q</blockquote>&#128110;&quot;"
    )
    sent = await bot.send_message(1001, html, parse_mode="HTML")
    assert sent.text == 'bsieunskdptlinkcx = 1q\N{POLICE OFFICER}"'
    assert standin.rejected == []


async def test_missing_required_field_is_rejected(standin: StandIn) -> None:
    status, body = await post(standin, "sendMessage", data={"text": "zonder chat"})
    assert status == 400
    assert body == {
        "ok": False,
        "error_code": 400,
        "description": 'Bad Request: parameter "chat_id" is required',
    }
    status, body = await post(standin, "sendMessage", json={"chat_id": 1001})
    assert (status, body["description"]) == (400, "Bad Request: message text is empty")
    assert [r.method for r in standin.rejected] == ["sendMessage", "sendMessage"]


async def test_wrong_types_are_rejected(standin: StandIn) -> None:
    status, body = await post(
        standin, "sendMessage", data={"chat_id": "1001", "text": "x", "disable_notification": "?"}
    )
    assert status == 400 and "disable_notification" in body["description"]
    status, body = await post(standin, "getUpdates", json={"offset": "een"})
    assert status == 400 and "Integer" in body["description"]
    status, body = await post(
        standin, "sendMessage", data={"chat_id": "1001", "text": "x", "reply_markup": "{"}
    )
    assert status == 400 and "reply_markup" in body["description"]
    assert len(standin.rejected) == 3


async def test_json_and_form_values_are_decoded(standin: StandIn) -> None:
    markup = {"inline_keyboard": [[{"text": "Ja", "callback_data": "y"}]]}
    status, body = await post(
        standin, "sendMessage", json={"chat_id": 1001, "text": "json", "reply_markup": markup}
    )
    assert status == 200 and body["result"]["reply_markup"] == markup
    status, body = await post(
        standin,
        "sendMessage",
        data={"chat_id": "1001", "text": "123", "reply_markup": json.dumps(markup)},
    )
    assert status == 200 and body["result"]["text"] == "123"  # a String stays a string
    assert standin.calls("sendMessage")[1]["chat_id"] == 1001


async def test_unknown_method_is_not_found(standin: StandIn) -> None:
    status, body = await post(standin, "sendTelepathy", data={"chat_id": "1001"})
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})
    assert standin.rejected[0].method == "sendTelepathy"


async def test_method_names_are_case_insensitive(standin: StandIn) -> None:
    status, body = await post(standin, "getme")
    assert status == 200 and body["result"]["username"] == "wijkbot_test_bot"


async def test_bot_commands_are_checked(bot: telegram.Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([("Melding", "Hoofdletters mogen niet")])
