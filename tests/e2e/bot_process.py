"""The bot in a process of its own, to be killed for real (SIGKILL) in the middle of a call.

`python -m tests.e2e.bot_process DATABASE API_URL NOW LEASE [WEBHOOK_URL SECRET PORT]` runs
the same Application as `wijkbot run` (with the webhook: `wijkbot run --webhook`), against
the stand-in at API_URL, with the clock standing still at NOW (as the in-process harness's
does) and a short lease, so a claim the killed process left behind is taken up within a
test's patience. `BotProcess` starts, kills and stops it from a test.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from datetime import datetime, timedelta
from pathlib import Path

from bot.app import build_application
from bot.logs import setup_logging
from bot.metrics import Metrics
from bot.polling import polling
from bot.runtime import open_runtime
from bot.settings import Settings
from bot.shutdown import until_signalled
from bot.standin import StandIn
from bot.webhook import Webhook, serving_webhook
from storage import bin_alerts, inbox, outbox
from storage.db import Database

LEASE = 1.0  # seconds: a claim left by the killed process is taken up after this
INTERVENTIE = -100123  # as in tests/e2e/conftest.py
STARTING = 30.0  # seconds a new process may take to poll (imports on a busy machine)


def settings_for(database: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        database=database, group_interventie=INTERVENTIE, _env_file=None
    )


async def _main(
    database: Path, api_url: str, now: datetime, lease: float, webhook: Webhook | None
) -> None:
    setup_logging("123:e2e", logging.WARNING)
    runtime = await open_runtime(settings_for(database), lambda: now)
    try:
        application = build_application(
            runtime, token="123:e2e", base_url=api_url, lease=timedelta(seconds=lease)
        )
        taking: contextlib.AbstractAsyncContextManager[object] = (
            polling(application)
            if webhook is None
            else serving_webhook(application, webhook, runtime.db, Metrics())
        )
        async with taking:
            await until_signalled()
    finally:
        await runtime.close()


class BotProcess:
    """One `python -m tests.e2e.bot_process` at a time, on the given database and stand-in."""

    def __init__(
        self,
        database: Path,
        standin: StandIn,
        now: datetime,
        log: Path,
        webhook: Webhook | None = None,
    ) -> None:
        self.database = database
        self.standin = standin
        self.now = now
        self.log = log
        self.webhook = webhook
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        """Start it and wait until it polls for updates, or has set its webhook."""
        polled = len(self.standin.arrivals)
        hook = self.webhook
        extra = [] if hook is None else [hook.url, hook.secret, str(hook.address[1])]
        taking = "getUpdates" if hook is None else "setWebhook"
        with self.log.open("a") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "tests.e2e.bot_process",
                str(self.database),
                self.standin.base_url,
                self.now.isoformat(),
                str(LEASE),
                *extra,
                stdout=log,
                stderr=log,
            )
        await self.standin.wait_until(
            lambda: any(a.method == taking for a in self.standin.arrivals[polled:]),
            STARTING,
            "the bot process to poll",
        )

    def kill(self) -> None:
        """SIGKILL: nothing in the process gets to finish or confirm anything."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)

    async def killed(self) -> None:
        assert self.process is not None
        assert await self.process.wait() == -signal.SIGKILL
        self.process = None

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            await self.process.wait()
        self.process = None

    async def quiet(self, within: float = 20.0) -> None:
        """Until everything is handled, answered and sent: nothing left for it to do."""
        database = await Database.open(self.database)
        try:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + within
            while True:
                async with database.transaction() as conn:
                    left = await outbox.pending(conn) + len(await inbox.unanswered(conn))
                    left += await bin_alerts.queueing(conn)  # members still to queue
                if not left and not self.standin.queue.pending:
                    return
                if loop.time() > deadline:
                    raise AssertionError(f"the bot process still has {left} thing(s) to send")
                await asyncio.sleep(0.02)
        finally:
            await database.close()


if __name__ == "__main__":
    file, url, at, lease = sys.argv[1:5]
    hook = None
    if len(sys.argv) > 5:
        hook_url, secret, port = sys.argv[5:8]
        hook = Webhook(hook_url, secret, ("127.0.0.1", int(port)))
    asyncio.run(_main(Path(file), url, datetime.fromisoformat(at), float(lease), hook))
