"""One person's chat printed as they would read it, buttons numbered, files saved to open."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.console.saved_files import SavedFiles, picture_size
from dialogs.engine.texts import Texts

Write = Callable[[str], None]
Fetch = Callable[[str], Awaitable[bytes]]


@dataclass(frozen=True)
class Target:
    """What a numbered button presses: that button of that message, whatever its label.

    A grid question repeats its labels on every row, so a label alone would be ambiguous.
    """

    message_id: int
    data: str


class Screen:
    def __init__(self, texts: Texts, write: Write, files: SavedFiles) -> None:
        self.texts = texts
        self._write = write
        self._files = files
        self.buttons: list[Target] = []
        self._buttons_of: int | None = None  # the message the numbered buttons belong to

    def say(self, text: str) -> None:
        self._write(text + "\n")

    def prompt(self) -> None:
        self._write("> ")

    async def show(self, items: list[dict[str, Any]], fetch: Fetch) -> None:
        for item in items:
            self._write("\n")
            if item["type"] == "answer":
                self.say(self.texts.plain("console.popup", text=item["text"]))
            else:
                await self._message(item, fetch)
        self.prompt()

    async def _message(self, item: dict[str, Any], fetch: Fetch) -> None:
        if item["edited"]:
            self.say(self.texts.plain("console.edited"))
        if item["text"]:
            self.say(item["text"])
        if (file := item.get("file")) is not None:
            await self._file(file, fetch)
        rows = [[b for b in row if b["data"] is not None] for row in item["buttons"]]
        if any(rows):
            self._buttons_of = item["message_id"]
            self.buttons = []
            for row in rows:
                shown = []
                for button in row:
                    self.buttons.append(Target(item["message_id"], button["data"]))
                    shown.append(
                        self.texts.plain(
                            "console.button", number=len(self.buttons), label=button["label"]
                        )
                    )
                self.say("  " + "   ".join(shown))
        elif item["message_id"] == self._buttons_of:
            # The question's buttons were taken away: their numbers press nothing any more.
            self.buttons, self._buttons_of = [], None

    async def _file(self, file: dict[str, Any], fetch: Fetch) -> None:
        data = await fetch(file["path"])
        path = self._files.save(data, file["name"], file["picture"])
        size = picture_size(data)  # a picture sent as a file to print is a picture too
        if size is None:
            self.say(self.texts.plain("console.file", path=path))
        else:
            width, height = size
            self.say(self.texts.plain("console.picture", width=width, height=height, path=path))
