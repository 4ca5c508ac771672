"""Which update and which person a log line is about.

Set while an update is handled (the update by the Telegram side, the person by the engine
once it knows them) and added by the log formatter to every line logged meanwhile. Each
update runs in a task of its own, so the values never leak from one update to another. Ids
only: a name or a typed text never goes into a log.
"""

from contextvars import ContextVar

update_id: ContextVar[int | None] = ContextVar("update_id", default=None)
person_id: ContextVar[int | None] = ContextVar("person_id", default=None)
