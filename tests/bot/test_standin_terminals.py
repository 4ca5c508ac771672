"""People played from another process: join, act and read one's own chat over real HTTP."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.standin import StandIn
from bot.standin.files import fabricate_png


@pytest.fixture
async def standin() -> AsyncIterator[StandIn]:
    async with StandIn(open_chats=True, terminals=True) as server:
        yield server


@pytest.fixture
async def bot(standin: StandIn) -> AsyncIterator[telegram.Bot]:
    client = telegram.Bot("123:abc", base_url=standin.base_url, base_file_url=standin.base_file_url)
    async with client:
        yield client


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


class Player:
    """The HTTP side of a terminal, as bare as a test can have it."""

    def __init__(self, http: aiohttp.ClientSession, standin: StandIn, user_id: int) -> None:
        self.http, self.base = http, f"{standin.url}/people/{user_id}"
        self.token = ""
        self.offset = 0

    async def join(self, name: str) -> tuple[int, dict[str, Any]]:
        async with self.http.post(f"{self.base}/join", json={"name": name}) as response:
            body = await response.json()
        if body["ok"]:
            self.token, self.offset = body["result"]["token"], body["result"]["offset"]
        return response.status, body

    async def call(self, method: str, path: str, **kwargs: Any) -> tuple[int, Any]:
        headers = {"X-Terminal": self.token}
        async with self.http.request(method, self.base + path, headers=headers, **kwargs) as r:
            return r.status, await r.json()

    async def act(self, **action: Any) -> int:
        status, _body = await self.call("POST", "/act", json=action)
        return status

    async def read(self, wait: float = 0) -> dict[str, Any]:
        query = {"offset": str(self.offset), "timeout": str(wait)}
        status, body = await self.call("GET", "/activity", params=query)
        assert status == 200, body
        self.offset = body["result"]["next"]
        result: dict[str, Any] = body["result"]
        return result


async def test_what_the_bot_sends_waits_for_its_person_and_shows_once(
    standin: StandIn, bot: telegram.Bot, http: aiohttp.ClientSession
) -> None:
    await bot.send_message(2002, "Je sectorscan staat klaar.")
    await bot.send_message(3003, "Voor iemand anders.")
    player = Player(http, standin, 2002)
    status, joined = await player.join("An")
    assert status == 200 and joined["result"]["waiting"] == 1
    items = (await player.read())["items"]
    assert [item["text"] for item in items] == ["Je sectorscan staat klaar."]
    assert (await player.read())["items"] == []
    assert standin.user(2002).first_name == "An"  # the name given when joining

    status, _body = await player.call("POST", "/leave")
    assert status == 200
    again = Player(http, standin, 2002)
    await again.join("An")
    assert again.offset == player.offset  # a new terminal of the same person starts where it left
    assert (await again.read())["items"] == []


async def test_a_person_plays_in_one_terminal_at_a_time(
    standin: StandIn, http: aiohttp.ClientSession
) -> None:
    first, second = Player(http, standin, 2002), Player(http, standin, 2002)
    assert (await first.join("An"))[0] == 200
    assert (await second.join("An"))[0] == 409
    assert await second.act(type="text", text="/start") == 403  # not joined, so no acting
    await first.call("POST", "/leave")
    assert (await second.join("An"))[0] == 200


async def test_a_terminal_types_presses_by_data_and_sees_the_popup(
    standin: StandIn, bot: telegram.Bot, http: aiohttp.ClientSession
) -> None:
    player = Player(http, standin, 2002)
    await player.join("An")
    assert await player.act(type="text", text="/start") == 200
    (update,) = await bot.get_updates()
    assert update.message is not None and update.message.text == "/start"
    assert update.message.from_user is not None and update.message.from_user.first_name == "An"

    # Two rows with the same labels: the press names the button by its data.
    grid = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Veel", callback_data="r1"),
                InlineKeyboardButton("Site", url="https://www.politie.be"),
            ],
            [InlineKeyboardButton("Veel", callback_data="r2")],
        ]
    )
    sent = await bot.send_message(2002, "Hoeveel hinder?", reply_markup=grid)
    (shown,) = (await player.read())["items"]
    assert [[b["data"] for b in row] for row in shown["buttons"]] == [["r1", None], ["r2"]]
    assert await player.act(type="press", message_id=sent.message_id, data="r2") == 200
    (pressed,) = await bot.get_updates(offset=update.update_id + 1)
    assert pressed.callback_query is not None and pressed.callback_query.data == "r2"
    await pressed.callback_query.answer("Dit is een titel.")
    (popup,) = (await player.read())["items"]
    assert popup == {"type": "answer", "text": "Dit is een titel.", "alert": False}
    assert await player.act(type="press", message_id=999, data="r2") == 400  # no such message


async def test_a_photo_from_a_terminal_can_be_sent_back_and_downloaded(
    standin: StandIn, bot: telegram.Bot, http: aiohttp.ClientSession
) -> None:
    player = Player(http, standin, 2002)
    await player.join("An")
    picture = fabricate_png(8, 6)
    assert await player.act(type="photo", data=base64.b64encode(picture).decode()) == 200
    (update,) = await bot.get_updates()
    assert update.message is not None
    file_id = update.message.photo[-1].file_id

    await bot.send_photo(2002, file_id, caption="Foto bij de melding")
    (item,) = (await player.read())["items"]
    assert item["text"] == "Foto bij de melding" and item["file"]["picture"] is True
    async with http.get(f"{standin.url}/file/botx/{item['file']['path']}") as response:
        assert await response.read() == picture
    assert await player.act(type="location", latitude=91, longitude=3) == 400
    assert await player.act(type="dance") == 400


async def test_a_stopping_world_ends_the_polls_at_once(http: aiohttp.ClientSession) -> None:
    standin = StandIn(terminals=True)
    await standin.start()
    player = Player(http, standin, 2002)
    await player.join("An")
    waiting = asyncio.create_task(player.read(wait=30))
    terminals = standin.terminals
    assert terminals is not None
    await standin.wait_until(lambda: terminals.polling == 1, what="the poll to wait")
    await standin.stop()
    result = await asyncio.wait_for(waiting, 5)
    assert result["closed"] is True


async def test_file_ids_outlive_the_stand_in_with_a_folder(tmp_path: Path) -> None:
    async with StandIn(file_folder=tmp_path) as first:
        message = await first.user(2002, "An").send_photo()
        file_id = message.raw["photo"][-1]["file_id"]
    async with StandIn(file_folder=tmp_path) as second:
        second.user(2002, "An")
        client = telegram.Bot("123:abc", base_url=second.base_url)
        async with client:
            sent = await client.send_photo(2002, file_id)
        assert sent.photo[-1].file_id == file_id
        assert second.files.get("../" + file_id) is None  # only names in its own folder


async def test_a_terminal_that_hangs_up_mid_poll_frees_its_person(
    standin: StandIn, http: aiohttp.ClientSession
) -> None:
    player = Player(http, standin, 2002)
    await player.join("An")
    polling = asyncio.create_task(player.read(wait=30))
    terminals = standin.terminals
    assert terminals is not None
    await standin.wait_until(lambda: terminals.polling == 1, what="the poll to wait")
    polling.cancel()  # the window closes: the connection drops without a goodbye
    await asyncio.gather(polling, return_exceptions=True)
    await standin.wait_until(lambda: terminals.polling == 0, what="the stand-in to notice")
    assert (await Player(http, standin, 2002).join("An"))[0] == 200
