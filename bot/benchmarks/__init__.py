"""`wijkbot benchmark conversation`: wijkbot against a bare python-telegram-bot echo bot, each
in its own process, with simulated people walking a form over the local Bot API stand-in.

`conversation` runs it: it prepares the database (`zone`), starts the processes (`processes`),
the Telegram side with its people (`telegram_side`, walking `walks`, led by `crowd`) and the
echo bot (`echo`), and prints the figures beside their goals (`figures`, `bulk`).
"""
