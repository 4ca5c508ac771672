"""Replies to the person go out even when telling someone else fails; long reads in turn."""

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


async def test_a_failed_message_to_someone_else_does_not_fail_the_turn() -> None:
    async with StandIn() as standin:
        jan = standin.user(1001, "Jan")
        blocked = standin.user(2002, "Geblokkeerd")
        blocked.block()
        bot = telegram.Bot("123:abc", base_url=standin.base_url)
        async with bot:
            await deliver(
                bot,
                1001,
                [
                    Message("aan een onbekende", to=3003),
                    Message("aan iemand die blokkeerde", to=2002),
                    Message("aan Jan"),
                ],
            )
            assert [m.text for m in jan.bot_messages] == ["aan Jan"]
            with pytest.raises(BadRequest):  # the person's own chat failing is an error
                await deliver(bot, 3003, [Message("weg")])
        assert [r.description for r in standin.rejected] == [
            "Bad Request: chat not found",
            "Bad Request: chat not found",
        ]


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
