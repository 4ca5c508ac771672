"""A local stand-in for Telegram's Bot API, for end-to-end tests and the terminal console.

This module is its whole public face; import from here, not from the modules inside. They are
layered without circles: the chat records (chats) and small leaves (errors, html, spec, files,
updates, faults, validate) at the bottom, the World state above them, the method handlers
(bot_methods, send_methods, edit_methods) and the simulated people (chatview, users, groups) on
the World, the routes for people played from other processes (terminals) on the people, the
HTTP server on the handlers, and StandIn (standin) on top of it all.
"""

from .chats import Button, CallbackAnswer, ChatMessage
from .errors import ApiError
from .groups import SimGroup
from .html import HtmlError, parse_html, plain_text
from .spec import load_spec
from .standin import StandIn
from .users import SimUser
from .world import Arrival, Call, Rejected, scope_key

__all__ = [
    "ApiError",
    "Arrival",
    "Button",
    "Call",
    "CallbackAnswer",
    "ChatMessage",
    "HtmlError",
    "Rejected",
    "SimGroup",
    "SimUser",
    "StandIn",
    "load_spec",
    "parse_html",
    "plain_text",
    "scope_key",
]
