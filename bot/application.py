"""The type of the python-telegram-bot Application that `bot.app` builds.

The job modules receive the Application to schedule on its job queue; naming the type once
lets the type checker follow handlers and jobs without each module spelling PTB's generics.
"""

from typing import Any, TypeAlias

from telegram.ext import Application, ContextTypes, ExtBot, JobQueue

# The bot is ExtBot[int] because of the rate limiter (its retry argument is an int); the
# contexts of handlers and jobs are PTB's default ones.
BotApplication: TypeAlias = Application[
    ExtBot[int],
    ContextTypes.DEFAULT_TYPE,
    dict[Any, Any],
    dict[Any, Any],
    dict[Any, Any],
    JobQueue[ContextTypes.DEFAULT_TYPE],
]
