"""Simulated people: what they type and press turns into Bot API updates for the bot."""

from __future__ import annotations

import copy
import secrets
import time
from typing import Any

from .chats import CallbackAnswer, Chat, ChatMessage, PendingQuery, command_entities
from .chatview import ChatView
from .files import fabricate_png
from .html import escape
from .world import World


class SimUser(ChatView):
    """A person in a private chat with the bot (the chat id is the user id)."""

    def __init__(
        self,
        world: World,
        chat: Chat,
        first_name: str,
        last_name: str | None,
        username: str | None,
        language_code: str,
    ) -> None:
        super().__init__(world, chat)
        self.user_id = chat.id
        self.first_name = first_name
        self.last_name = last_name
        self.username = username
        self.language_code = language_code
        self.answers: list[CallbackAnswer] = []  # answerCallbackQuery replies to this user

    def api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.user_id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        data["language_code"] = self.language_code
        return data

    @property
    def blocked(self) -> bool:
        return self.chat.blocked

    def block(self) -> None:
        """The user blocks the bot: later sends to this chat answer 403."""
        if not self.chat.blocked:
            self.chat.blocked = True
            self._member_update("member", "kicked")

    def unblock(self) -> None:
        if self.chat.blocked:
            self.chat.blocked = False
            self._member_update("kicked", "member")

    def _member_update(self, old: str, new: str) -> None:
        bot = self._world.bot_user

        def member(status: str) -> dict[str, Any]:
            found: dict[str, Any] = {"status": status, "user": bot}
            if status == "kicked":  # a banned member, old or new, always has until_date
                found["until_date"] = 0
            return found

        self._world.queue.post(
            "my_chat_member",
            {
                "chat": self.chat.api(),
                "from": self.api(),
                "date": int(time.time()),
                "old_chat_member": member(old),
                "new_chat_member": member(new),
            },
        )

    def _ensure_unblocked(self) -> None:
        # Writing to a bot you blocked means pressing "Restart", which unblocks it.
        self.unblock()

    async def send(self, text: str, *, reply_to: int | None = None) -> ChatMessage:
        """A text message; a leading /command gets its bot_command entity."""
        self._ensure_unblocked()
        return self._post_text(self, text, reply_to)

    async def send_location(self, latitude: float, longitude: float) -> ChatMessage:
        self._ensure_unblocked()
        content = {"location": {"latitude": latitude, "longitude": longitude}}
        return self._post_message(
            self, content, html="", text="", kind="location", location=(latitude, longitude)
        )

    async def send_photo(
        self, data: bytes | None = None, *, caption: str | None = None
    ) -> ChatMessage:
        """A photo (a fabricated unique PNG unless `data` is given) the bot can download."""
        self._ensure_unblocked()
        stored = self._world.files.add("photo", data or fabricate_png(), mime_type="image/png")
        content: dict[str, Any] = {"photo": stored.photo_sizes()}
        if caption:
            content["caption"] = caption
        return self._post_message(
            self,
            content,
            html=escape(caption or ""),
            text=caption or "",
            kind="photo",
            photo=stored.data,
        )

    async def send_document(
        self,
        data: bytes | None = None,
        *,
        filename: str = "document.pdf",
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> ChatMessage:
        self._ensure_unblocked()
        body = data if data is not None else b"%PDF-1.4\n%" + secrets.token_bytes(16)
        stored = self._world.files.add("document", body, filename, mime_type)
        content: dict[str, Any] = {"document": stored.document_api()}
        if caption:
            content["caption"] = caption
        return self._post_message(
            self,
            content,
            html=escape(caption or ""),
            text=caption or "",
            kind="document",
            document=body,
            filename=filename,
        )

    async def send_voice(self, duration: int = 3) -> ChatMessage:
        self._ensure_unblocked()
        stored = self._world.files.add(
            "voice", b"OggS" + secrets.token_bytes(32), mime_type="audio/ogg"
        )
        voice = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": len(stored.data),
        }
        return self._post_message(self, {"voice": voice}, html="", text="", kind="voice")

    async def send_sticker(self, emoji: str = "\N{THUMBS UP SIGN}") -> ChatMessage:
        self._ensure_unblocked()
        stored = self._world.files.add(
            "sticker", b"RIFF" + secrets.token_bytes(32), mime_type="image/webp"
        )
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self._post_message(self, {"sticker": sticker}, html="", text="", kind="sticker")

    async def send_contact(
        self, phone_number: str | None = None, *, first_name: str | None = None
    ) -> ChatMessage:
        """Shares a contact; by default the user's own, as a request_contact button does."""
        self._ensure_unblocked()
        own = phone_number is None and first_name is None
        contact: dict[str, Any] = {
            "phone_number": phone_number or f"+3247{self.user_id % 10_000_000:07d}",
            "first_name": first_name or self.first_name,
        }
        if own:
            contact["user_id"] = self.user_id
        return self._post_message(self, {"contact": contact}, html="", text="", kind="contact")

    async def send_unreadable(self, text: str) -> dict[str, Any] | None:
        """A text message whose chat lacks its required `type`, which no client library can
        read: what a broken proxy or a future Bot API change might deliver."""
        self._ensure_unblocked()
        chat = self.chat.api()
        del chat["type"]
        message = {
            "message_id": self.chat.next_message_id(),
            "from": self.api(),
            "chat": chat,
            "date": int(time.time()),
            "text": text,
        }
        self._acted()
        return self._world.queue.post("message", message)

    async def press_inline(self, data: str) -> dict[str, Any] | None:
        """A button under a message sent through inline mode: the callback query carries an
        inline_message_id and no message, so the bot learns no chat from it."""
        query_id = str(secrets.randbits(62))
        self._world.pending_queries[query_id] = PendingQuery(self.chat.id, self, data)
        payload = {
            "id": query_id,
            "from": self.api(),
            "inline_message_id": secrets.token_urlsafe(16),
            "chat_instance": self.chat.instance,
            "data": data,
        }
        return self._world.queue.post("callback_query", payload)

    async def edit(self, message_id: int, text: str) -> ChatMessage:
        """Edits one of the user's own text messages; the bot gets an edited_message."""
        message = self.chat.find(message_id)
        if message is None or message.from_bot:
            raise AssertionError(f"user {self.user_id} has no message {message_id} to edit")
        message.raw["text"] = text
        message.raw.pop("entities", None)
        if entities := command_entities(text):
            message.raw["entities"] = [e.to_api() for e in entities]
        message.raw["edit_date"] = int(time.time())
        message.html, message.text, message.edited = escape(text), text, True
        self._acted()
        self._world.queue.post("edited_message", copy.deepcopy(message.raw))
        return message

    async def press(self, label: str, *, message_id: int | None = None) -> dict[str, Any] | None:
        """Presses the inline button with exactly this label (latest message with buttons)."""
        return await self._press(self, label, message_id)

    async def press_data(self, data: str, message_id: int | None = None) -> dict[str, Any] | None:
        """A callback query with arbitrary data, as a forged or stale client would send."""
        return await self._press_data(self, data, message_id)
