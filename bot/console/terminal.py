"""One person's terminal in the stand-in's world, over HTTP (see bot/standin/terminals.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from typing import Any

import aiohttp

_POLL_SECONDS = 10


class HostGone(Exception):
    """The console running the stand-in and the bot stopped, or never answered."""


class Taken(Exception):
    """Another terminal already plays this person."""


class ActionRefused(Exception):
    """The stand-in refused what the person did (a button on a message that is gone)."""


class Terminal:
    def __init__(
        self, session: aiohttp.ClientSession, url: str, user_id: int, joined: dict[str, Any]
    ) -> None:
        self._session = session
        self._base = f"{url}/people/{user_id}"
        self._url = url
        self._headers = {"X-Terminal": str(joined["token"])}
        self._offset = int(joined["offset"])
        self.waiting = int(joined["waiting"])  # messages that arrived before this terminal

    @classmethod
    async def join(cls, url: str, user_id: int, name: str) -> Terminal:
        session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=_POLL_SECONDS + 20, connect=5)
        )
        try:
            body = await _call(session.post(f"{url}/people/{user_id}/join", json={"name": name}))
        except BaseException:
            await session.close()
            raise
        return cls(session, url, user_id, body)

    async def act(self, action: dict[str, Any]) -> None:
        await _call(self._session.post(f"{self._base}/act", json=action, headers=self._headers))

    async def feed(self) -> AsyncIterator[list[dict[str, Any]]]:
        """What the bot shows this person, batch after batch, until the host goes (HostGone)."""
        while True:
            query = {"offset": str(self._offset), "timeout": str(_POLL_SECONDS)}
            result = await _call(
                self._session.get(f"{self._base}/activity", params=query, headers=self._headers)
            )
            if result["items"]:
                yield result["items"]
            self._offset = int(result["next"])
            if result["closed"]:
                raise HostGone

    async def download(self, path: str) -> bytes:
        try:
            async with self._session.get(f"{self._url}/file/botconsole/{path}") as response:
                response.raise_for_status()
                return await response.read()
        except (aiohttp.ClientError, TimeoutError) as error:
            raise HostGone from error

    async def leave(self) -> None:
        try:
            await _call(self._session.post(f"{self._base}/leave", headers=self._headers))
        except (HostGone, ActionRefused):
            pass  # nothing left to leave
        finally:
            await self._session.close()


async def _call(request: AbstractAsyncContextManager[aiohttp.ClientResponse]) -> Any:
    """The result of a stand-in answer; its refusals and silences as exceptions."""
    try:
        async with request as response:
            body = await response.json(content_type=None)
    except (aiohttp.ClientError, TimeoutError, ValueError) as error:
        raise HostGone from error
    if not isinstance(body, dict):
        raise HostGone
    if body.get("ok"):
        return body["result"]
    if response.status == 409:
        raise Taken
    if response.status == 503:
        raise HostGone
    raise ActionRefused(str(body.get("description", "")))
