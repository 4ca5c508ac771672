"""Answers to a person: only Telegram's 429 holds them back, for as long as it asks; a long
read is read in its turn."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import aiosqlite
import pytest
import telegram
from telegram.error import BadRequest

from bot.replies_out import deliver
from bot.standin import StandIn
from dialogs.engine.replies import LongRead, Message, Reply
from storage.db import Database


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # PTB's own
async def test_an_answer_waits_out_a_429_for_its_chat_and_then_goes() -> None:
    async with StandIn() as standin:
        jan = standin.user(1001, "Jan")
        standin.fail_next("sendMessage", retry_after=1)
        async with telegram.Bot("123:abc", base_url=standin.base_url) as bot:
            await deliver(bot, 1001, [Message("eerst"), Message("dan")])
        assert [m.text for m in jan.bot_messages] == ["eerst", "dan"]
        refused, accepted = [a.at for a in standin.arrivals if a.method == "sendMessage"][:2]
        assert accepted - refused >= 1.0  # waited as asked, not less


async def test_the_persons_own_chat_failing_is_an_error() -> None:
    async with StandIn() as standin:
        async with telegram.Bot("123:abc", base_url=standin.base_url) as bot:
            with pytest.raises(BadRequest):
                await deliver(bot, 3003, [Message("weg")])
        assert [r.description for r in standin.rejected] == ["Bad Request: chat not found"]


async def test_a_long_read_is_read_in_its_turn_on_a_reader(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "wijkbot.db")
    seen: list[bool] = []

    async def read(conn: aiosqlite.Connection) -> list[Reply]:
        seen.append(conn.in_transaction)
        rows = list(await conn.execute_fetchall("SELECT count(*) FROM people"))
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            await conn.execute("DELETE FROM people")
        return [Message(f"{rows[0][0]} mensen"), Message("daarna")]

    try:
        async with StandIn() as standin:
            jan = standin.user(1001, "Jan")
            bot = telegram.Bot("123:abc", base_url=standin.base_url)
            async with bot:
                replies: list[Reply] = [Message("eerst"), LongRead(read), Message("laatst")]
                await deliver(bot, 1001, replies, reader=db.reader)
                with pytest.raises(ValueError, match="reader"):
                    await deliver(bot, 1001, [LongRead(read)])
        texts = [m.text for m in jan.bot_messages]
        assert texts == ["eerst", "0 mensen", "daarna", "laatst"]
        assert seen == [True]  # inside the reader's own snapshot, not the writer's transaction
    finally:
        await db.close()
