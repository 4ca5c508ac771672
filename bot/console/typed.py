"""What a line typed in the console does: text, a numbered button, a place, a photo, a sticker."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from bot.console.saved_files import picture_size
from bot.console.screen import Target
from dialogs.engine.texts import Texts


class Typo(Exception):
    """A console command typed wrongly; the message says how it goes."""


def action_for(line: str, buttons: list[Target], texts: Texts) -> dict[str, Any] | None:
    """The stand-in action for a typed line, None for an empty one; Typo if it is malformed."""
    line = line.strip()
    if not line:
        return None
    if line.startswith("="):
        return {"type": "text", "text": line[1:]}
    if line.isdigit() and 1 <= int(line) <= len(buttons):
        target = buttons[int(line) - 1]
        return {"type": "press", "message_id": target.message_id, "data": target.data}
    command, _, rest = line.partition(" ")
    if command == "!locatie":
        try:
            latitude, longitude = (float(part) for part in rest.split())
        except ValueError:
            raise Typo(texts.plain("console.location_usage")) from None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise Typo(texts.plain("console.location_usage"))
        return {"type": "location", "latitude": latitude, "longitude": longitude}
    if command == "!foto":
        return {"type": "photo", "data": _photo(rest.strip(), texts)}
    if line == "!sticker":
        return {"type": "sticker"}
    return {"type": "text", "text": line}


def _photo(path: str, texts: Texts) -> str | None:
    """A picture from disk, or None for one the stand-in makes up."""
    if not path:
        return None
    try:
        data = Path(path).expanduser().read_bytes()
    except OSError:
        data = b""
    if picture_size(data) is None or not data.startswith((b"\x89PNG", b"\xff\xd8")):
        raise Typo(texts.plain("console.photo_unreadable", path=path))
    return base64.b64encode(data).decode("ascii")
