"""Simulated group chats with the bot in them."""

from __future__ import annotations

from typing import Any

from .chats import ChatMessage
from .chatview import ChatView
from .users import SimUser


class SimGroup(ChatView):
    """A group chat the bot is in; people post in it through `send(user, text)`."""

    @property
    def title(self) -> str:
        return self.chat.title or ""

    async def send(self, user: SimUser, text: str, *, reply_to: int | None = None) -> ChatMessage:
        """A message from `user` in the group; privacy mode decides if the bot receives it."""
        return self._post_text(user, text, reply_to, deliver=self._reaches_bot(text, reply_to))

    def _reaches_bot(self, text: str, reply_to: int | None) -> bool:
        if not self._world.privacy_mode:
            return True
        replied = self.chat.find(reply_to) if reply_to is not None else None
        username = self._world.bot_user["username"]
        return (
            text.startswith("/")
            or (replied is not None and replied.from_bot)
            or f"@{username}".lower() in text.lower()
        )

    async def press(
        self, user: SimUser, label: str, *, message_id: int | None = None
    ) -> dict[str, Any] | None:
        return await self._press(user, label, message_id)

    async def press_data(
        self, user: SimUser, data: str, message_id: int | None = None
    ) -> dict[str, Any] | None:
        return await self._press_data(user, data, message_id)
