"""Webhook mode end to end: the stand-in posts each update to the bot over real HTTP, with
the secret token, and posts again whatever got no 200.

The bot answers 200 only once the update is stored, so a post refused, cut off or never
answered loses nothing: it comes again, and the inbox knows what was handled already.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.app import build_application
from bot.metrics import Metrics
from bot.runtime import open_runtime
from bot.settings import Settings
from bot.standin import StandIn
from bot.webhook import SECRET_HEADER, Webhook, WebhookReceiver, serving_webhook
from storage.db import Database
from tests.dialogs.conftest import Clock
from tests.e2e.bot_process import BotProcess
from tests.e2e.conftest import INTERVENTIE, RunningBot
from tests.e2e.test_crash import (
    STALE,
    contact_at_the_summary,
    count,
    forgive_second_answers,
    scans_stored,
)

SECRET = "zeg-het-niet_voort"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def hook_on(port: int) -> Webhook:
    return Webhook(f"http://127.0.0.1:{port}/telegram/webhook", SECRET, ("127.0.0.1", port))


class WebhookBot(RunningBot):
    """The e2e bot taking its updates by webhook, as `wijkbot run --webhook` does."""

    def __init__(self, settings: Settings, standin: StandIn, clock: Clock) -> None:
        super().__init__(settings, standin, clock)
        self.hook = hook_on(free_port())

    async def start(self) -> None:
        self.runtime = await open_runtime(self.settings, self.clock)
        self.application = build_application(
            self.runtime, token="123:e2e", base_url=self.standin.base_url
        )
        self._polling = serving_webhook(self.application, self.hook, self.runtime.db, Metrics())
        self.poller = await self._polling.__aenter__()
        self._done_before = 0

    @property
    def receiver(self) -> WebhookReceiver:
        assert isinstance(self.poller, WebhookReceiver)
        return self.poller


@pytest.fixture
async def hooked(tmp_path: Path, standin: StandIn) -> AsyncIterator[WebhookBot]:
    settings = Settings(  # type: ignore[call-arg]
        database=tmp_path / "wijkbot.db", group_interventie=INTERVENTIE, _env_file=None
    )
    running = WebhookBot(settings, standin, Clock())
    await running.start()
    yield running
    await running.stop()


async def rows(database: Path, table: str) -> int:
    db = await Database.open(database)
    try:
        async with db.transaction() as conn:
            found = await conn.execute_fetchall(f"SELECT count(*) FROM {table}")
    finally:
        await db.close()
    return int(next(iter(found))[0])


async def test_the_webhook_is_set_with_its_secret_and_the_update_types(
    hooked: WebhookBot,
) -> None:
    (call,) = hooked.standin.calls("setWebhook")
    assert call["url"] == hooked.hook.url and hooked.hook.path == "/telegram/webhook"
    assert call["secret_token"] == SECRET
    assert sorted(call["allowed_updates"]) == ["callback_query", "edited_message", "message"]
    assert hooked.standin.calls("getUpdates") == []


async def test_a_form_is_walked_over_the_webhook(hooked: WebhookBot) -> None:
    jan = hooked.person(1001, "Jan")
    await jan.send("/proef")
    await jan.press("Soms")
    await jan.send("Kerkstraat")
    await jan.press("Te snel rijden")
    await jan.press("Klaar")
    await jan.press("7")
    await jan.send("12")
    await jan.press("Overslaan")
    await jan.send("niets te melden")
    await jan.press("Ja")
    await jan.press("✅ Versturen")
    assert "Bedankt" in jan.seen
    standin = hooked.standin
    # Every update came by webhook, each confirmed by its first 200.
    assert standin.webhook.posts == list(range(1, standin.updates_posted + 1))
    assert standin.queue.pending == [] and standin.webhook.refusals == []
    # Each button press was answered in the webhook's response, not by a call of the bot's.
    assert len(standin.calls("answerCallbackQuery")) == 7  # the presses
    assert [a for a in standin.arrivals if a.method == "answerCallbackQuery"] == []
    assert await rows(hooked.settings.database, "form_answers") > 0


async def test_a_wrong_or_missing_secret_is_refused_and_nothing_is_stored(
    hooked: WebhookBot,
) -> None:
    url = hooked.hook.url
    update = {
        "update_id": 900,
        "message": {
            "message_id": 1,
            "date": 1_700_000_000,
            "chat": {"id": 1001, "type": "private", "first_name": "Jan"},
            "from": {"id": 1001, "is_bot": False, "first_name": "Jan"},
            "text": "/start",
        },
    }
    async with aiohttp.ClientSession() as session:
        for headers in ({}, {SECRET_HEADER: "fout"}, {SECRET_HEADER: SECRET + "x"}):
            async with session.post(url, json=update, headers=headers) as answer:
                assert answer.status == 401
        # The health listener is the webhook's: /healthz answers on it.
        health = f"http://127.0.0.1:{hooked.hook.address[1]}/healthz"
        async with session.get(health) as answer:
            assert answer.status == 200
    assert hooked.receiver.refused == 3
    assert await rows(hooked.settings.database, "inbox") == 0
    assert await rows(hooked.settings.database, "people") == 0
    assert hooked.standin.calls("sendMessage") == []


async def test_an_unreadable_update_is_skipped_with_a_200(hooked: WebhookBot) -> None:
    async with aiohttp.ClientSession() as session:
        headers = {SECRET_HEADER: SECRET}
        bad = {"update_id": 901, "message": {"message_id": "geen getal"}}
        async with session.post(hooked.hook.url, json=bad, headers=headers) as answer:
            assert answer.status == 200
    assert hooked.receiver.skipped == 1
    jan = hooked.person(1001, "Jan")
    await jan.sim.send("/start")  # and the next one is handled as ever
    await hooked.standin.wait_until(lambda: "Welkom bij wijkbot, Jan" in jan.seen, 20.0)


@pytest.mark.parametrize("kill_at", ["post", "editMessageText"])
async def test_killed_in_the_middle_no_update_is_lost(
    hooked: WebhookBot, tmp_path: Path, kill_at: str
) -> None:
    """Killed as the update is posted (never handled: posted again), or while its reply is
    on the wire (handled: the inbox has it, and the reply goes once)."""
    officer, contact = await contact_at_the_summary(hooked)
    await hooked.stop()
    standin = hooked.standin
    process = BotProcess(
        hooked.settings.database,
        standin,
        hooked.clock(),
        tmp_path / "bot.log",
        webhook=hook_on(free_port()),
    )
    await process.start()
    try:
        if kill_at == "post":
            standin.webhook.crash_on_post(process.kill)
        else:
            standin.crash_on(kill_at, process.kill, chat_id=777)
        update = await contact.sim.press("✅ Versturen")
        await process.killed()
        assert update is not None
        await process.start()
        await process.quiet()
    finally:
        await process.stop()
    forgive_second_answers(hooked)
    # Killed as it was posted: no 200, so posted again (with pauses) until the new process
    # took it. Killed on the edit: stored and answered 200 before, so posted once, and the
    # new process sends the reply from the inbox.
    posts = standin.webhook.posts.count(update["update_id"])
    assert posts >= 2 if kill_at == "post" else posts == 1
    assert count(contact.sim, "Bedankt") == 1
    assert count(officer.sim, "Eerste sectorscan") == 1
    assert count(contact.sim, STALE) == 0
    assert await scans_stored(hooked) == 1


async def test_running_without_webhook_deletes_it(hooked: WebhookBot) -> None:
    await hooked.stop()
    standin = hooked.standin
    assert standin.state.webhook_url  # Telegram keeps it when the bot stops
    polling = RunningBot(hooked.settings, standin, hooked.clock)
    await polling.start()
    try:
        assert len(standin.calls("deleteWebhook")) == 1
        assert standin.state.webhook_url == ""
        jan = polling.person(1001, "Jan")
        await jan.send("/start")
        assert "Welkom bij wijkbot, Jan" in jan.seen
        assert standin.calls("getUpdates")
    finally:
        await polling.stop()


async def test_wijkbot_run_webhook_as_a_zone_runs_it(standin: StandIn, tmp_path: Path) -> None:
    """The command itself, in a process of its own, as systemd or a container starts it."""
    hook = hook_on(free_port())
    env = {
        **os.environ,
        "WIJKBOT_TELEGRAM_TOKEN": "123:e2e",
        "WIJKBOT_TELEGRAM_API_URL": standin.base_url,
        "WIJKBOT_DATABASE": str(tmp_path / "wijkbot.db"),
        "WIJKBOT_WEBHOOK_URL": hook.url,
        "WIJKBOT_WEBHOOK_LISTEN": f"127.0.0.1:{hook.address[1]}",
        "WIJKBOT_WEBHOOK_SECRET": SECRET,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", "--webhook", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        await standin.wait_until(lambda: bool(standin.calls("setWebhook")), 30.0, "setWebhook")
        jan = standin.user(1001, "Jan")
        await jan.send("/start")
        await standin.wait_until(lambda: any("Welkom" in m.text for m in jan.bot_messages), 20.0)
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"http://127.0.0.1:{hook.address[1]}/healthz") as answer,
        ):
            assert answer.status == 200
            assert (await answer.json())["database_writable"] is True
        assert standin.calls("getUpdates") == [] and standin.queue.pending == []
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 20.0) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_one_person_waits_for_himself_not_for_others(
    hooked: WebhookBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While Jan's update is being handled, Piet's is handled and answered 200; Jan's next
    update waits for his first."""
    assert hooked.runtime is not None
    engine = hooked.runtime.engine
    handle = engine.handle
    release = asyncio.Event()
    order: list[tuple[int, str]] = []

    async def held_for_jan(sender: Any, event: Any, **kwargs: Any) -> Any:
        order.append((sender.telegram_id, "begun"))
        if sender.telegram_id == 1001 and not release.is_set():
            await release.wait()
        try:
            return await handle(sender, event, **kwargs)
        finally:
            order.append((sender.telegram_id, "stored"))

    monkeypatch.setattr(engine, "handle", held_for_jan)
    try:
        jan, piet = hooked.standin.user(1001, "Jan"), hooked.standin.user(1002, "Piet")
        await jan.send("/start")
        await jan.send("/help")
        await piet.send("/start")
        # Piet's update is stored and confirmed (the 200 reaches Telegram's side a moment after
        # the turn is stored); both of Jan's still wait there.
        await hooked.standin.wait_until(
            lambda: (
                (1001, "begun") in order
                and (1002, "stored") in order
                and [u["update_id"] for u in hooked.standin.queue.pending] == [1, 2]
            ),
            20.0,
            "Piet's update confirmed",
        )
        # Jan's first is held, his second not begun, Piet's done; whose post came in first
        # is the webhook's race, not the point.
        assert sorted(order) == [(1001, "begun"), (1002, "begun"), (1002, "stored")]
    finally:
        release.set()  # a failed check must not leave Jan's turn hanging the teardown
    await hooked.settle()
    assert order[3:] == [(1001, "stored"), (1001, "begun"), (1001, "stored")]
    assert hooked.standin.queue.pending == []
    assert "Welkom bij wijkbot, Piet" in "\n".join(m.text for m in piet.bot_messages)
