"""Running the Application by long polling until the process is asked to stop."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from bot.application import BotApplication


@contextlib.asynccontextmanager
async def polling(application: BotApplication) -> AsyncIterator[BotApplication]:
    """Start fetching and handling updates; stop cleanly when the block ends."""
    async with application:
        if application.post_init is not None:  # only run_polling() calls it by itself
            await application.post_init(application)
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.0, timeout=10)
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()
