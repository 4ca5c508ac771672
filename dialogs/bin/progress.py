"""The sender's view of an alert going out: one message, edited as it goes, then the report.

The channel asks `due` every few seconds for what each unreported alert's message should say
now, shows it (sending it the first time, editing it after), and tells `shown` the message id
and whether that was the report. The counts come from the alert's outbox batch, so they are
what the dispatcher really did.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from dialogs.bin.alert_text import finished, progress_html
from dialogs.engine.texts import Html, Texts
from storage import bin_alerts, outbox, people
from storage.db import Database
from storage.outbox import OutboxStatus


@dataclass(frozen=True, slots=True)
class Progress:
    alert_id: int
    chat_id: int  # the sender's chat
    message_id: int | None  # his progress message, once shown
    html: Html
    final: bool  # the report: nothing is left to send
    delivered: int
    blocked: int
    failed: int


async def due(db: Database, texts: Callable[[str], Texts], now: datetime) -> list[Progress]:
    """What each unreported alert's progress message should say now."""
    found: list[Progress] = []
    async with db.transaction() as conn:
        for alert in await bin_alerts.unreported(conn):
            counts = await outbox.progress(conn, alert.batch)
            sent, blocked = counts[OutboxStatus.SENT], counts[OutboxStatus.BLOCKED]
            failed = counts[OutboxStatus.FAILED]
            sender = await people.get(conn, alert.sender_id) if alert.sender_id else None
            if sender is None or sender.telegram_id is None:
                # Nobody to show it to (erased meanwhile): the figures are kept all the same.
                if finished(alert, counts):
                    await bin_alerts.mark_reported(
                        conn, alert.id, now, delivered=sent, blocked=blocked, failed=failed
                    )
                continue
            found.append(
                Progress(
                    alert.id,
                    sender.telegram_id,
                    alert.progress_message_id,
                    progress_html(texts(sender.language), alert, counts),
                    finished(alert, counts),
                    sent,
                    blocked,
                    failed,
                )
            )
    return found


async def shown(db: Database, progress: Progress, message_id: int, now: datetime) -> None:
    """The progress message is on screen; after the report the alert is done with."""
    async with db.transaction() as conn:
        if progress.message_id != message_id:
            await bin_alerts.set_progress_message(conn, progress.alert_id, message_id)
        if progress.final:
            await bin_alerts.mark_reported(
                conn,
                progress.alert_id,
                now,
                delivered=progress.delivered,
                blocked=progress.blocked,
                failed=progress.failed,
            )
