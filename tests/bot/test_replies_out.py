"""Answers to a person: only Telegram's 429 holds them back, for as long as it asks."""

from __future__ import annotations

import pytest
import telegram
from telegram.error import BadRequest

from bot.replies_out import deliver
from bot.standin import StandIn
from dialogs.engine.replies import Message


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
