"""Simulated people driven from other processes: the terminals of `wijkbot console`.

Each person's private chat gets a feed of what the bot shows there (messages, edits and the
text of button answers), snapshotted when it happens. A terminal joins as one person, acts
as that person (types, presses, shares) and long-polls that person's feed, so every terminal
shows exactly what its own person receives, whoever caused it. What arrives while a person
has no terminal stays in the feed until one joins.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import secrets
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from .chats import CallbackAnswer, ChatMessage
from .users import SimUser
from .world import World

PersonOf = Callable[[int, str], SimUser]
_LEASE = 30.0  # seconds a terminal stays joined after its last poll, should it vanish unheard
_LONGEST_POLL = 50.0


@dataclass
class _Terminal:
    token: str
    polls: int = 0
    last_seen: float = 0.0


def _error(status: int, description: str) -> web.Response:
    return web.json_response({"ok": False, "description": description}, status=status)


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


class Terminals:
    """The feeds of private chats and the HTTP routes terminals use to take part."""

    def __init__(self, world: World, person_of: PersonOf) -> None:
        self._world = world
        self._person_of = person_of
        self._feeds: dict[int, list[dict[str, Any]]] = defaultdict(list)
        self._confirmed: dict[int, int] = {}
        self._joined: dict[int, _Terminal] = {}
        self._changed = asyncio.Event()
        self._closed = False
        world.add_listener(self._on_message)
        world.add_answer_listener(self._on_answer)

    def routes(self) -> list[web.RouteDef]:
        return [
            web.post("/people/{user_id:[0-9]+}/join", self._join),
            web.post("/people/{user_id:[0-9]+}/leave", self._leave),
            web.post("/people/{user_id:[0-9]+}/act", self._act),
            web.get("/people/{user_id:[0-9]+}/activity", self._activity),
        ]

    @property
    def polling(self) -> int:
        """How many terminals are waiting for their person's next message right now."""
        return sum(terminal.polls for terminal in self._joined.values())

    def close(self) -> None:
        """Ends every waiting poll with word that the world is going away."""
        self._closed = True
        self._wake()

    # -- the feeds -----------------------------------------------------------------------------

    def _wake(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def _on_message(self, chat_id: int, message: ChatMessage, edited: bool) -> None:
        item: dict[str, Any] = {
            "type": "message",
            "message_id": message.message_id,
            "edited": edited,
            "text": message.text,
            "buttons": [
                [{"label": b.label, "data": b.data, "url": b.url} for b in row]
                for row in message.buttons
            ],
        }
        if not edited and (file := self._file_of(message)) is not None:
            item["file"] = file
        self._feeds[chat_id].append(item)
        self._wake()

    def _file_of(self, message: ChatMessage) -> dict[str, Any] | None:
        raw = message.raw
        if raw.get("photo"):
            file_id, picture = raw["photo"][-1]["file_id"], True
        elif raw.get("document"):
            file_id, picture = raw["document"]["file_id"], False
        else:
            return None
        stored = self._world.files.get(file_id)
        if stored is None:
            return None
        return {"path": stored.path, "name": stored.filename, "picture": picture}

    def _on_answer(self, chat_id: int, answer: CallbackAnswer) -> None:
        if answer.text:
            self._feeds[chat_id].append(
                {"type": "answer", "text": answer.text, "alert": answer.show_alert}
            )
            self._wake()

    # -- the routes ----------------------------------------------------------------------------

    async def _join(self, request: web.Request) -> web.Response:
        user_id = int(request.match_info["user_id"])
        body = await _body(request)
        name = body.get("name")
        if not isinstance(name, str) or not name.strip():
            return _error(400, "a name is needed to join")
        if self._closed:
            return _error(503, "the world is closing")
        if self._is_joined(user_id):
            return _error(409, "this person already has a terminal")
        person = self._person_of(user_id, name)
        # Someone the bot wrote to before they joined got their id as a name meanwhile.
        person.first_name = person.chat.first_name = name
        terminal = _Terminal(secrets.token_hex(16), last_seen=_now())
        self._joined[user_id] = terminal
        offset = self._confirmed.get(user_id, 0)
        waiting = sum(1 for i in self._feeds[user_id][offset:] if i["type"] == "message")
        return _ok({"token": terminal.token, "offset": offset, "waiting": waiting})

    async def _leave(self, request: web.Request) -> web.Response:
        user_id, _terminal = self._terminal_of(request)
        self._joined.pop(user_id, None)
        return _ok(True)

    async def _activity(self, request: web.Request) -> web.Response:
        user_id, terminal = self._terminal_of(request)
        try:
            offset = max(int(request.query.get("offset", "0")), 0)
            timeout = min(max(float(request.query.get("timeout", "0")), 0.0), _LONGEST_POLL)
        except ValueError:
            return _error(400, "offset and timeout are numbers")
        self._confirmed[user_id] = offset
        feed = self._feeds[user_id]
        terminal.polls += 1
        try:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + timeout
            while len(feed) <= offset and not self._closed:
                remaining = deadline - loop.time()
                if remaining <= 0:
                    break
                try:
                    await asyncio.wait_for(self._changed.wait(), remaining)
                except TimeoutError:
                    break
        except asyncio.CancelledError:
            # The terminal hung up mid-poll: its window was closed, so the person is free.
            if self._joined.get(user_id) is terminal:
                del self._joined[user_id]
            raise
        finally:
            terminal.polls -= 1
            terminal.last_seen = _now()
        return _ok({"items": feed[offset:], "next": len(feed), "closed": self._closed})

    async def _act(self, request: web.Request) -> web.Response:
        user_id, _terminal = self._terminal_of(request)
        person = self._person_of(user_id, str(user_id))
        body = await _body(request)
        action = _ACTIONS.get(str(body.get("type")))
        if action is None:
            return _error(400, "unknown action")
        try:
            await action(person, body)
        except (KeyError, TypeError, ValueError, binascii.Error):
            return _error(400, "malformed action")
        except AssertionError as gone:  # the message with the button was deleted meanwhile
            return _error(400, str(gone))
        return _ok(True)

    # -- who is who ----------------------------------------------------------------------------

    def _is_joined(self, user_id: int) -> bool:
        terminal = self._joined.get(user_id)
        if terminal is None:
            return False
        return terminal.polls > 0 or _now() - terminal.last_seen < _LEASE

    def _terminal_of(self, request: web.Request) -> tuple[int, _Terminal]:
        user_id = int(request.match_info["user_id"])
        terminal = self._joined.get(user_id)
        if terminal is None or request.headers.get("X-Terminal") != terminal.token:
            raise web.HTTPForbidden(
                text='{"ok": false, "description": "join first"}', content_type="application/json"
            )
        terminal.last_seen = _now()
        return user_id, terminal


def _now() -> float:
    return asyncio.get_running_loop().time()


async def _body(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


async def _send_text(person: SimUser, body: dict[str, Any]) -> None:
    await person.send(str(body["text"]))


async def _press(person: SimUser, body: dict[str, Any]) -> None:
    await person.press_data(str(body["data"]), int(body["message_id"]))


async def _share_location(person: SimUser, body: dict[str, Any]) -> None:
    latitude, longitude = float(body["latitude"]), float(body["longitude"])
    if not -90 <= latitude <= 90 or not -180 <= longitude <= 180:
        raise ValueError("no place on earth")
    await person.send_location(latitude, longitude)


async def _send_photo(person: SimUser, body: dict[str, Any]) -> None:
    data = base64.b64decode(body["data"], validate=True) if body.get("data") else None
    await person.send_photo(data)


async def _send_sticker(person: SimUser, body: dict[str, Any]) -> None:
    await person.send_sticker()


_ACTIONS: dict[str, Callable[[SimUser, dict[str, Any]], Awaitable[None]]] = {
    "text": _send_text,
    "press": _press,
    "location": _share_location,
    "photo": _send_photo,
    "sticker": _send_sticker,
}
