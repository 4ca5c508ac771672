"""`wijkbot console`: the real bot against the local stand-in, chatted with in a terminal.

The same Application, engine and database as on Telegram; only the Bot API is local. Buttons
are shown numbered and a number presses one; `=text` sends text that looks like a number.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.app import build_application
from bot.logs import setup_logging
from bot.polling import polling
from bot.runtime import open_runtime, texts_factory
from bot.settings import Settings
from bot.standin import ChatMessage, SimUser, StandIn
from dialogs.engine.texts import Texts

CONSOLE_BOT = "wijkbot_console_bot"


class Screen:
    """Prints one person's chat as they would read it."""

    def __init__(self, user_id: int, texts: Texts) -> None:
        self.user_id = user_id
        self.texts = texts
        self.buttons: list[str] = []

    def show(self, chat_id: int, message: ChatMessage, edited: bool) -> None:
        print()
        if chat_id != self.user_id:
            # What the bot tells someone else (a summary to the officer, say): shown, marked,
            # as that person sees it in their own chat.
            print(self.texts.plain("console.elsewhere", chat=chat_id))
            print(message.text)
            print("> ", end="", flush=True)
            return
        if edited:
            print(self.texts.plain("console.edited"))
        if message.text:
            print(message.text)
        if message.photo is not None:
            print(self.texts.plain("console.picture", size=len(message.photo)))
        if message.document is not None:
            print(self.texts.plain("console.file", name=message.filename or "-"))
        labels = message.button_labels()
        if labels:
            self.buttons = labels
            for number, label in enumerate(labels, start=1):
                print(self.texts.plain("console.button", number=number, label=label))
        print("> ", end="", flush=True)


async def run_console(settings: Settings, user_id: int, name: str) -> int:
    setup_logging(None, logging.WARNING)
    texts = texts_factory(settings)(settings.language)
    standin = StandIn(bot_username=CONSOLE_BOT, open_chats=True)
    await standin.start()
    runtime = await open_runtime(settings)
    screen = Screen(user_id, texts)
    standin.add_listener(screen.show)
    user = standin.user(user_id, name)
    application = build_application(runtime, token="console", base_url=standin.url + "/bot")
    try:
        async with polling(application):
            print(texts.plain("console.intro", name=name, user=user_id))
            print("> ", end="", flush=True)
            while True:
                try:
                    line = (await asyncio.to_thread(input)).strip()
                except EOFError:
                    break
                await _act(user, screen, line, texts)
    finally:
        await runtime.close()
        await standin.stop()
    return 0


async def _act(user: SimUser, screen: Screen, line: str, texts: Texts) -> None:
    if not line:
        return
    if line.startswith("="):
        await user.send(line[1:])
    elif line.isdigit() and 1 <= int(line) <= len(screen.buttons):
        with contextlib.suppress(AssertionError):  # the message was edited meanwhile
            await user.press(screen.buttons[int(line) - 1])
    elif line.startswith("!locatie"):
        parts = line.split()
        try:
            await user.send_location(float(parts[1]), float(parts[2]))
        except (IndexError, ValueError):
            print(texts.plain("console.location_usage"))
    elif line == "!foto":
        await user.send_photo()
    elif line == "!sticker":
        await user.send_sticker()
    else:
        await user.send(line)
