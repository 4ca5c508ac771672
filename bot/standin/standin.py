"""StandIn: the World served over HTTP on 127.0.0.1, with simulated users and groups in it."""

from __future__ import annotations

import socket
from pathlib import Path

from aiohttp import web

from .chats import Chat
from .groups import SimGroup
from .server import build_app, call_in_response
from .spec import ApiSpec
from .terminals import Terminals
from .users import SimUser
from .webhook import WebhookPoster
from .world import World


class StandIn(World):
    """Plays Telegram's Bot API on 127.0.0.1 for a real python-telegram-bot Application."""

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
        terminals: bool = False,
    ) -> None:
        """`file_folder` keeps files (and so their ids) beyond this process; `terminals`
        serves the routes through which other processes play people (see terminals.py)."""
        super().__init__(
            bot_username,
            bot_id=bot_id,
            bot_name=bot_name,
            privacy_mode=privacy_mode,
            spec=spec,
            open_chats=open_chats,
            file_folder=file_folder,
            first_update_id=first_update_id,
        )
        self._users: dict[int, SimUser] = {}
        self._groups: dict[int, SimGroup] = {}
        self._terminals = Terminals(self, self.user) if terminals else None
        self._runner: web.AppRunner | None = None
        self._port = 0
        # Posts the updates while the bot has a webhook set.
        self.webhook = WebhookPoster(
            self, lambda name, params: call_in_response(self, name, params)
        )

    # -- lifecycle -----------------------------------------------------------------------------

    async def start(self) -> None:
        self.queue.reopen()
        extra = self._terminals.routes() if self._terminals is not None else []
        runner = web.AppRunner(
            build_app(self, extra),
            handle_signals=False,
            handler_cancellation=True,
            access_log=None,
            shutdown_timeout=1.0,
        )
        await runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self._port = sock.getsockname()[1]
        await web.SockSite(runner, sock).start()
        self._runner = runner
        self.webhook.start()

    async def stop(self) -> None:
        self.queue.close()  # long polls return at once instead of holding the shutdown
        await self.webhook.stop()
        if self._terminals is not None:
            self._terminals.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> StandIn:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        if not self._port:
            raise RuntimeError("the stand-in is not started")
        return f"http://127.0.0.1:{self._port}"

    @property
    def terminals(self) -> Terminals | None:
        """The routes for people played from other processes, if served."""
        return self._terminals

    @property
    def base_url(self) -> str:
        """For ApplicationBuilder().base_url(...)."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """For ApplicationBuilder().base_file_url(...), needed to download files."""
        return f"{self.url}/file/bot"

    # -- simulated people ----------------------------------------------------------------------

    def user(
        self,
        user_id: int,
        first_name: str = "Test",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str = "nl",
    ) -> SimUser:
        """A person with a private chat with the bot (chat id = user id); one per id."""
        if user_id not in self._users:
            chat = Chat(
                user_id, "private", first_name=first_name, last_name=last_name, username=username
            )
            self.chats[user_id] = chat
            self._users[user_id] = SimUser(
                self, chat, first_name, last_name, username, language_code
            )
        return self._users[user_id]

    def group(self, chat_id: int, title: str = "Groep") -> SimGroup:
        """A group with the bot in it; ids starting with -100 are supergroups, as on Telegram."""
        if chat_id not in self._groups:
            kind = "supergroup" if str(chat_id).startswith("-100") else "group"
            chat = Chat(chat_id, kind, title=title)
            self.chats[chat_id] = chat
            self._groups[chat_id] = SimGroup(self, chat)
        return self._groups[chat_id]

    def open_private_chat(self, user_id: int) -> Chat:
        # Someone the console's bot writes to first becomes a user named after the id.
        return self.user(user_id, str(user_id)).chat
