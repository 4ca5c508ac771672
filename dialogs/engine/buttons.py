"""Button payloads: `token:action:arg`, where the token names the step a button belongs to.

A step gets a fresh token each time it is shown, so a press on an older message is recognised
as stale instead of answering a question that has moved on. Menu buttons that do not belong to
a step carry the token `MENU` and name a command.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from dialogs.engine.limits import CALLBACK_DATA_BYTES

MENU = "m"
_SEP = ":"
_SAFE = re.compile(r"^[A-Za-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class Payload:
    token: str
    action: str
    arg: str = ""


def new_token() -> str:
    return secrets.token_hex(3)


def pack(token: str, action: str, arg: object = "") -> str:
    data = _SEP.join((token, action, str(arg)))
    if len(data.encode()) > CALLBACK_DATA_BYTES:
        raise ValueError(f"button payload over {CALLBACK_DATA_BYTES} bytes: {data!r}")
    return data


def unpack(data: str) -> Payload | None:
    """The payload, or None for anything this bot cannot have sent."""
    parts = data.split(_SEP)
    if len(parts) != 3 or not parts[0] or not parts[1]:
        return None
    if not all(_SAFE.match(part) for part in parts):
        return None
    return Payload(*parts)
