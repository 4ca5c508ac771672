"""Reading a chat and pressing its buttons, shared by private chats and groups."""

from __future__ import annotations

import copy
import secrets
from typing import Any

from .chats import Chat, ChatMessage, PendingQuery, Sender, command_entities, message_api
from .html import escape
from .world import World


class ChatView:
    """Shared by private chats and groups: reading the chat and pressing buttons."""

    def __init__(self, world: World, chat: Chat) -> None:
        self._world = world
        self.chat = chat
        self._seen = 0  # how much bot activity wait_for_reply has handed out

    @property
    def id(self) -> int:
        return self.chat.id

    @property
    def messages(self) -> list[ChatMessage]:
        """Every message in order, the bot's and the people's; edits applied, deletions gone."""
        return list(self.chat.messages)

    @property
    def bot_messages(self) -> list[ChatMessage]:
        return [m for m in self.chat.messages if m.from_bot]

    @property
    def last(self) -> ChatMessage | None:
        """The bot's most recent message, or None."""
        bot_messages = self.bot_messages
        return bot_messages[-1] if bot_messages else None

    async def wait_for_reply(self, within: float = 5.0) -> ChatMessage:
        """The next message the bot sends or edits here since the last person's action."""
        await self._world.wait_until(
            lambda: len(self.chat.activity) > self._seen,
            within,
            f"the bot to answer in chat {self.chat.id}",
        )
        self._seen += 1
        return self.chat.activity[self._seen - 1]

    def _acted(self) -> None:
        self._seen = len(self.chat.activity)

    def _post_message(
        self,
        sender: Sender,
        content: dict[str, Any],
        *,
        html: str,
        text: str,
        deliver: bool = True,
        **fields: Any,
    ) -> ChatMessage:
        raw = message_api(self.chat, self.chat.next_message_id(), sender.api(), content)
        message = ChatMessage(raw["message_id"], False, html, text, raw=raw, **fields)
        self.chat.messages.append(message)
        self._acted()
        if deliver:
            self._world.queue.post("message", copy.deepcopy(raw))
        return message

    def _post_text(
        self, sender: Sender, text: str, reply_to: int | None, *, deliver: bool = True
    ) -> ChatMessage:
        content: dict[str, Any] = {"text": text}
        if entities := command_entities(text):
            content["entities"] = [e.to_api() for e in entities]
        if reply_to is not None:
            content["reply_to_message"] = self._replied(reply_to)
        return self._post_message(sender, content, html=escape(text), text=text, deliver=deliver)

    def _replied(self, message_id: int) -> dict[str, Any]:
        target = self.chat.find(message_id)
        if target is None:
            raise AssertionError(f"no message {message_id} to reply to in chat {self.chat.id}")
        replied = copy.deepcopy(target.raw)
        replied.pop("reply_to_message", None)
        return replied

    def _with_buttons(self, message_id: int | None) -> ChatMessage:
        if message_id is not None:
            found = self.chat.find(message_id)
            if found is None or not found.from_bot:
                raise AssertionError(f"no bot message {message_id} in chat {self.chat.id}")
            return found
        for message in reversed(self.chat.messages):
            if message.from_bot and message.buttons:
                return message
        last = self.last
        shown = repr(last.text) if last else "none"
        raise AssertionError(
            f"no bot message with inline buttons in chat {self.chat.id}; last bot message: {shown}"
        )

    async def _press(
        self, sender: Sender, label: str, message_id: int | None
    ) -> dict[str, Any] | None:
        message = self._with_buttons(message_id)
        button = message.button(label)
        if button is None:
            raise AssertionError(
                f"no button labelled {label!r} on message {message.message_id} "
                f"({message.text[:60]!r}); buttons: {message.button_labels()}"
            )
        if button.data is None:
            raise AssertionError(f"button {label!r} opens {button.url}, it sends no callback data")
        return self._callback(sender, message, button.data)

    async def _press_data(
        self, sender: Sender, data: str, message_id: int | None
    ) -> dict[str, Any] | None:
        if message_id is None:
            message = self.last
            if message is None:
                raise AssertionError(f"no bot message in chat {self.chat.id} to attach data to")
        else:
            message = self._with_buttons(message_id)
        return self._callback(sender, message, data)

    def _callback(self, sender: Sender, message: ChatMessage, data: str) -> dict[str, Any] | None:
        query_id = str(secrets.randbits(62))
        self._world.pending_queries[query_id] = PendingQuery(self.chat.id, sender, data)
        payload = {
            "id": query_id,
            "from": sender.api(),
            "chat_instance": self.chat.instance,
            "message": copy.deepcopy(message.raw),
            "data": data,
        }
        self._acted()
        # None when the bot excluded callback queries through allowed_updates.
        return self._world.queue.post("callback_query", payload)
