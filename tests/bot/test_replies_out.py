"""Replies to the person go out even when telling someone else fails."""

from __future__ import annotations

import pytest
import telegram
from telegram.error import BadRequest

from bot.replies_out import deliver
from bot.standin import StandIn
from dialogs.engine.replies import Message


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
