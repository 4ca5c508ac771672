"""`wijkbot audit --since DATE`: the audit log, who read or changed what and when."""

from __future__ import annotations

from datetime import date, datetime, time

from bot.runtime import open_runtime, texts_factory
from bot.settings import Settings
from storage import audit


async def print_audit(settings: Settings, since: date) -> int:
    texts = texts_factory(settings)(settings.language)
    start = datetime.combine(since, time(), tzinfo=texts.timezone)
    runtime = await open_runtime(settings)
    try:
        async with runtime.db.transaction() as conn:
            entries = await audit.since(conn, start)
    finally:
        await runtime.close()
    for entry in entries:
        print(
            texts.plain(
                "audit.cli_line",
                at=texts.datetime(entry.at, "short"),
                actor=entry.actor_name or "-",
                actor_id=entry.actor_id or "-",
                action=entry.action,
                kind=entry.subject_kind or "",
                id=entry.subject_id or "",
            )
        )
    print(texts.plain_n("audit.cli_count", len(entries)))
    return 0
