"""The yardstick: a bare python-telegram-bot echo bot, as light as a bot on this library gets.

It answers every text with a message carrying one button, and every press of that button
with the callback answer and an edit of the message. Up to 64 updates are handled at once,
as many as wijkbot handles (bot/update_order.py), so the comparison is of the work per
update and not of how many run at once.
Run as its own process: `python -m bot.benchmarks.echo BASE_URL` (base URL ending in /bot).
"""

from __future__ import annotations

import sys

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

TOKEN = "42:echo"
CONCURRENT_UPDATES = 64
PRESS = InlineKeyboardMarkup([[InlineKeyboardButton("Druk", callback_data="druk")]])


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text is not None:
        await context.bot.send_message(message.chat_id, "echo " + message.text, reply_markup=PRESS)


async def press(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None or query.message is None:
        return
    await query.answer()
    text = getattr(query.message, "text", None) or ""
    await query.edit_message_text(text + "+", reply_markup=PRESS)  # "+" per press: never equal


def main(base_url: str) -> None:
    application = (
        ApplicationBuilder().token(TOKEN).base_url(base_url).concurrent_updates(True).build()
    )
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.add_handler(CallbackQueryHandler(press))
    application.run_polling(poll_interval=0.0, timeout=10, allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main(sys.argv[1])
