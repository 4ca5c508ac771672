"""`wijkbot audit --since DATE`: the audit log, who read or changed what and when."""

from __future__ import annotations

from datetime import date, datetime, time

from bot.runtime import open_runtime, texts_factory
from bot.settings import Settings
from dialogs.people.audit_log import AuditWords
from storage import audit


async def print_audit(settings: Settings, since: date) -> int:
    texts = texts_factory(settings)(settings.language)
    start = datetime.combine(since, time(), tzinfo=texts.timezone)
    runtime = await open_runtime(settings)
    try:
        async with runtime.db.transaction() as conn:
            entries = await audit.since(conn, start)
            words = AuditWords(conn, texts)
            lines = [
                texts.plain("audit.cli_line", at=words.moment(e.at), what=await words.line(e))
                for e in entries
            ]
    finally:
        await runtime.close()
    for line in lines:
        print(line)
    print(texts.plain_n("audit.cli_count", len(entries)))
    return 0
