"""The simulated Telegram's state: its chats, update queue, files, the bot's settings, every call.

The method handlers and the simulated people work on a World; StandIn (standin.py) puts the HTTP
server and the people on top of it.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from .chats import (
    CallbackAnswer,
    Chat,
    ChatMessage,
    PendingQuery,
    buttons_of,
    inline_markup,
    keyboard_of,
    message_api,
)
from .errors import ApiError
from .faults import DROPPED, Faults
from .files import FileStore
from .spec import ApiSpec, load_spec
from .updates import UpdateQueue
from .validate import Validator

_LOG = logging.getLogger(__name__)

Listener = Callable[[int, ChatMessage, bool], None]
AnswerListener = Callable[[int, CallbackAnswer], None]


class Call(NamedTuple):
    """An accepted Bot API call."""

    method: str
    params: dict[str, Any]


class Arrival(NamedTuple):
    """A Bot API call as it reached the stand-in, answered or not: when, what, to whom."""

    at: float  # time.monotonic() when the request came in
    method: str
    chat_id: int | str | None


@dataclass
class _Crash:
    method: str
    chat_id: int | None
    action: Callable[[], None]


class Rejected(NamedTuple):
    """A call answered with an error, as Telegram would have."""

    method: str
    params: dict[str, Any]
    description: str


@dataclass
class BotState:
    """What the bot configured on its account."""

    commands: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    menu_buttons: dict[int | None, dict[str, Any]] = field(default_factory=dict)
    webhook_url: str = ""
    webhook_secret: str = ""  # sent along with each post, as X-Telegram-Bot-Api-Secret-Token
    chat_actions: list[tuple[int, str]] = field(default_factory=list)


def scope_key(scope: dict[str, Any] | None, language_code: str | None) -> tuple[str, str]:
    """How commands are stored: the scope (default if absent) as sorted JSON, and language."""
    return json.dumps(scope or {"type": "default"}, sort_keys=True), language_code or ""


class World:
    """Everything the simulated Telegram knows, and what the method handlers do with it."""

    def __init__(
        self,
        bot_username: str = "wijkbot_test_bot",
        *,
        bot_id: int = 7_000_000_001,
        bot_name: str = "Wijkbot",
        privacy_mode: bool = True,
        spec: ApiSpec | None = None,
        open_chats: bool = False,
        file_folder: Path | None = None,
        first_update_id: int = 1,
    ) -> None:
        self.spec = spec or load_spec()
        self.validator = Validator(self.spec)
        self.bot_user: dict[str, Any] = {
            "id": bot_id,
            "is_bot": True,
            "first_name": bot_name,
            "username": bot_username,
        }
        # With privacy mode on, group messages reach the bot only if meant for it.
        self.privacy_mode = privacy_mode
        # Telegram knows every user who ever wrote to the bot; a console process knows only
        # its own. With open chats, a private chat the bot writes to simply exists.
        self.open_chats = open_chats
        self.queue = UpdateQueue(first_update_id)
        self.files = FileStore(file_folder)
        self.state = BotState()
        self.chats: dict[int, Chat] = {}
        self.rejected: list[Rejected] = []
        self.requests: list[Call] = []
        self.arrivals: list[Arrival] = []
        self._crashes: list[_Crash] = []
        self.pending_queries: dict[str, PendingQuery] = {}
        self._listeners: list[Listener] = []
        self._answer_listeners: list[AnswerListener] = []
        self._faults = Faults()

    # -- observation ---------------------------------------------------------------------------

    @property
    def commands(self) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """setMyCommands results by (scope as sorted JSON, language_code); see scope_key."""
        return self.state.commands

    @property
    def updates_posted(self) -> int:
        return self.queue.posted

    def add_listener(self, callback: Listener) -> None:
        """callback(chat_id, message, edited) runs on every message the bot sends or edits."""
        self._listeners.append(callback)

    def remove_listener(self, callback: Listener) -> None:
        self._listeners.remove(callback)

    def add_answer_listener(self, callback: AnswerListener) -> None:
        """callback(chat_id, answer) runs on every answerCallbackQuery (a pop-up, say)."""
        self._answer_listeners.append(callback)

    def calls(self, method: str) -> list[dict[str, Any]]:
        """Parameters of every accepted call of one method."""
        return [call.params for call in self.requests if call.method == method]

    async def wait_until(
        self, condition: Callable[[], bool], within: float = 5.0, what: str = "condition"
    ) -> None:
        """Waits for the bot to act; fails with AssertionError after `within` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while not condition():
            if loop.time() > deadline:
                raise AssertionError(f"timed out after {within} s waiting for {what}")
            await asyncio.sleep(0.005)

    # -- fault injection -----------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        *,
        error_code: int = 429,
        description: str = "Too Many Requests: retry after 1",
        retry_after: int | None = 1,
        times: int = 1,
    ) -> None:
        """The next `times` calls of `method` answer with this error instead of working."""
        spec = self.spec.method(method)
        if spec is None:
            raise ValueError(f"unknown Bot API method {method!r}")
        self._faults.add(spec.name, error_code, description, retry_after, times)

    def drop_next(self, method: str, *, times: int = 1) -> None:
        """The next `times` calls of `method` lose their connection without an answer."""
        self.fail_next(method, error_code=DROPPED, description="connection dropped", times=times)

    def take_fault(self, method: str) -> ApiError | None:
        return self._faults.take(method)

    def crash_on(
        self, method: str, action: Callable[[], None], *, chat_id: int | None = None
    ) -> None:
        """When a call of `method` (to `chat_id`, if given) comes in, run `action` (kill the
        bot, say) and leave that call unanswered and undone, once."""
        spec = self.spec.method(method)
        if spec is None:
            raise ValueError(f"unknown Bot API method {method!r}")
        self._crashes.append(_Crash(spec.name, chat_id, action))

    def take_crash(self, method: str, params: dict[str, Any]) -> Callable[[], None] | None:
        for crash in self._crashes:
            if crash.method == method and crash.chat_id in (None, _chat_of(params)):
                self._crashes.remove(crash)
                return crash.action
        return None

    def arrived(self, at: float, method: str, params: dict[str, Any]) -> None:
        self.arrivals.append(Arrival(at, method, _chat_of(params)))

    # -- used by the method handlers -----------------------------------------------------------

    def open_private_chat(self, user_id: int) -> Chat:
        """With open chats, the private chat of someone who never wrote to the bot.

        Who that someone is belongs to the simulated people, so StandIn supplies them.
        """
        raise NotImplementedError("a World without people has no one to open a chat with")

    def chat_for(self, chat_id: int | str, *, write: bool = True) -> Chat:
        """The target chat of a call; Telegram's errors for unknown or blocked chats."""
        chat: Chat | None = None
        if isinstance(chat_id, int):
            chat = self.chats.get(chat_id)
        elif chat_id.startswith("@"):
            name = chat_id[1:].lower()
            chat = next(
                (c for c in self.chats.values() if (c.username or "").lower() == name), None
            )
        if chat is None and self.open_chats and isinstance(chat_id, int) and chat_id > 0:
            chat = self.open_private_chat(chat_id)
        if chat is None:
            raise ApiError.bad_request("chat not found")
        if write and chat.blocked:
            raise ApiError.forbidden("bot was blocked by the user")
        return chat

    def deliver(
        self,
        chat: Chat,
        content: dict[str, Any],
        *,
        html: str = "",
        text: str = "",
        markup: dict[str, Any] | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        """Records a message from the bot and returns it as a Message object."""
        raw = message_api(chat, chat.next_message_id(), self.bot_user, content)
        if (inline := inline_markup(markup)) is not None:
            raw["reply_markup"] = inline
        message = ChatMessage(
            message_id=raw["message_id"],
            from_bot=True,
            html=html,
            text=text,
            buttons=buttons_of(markup),
            keyboard=keyboard_of(markup),
            raw=raw,
            **fields,
        )
        chat.messages.append(message)
        self.notify(chat.id, message, edited=False)
        return raw

    def notify(self, chat_id: int, message: ChatMessage, *, edited: bool) -> None:
        if (chat := self.chats.get(chat_id)) is not None:
            chat.activity.append(message)
        for listener in list(self._listeners):
            try:
                listener(chat_id, message, edited)
            except Exception:
                # A broken console must not turn into a failed Bot API call.
                _LOG.exception("stand-in listener failed")

    def answered(self, chat_id: int, answer: CallbackAnswer) -> None:
        for listener in list(self._answer_listeners):
            try:
                listener(chat_id, answer)
            except Exception:
                _LOG.exception("stand-in answer listener failed")

    def record(self, method: str, params: dict[str, Any]) -> None:
        self.requests.append(Call(method, params))

    def reject(self, method: str, params: dict[str, Any], description: str) -> None:
        self.rejected.append(Rejected(method, params, description))


def _chat_of(params: dict[str, Any]) -> int | str | None:
    """The target chat of a call before it is checked: form fields arrive as text."""
    chat = params.get("chat_id")
    if isinstance(chat, str) and chat.lstrip("-").isdigit():
        return int(chat)
    return chat if isinstance(chat, int | str) else None


AsyncHandler = Callable[[World, dict[str, Any]], Awaitable[Any]]
