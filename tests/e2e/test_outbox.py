"""The outbox's dispatcher against the stand-in: Telegram's errors, its limits, and answers that
never wait behind bulk. Paces are read from when the stand-in received each call."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from datetime import UTC, datetime

import pytest

from bot.delivery.pacer import Pacer
from dialogs.engine.outgoing import Outgoing, queue
from dialogs.engine.replies import Message
from storage import blocked_people, outbox, people
from storage.outbox import OutboxRow, OutboxStatus
from storage.people import Role
from tests.e2e.conftest import INTERVENTIE, RunningBot

log = logging.getLogger(__name__)


async def queue_bulk(
    bot: RunningBot, chats: list[int], cause: str = "test.bulk", *, paid: bool = False
) -> None:
    """One message to each chat, as a reminder run or an alert to many queues them."""
    assert bot.runtime is not None
    items = [
        Outgoing(
            Message(f"Bericht {n} voor {chat}", to=chat, paid_broadcast=paid),
            cause,
            f"{cause}:{chat}",
            bulk=True,
        )
        for n, chat in enumerate(chats)
    ]
    async with bot.runtime.db.transaction() as conn:
        await queue(conn, items, bot.clock())
    bot.delivery.wake()


def most_in_one_second(moments: list[float]) -> int:
    """The most moments that fall in any window of one second."""
    moments = sorted(moments)
    most, first = 0, 0
    for last, moment in enumerate(moments):
        while moment - moments[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


def received(bot: RunningBot, chats: set[int], method: str = "sendMessage") -> list[float]:
    return [a.at for a in bot.standin.arrivals if a.method == method and a.chat_id in chats]


async def statuses(bot: RunningBot) -> dict[int, OutboxRow]:
    assert bot.runtime is not None
    async with bot.runtime.db.transaction() as conn:
        return {row.chat_id: row for row in await outbox.since(conn, 0)}


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # PTB's own
async def test_through_429_5xx_network_errors_403_and_400_each_message_goes_once(
    bot: RunningBot,
) -> None:
    chats = list(range(2001, 2021))
    users = {chat: bot.standin.user(chat, f"Lid {chat}") for chat in chats}
    assert bot.runtime is not None
    async with bot.runtime.db.transaction() as conn:
        gone = await people.create(
            conn, telegram_id=2020, name="Lid", role=Role.RESIDENT, now=bot.clock()
        )
    users[2020].block()  # the last queued: the faults below fall on calls before his
    bot.delivery.dispatcher.first_backoff = 0.05
    standin = bot.standin
    standin.fail_next("sendMessage", error_code=429, retry_after=1)
    standin.fail_next("sendMessage", error_code=500, description="Internal Server Error", times=2)
    standin.fail_next("sendMessage", error_code=502, description="Bad Gateway", retry_after=None)
    standin.drop_next("sendMessage", times=2)
    standin.fail_next("sendMessage", error_code=400, description="Bad Request: message is too long")
    await queue_bulk(bot, chats)
    await bot.settle()

    rows = await statuses(bot)
    ended = Counter(row.status for row in rows.values())
    assert ended == {OutboxStatus.SENT: 18, OutboxStatus.BLOCKED: 1, OutboxStatus.FAILED: 1}
    (refused,) = [row for row in rows.values() if row.status is OutboxStatus.FAILED]
    # The 400 ended it: no call after it (which the stand-in would have let through). It may
    # fall on a row's first call or on its retry after a 5xx, as the calls happen to line up.
    calls = [
        a for a in standin.arrivals if a.method == "sendMessage" and a.chat_id == refused.chat_id
    ]
    assert refused.error == "Bad Request: message is too long"
    assert len(calls) == refused.attempts
    assert rows[2020].status is OutboxStatus.BLOCKED
    for chat, user in users.items():  # none lost, none twice
        expected = 1 if rows[chat].status is OutboxStatus.SENT else 0
        assert len(user.bot_messages) == expected, chat
    async with bot.runtime.db.transaction() as conn:
        assert await blocked_people.ids(conn) == {gone.id}  # not tried again until he writes
    assert all(row.payload is None for row in rows.values())  # no text kept once finished


async def test_bulk_keeps_to_thirty_a_second_and_answers_do_not_wait_behind_it(
    bot: RunningBot,
) -> None:
    chats = list(range(3001, 3301))
    for chat in chats:
        bot.standin.user(chat, f"Lid {chat}")
    askers = [bot.standin.user(4000 + n, f"Vrager {n}") for n in range(3)]
    await queue_bulk(bot, chats)
    bulk = set(chats)
    for n, asker in enumerate(askers, start=1):  # people writing while the backlog goes
        await bot.standin.wait_until(
            lambda n=n: len(received(bot, bulk)) >= 40 * n,  # type: ignore[misc]
            20.0,
            "bulk",
        )
        await asker.send("/help")
        await asker.wait_for_reply()
        assert len(received(bot, bulk)) < 300  # answered before the backlog is through
    await bot.settle()

    moments = received(bot, bulk)
    assert len(moments) == 300 and most_in_one_second(moments) <= 30
    pace = (len(moments) - 1) / (max(moments) - min(moments))
    log.info("bulk: at most %s in one second, %.1f a second", most_in_one_second(moments), pace)


async def test_paid_broadcasts_go_beside_a_free_backlog_each_at_its_own_pace(
    bot: RunningBot,
) -> None:
    # Telegram's 1,000 a second is more than a test's stand-in takes: the same window, smaller.
    bot.delivery.dispatcher.pacer = Pacer(paid_per_second=100)
    free, paid = list(range(5001, 5151)), list(range(6001, 6301))
    for chat in free + paid:
        bot.standin.user(chat, f"Lid {chat}")
    await queue_bulk(bot, free, "test.free")
    await queue_bulk(bot, paid, "test.paid", paid=True)
    await bot.settle()

    free_moments, paid_moments = received(bot, set(free)), received(bot, set(paid))
    assert len(free_moments) == 150 and len(paid_moments) == 300
    assert most_in_one_second(free_moments) <= 30
    assert 30 < most_in_one_second(paid_moments) <= 100
    assert max(paid_moments) < max(free_moments) - 1.0  # not behind the free backlog
    flags = {c["chat_id"]: c.get("allow_paid_broadcast") for c in bot.standin.calls("sendMessage")}
    assert {flags[chat] for chat in paid} == {True} and {flags[chat] for chat in free} == {None}


async def test_a_paid_broadcast_told_to_wait_sends_each_message_once(bot: RunningBot) -> None:
    paid = list(range(7001, 7121))
    users = [bot.standin.user(chat, f"Lid {chat}") for chat in paid]
    bot.standin.fail_next("sendMessage", error_code=429, retry_after=1)
    await queue_bulk(bot, paid, "test.paid", paid=True)
    await bot.settle()
    assert [len(user.bot_messages) for user in users] == [1] * len(paid)
    rows = await statuses(bot)
    assert {rows[chat].status for chat in paid} == {OutboxStatus.SENT}
    # Only the one told to wait was tried twice; those claimed ahead went back untried.
    assert Counter(rows[chat].attempts for chat in paid) == {1: 119, 2: 1}


async def test_a_group_gets_twenty_a_minute(bot: RunningBot) -> None:
    group = bot.standin.group(INTERVENTIE, "Interventiedienst")
    assert bot.runtime is not None
    items = [
        Outgoing(Message(f"Doorgestuurd {n}", to=INTERVENTIE), "forward", f"forward:{n}")
        for n in range(25)
    ]
    async with bot.runtime.db.transaction() as conn:
        await queue(conn, items, bot.clock())
    bot.delivery.wake()
    await bot.standin.wait_until(
        lambda: len(group.bot_messages) >= 20, 10.0, "twenty messages in the group"
    )
    waiting: list[OutboxRow] = []
    async with asyncio.timeout(10):
        while len(waiting) < 5:  # the dispatcher has looked at them all and put them off
            await asyncio.sleep(0.01)
            async with bot.runtime.db.transaction() as conn:
                rows = await outbox.since(conn, 0)
            waiting = [r for r in rows if r.status is OutboxStatus.QUEUED and r.due_at]
    assert len(received(bot, {INTERVENTIE})) == 20
    # The rest waits for the minute: until the first message is a minute old.
    now = datetime.now(UTC)
    assert all(
        row.due_at is not None and (row.due_at - now).total_seconds() > 55 for row in waiting
    )
    assert {(row.attempts, row.error) for row in waiting} == {(0, "20 a minute to this group")}
