"""`wijkbot console`: the real bot against the local stand-in, chatted with in a terminal.

The same Application, engine and database as on Telegram; only the Bot API is local. The first
console of a database hosts the stand-in and the bot; later ones join that world as other people
(hostfile). Each terminal (terminal) shows only its own person's chat (screen): buttons numbered,
a number presses one (typed), files saved to a folder to open (saved_files).
"""

from bot.console.session import Player, run_console

__all__ = ["Player", "run_console"]
