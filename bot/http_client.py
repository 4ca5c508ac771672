"""Bot API calls over aiohttp: the bot's answers and its getUpdates.

A bot is as fast as each call is cheap. Measured against the stand-in, a call through httpx
(python-telegram-bot's own client) cost about four times the CPU of one through aiohttp:
httpx writes a request's headers and body in two writes and its pool looks at every open
connection for each call, where aiohttp writes once and its pool does not.
python-telegram-bot still builds each call and reads each answer, and turns Telegram's errors
into the same exceptions. (The outbox calls the Bot API without it: bot.delivery.sending.)
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

CONNECTIONS = 64  # at once to the Bot API
TIMEOUT = 10.0  # seconds to connect, or between two reads of an answer


class AiohttpRequest(BaseRequest):
    def __init__(self, connections: int = CONNECTIONS, timeout: float = TIMEOUT) -> None:
        self._connections = connections
        self._timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float:
        return self._timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._connections)
            self._session = aiohttp.ClientSession(connector=connector)

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized")
        timeout = aiohttp.ClientTimeout(
            sock_connect=self._given(connect_timeout), sock_read=self._given(read_timeout)
        )
        data: Any = None
        if request_data is not None:
            data = request_data.json_parameters
            if request_data.contains_files:
                data = aiohttp.FormData(data)
                for name, (filename, content, mimetype) in request_data.multipart_data.items():
                    data.add_field(name, content, filename=filename, content_type=mimetype)
        try:
            async with self._session.request(
                method, url, data=data, headers={"User-Agent": self.USER_AGENT}, timeout=timeout
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except (aiohttp.ClientError, asyncio.IncompleteReadError, OSError) as error:
            raise NetworkError(f"aiohttp.{error.__class__.__name__}: {error}") from error

    def _given(self, timeout: ODVInput[float]) -> float | None:
        return self._timeout if isinstance(timeout, DefaultValue) else timeout
