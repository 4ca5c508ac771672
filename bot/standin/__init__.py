"""A local stand-in for Telegram's Bot API, for end-to-end tests and the terminal console."""

from .bot_methods import scope_key
from .chats import Button, CallbackAnswer, ChatMessage
from .errors import ApiError
from .groups import SimGroup
from .html import plain_text
from .standin import Call, Rejected, StandIn
from .users import SimUser

__all__ = [
    "ApiError",
    "Button",
    "Call",
    "CallbackAnswer",
    "ChatMessage",
    "Rejected",
    "SimGroup",
    "SimUser",
    "StandIn",
    "plain_text",
    "scope_key",
]
