"""Fixed retention periods, applied by the program every day; only counts are logged."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from dialogs.engine.zone import Zone
from dialogs.sectorscan.visit_rule import add_months
from storage import (
    bin_answers,
    dialog_states,
    inbox,
    invites,
    outbox,
    retention,
    signals,
    start_attempts,
)
from storage.db import Database

log = logging.getLogger(__name__)


async def apply_retention(
    db: Database, now: datetime, today: date, zone: Zone, identifying: set[str]
) -> dict[str, int]:
    """Apply every rule in one transaction and return how many records each touched."""
    async with db.transaction() as conn:
        counts = {
            "dialog_states": await dialog_states.delete_untouched_since(
                conn, now - timedelta(days=zone.draft_days)
            ),
            "invites": await invites.delete_expired(conn, now),
            "start_attempts": await start_attempts.delete_before(conn, now - timedelta(days=1)),
            # Outcomes of updates are kept against a second delivery of the same update.
            "inbox": await inbox.delete_before(conn, now - timedelta(days=zone.inbox_days)),
            # Sent messages keep no text; who got what, and why not, is kept a while.
            "outbox": await outbox.delete_finished_before(
                conn, now - timedelta(days=zone.outbox_days)
            ),
            "concerns": await retention.erase_concern_texts(
                conn, _months_before(now, zone.concern_months)
            ),
            # Signals keep wijk, problem and status; their texts and photo go a year after.
            "signals": await signals.erase_closed_before(
                conn, _months_before(now, zone.signal_months)
            ),
            # Answers to BIN alerts keep only that they came; the rest goes a year after.
            "bin_answers": await bin_answers.erase_before(
                conn, _months_before(now, zone.bin_answer_months)
            ),
            "scans": await retention.anonymise_scans_before(
                conn, add_months(today, -12 * zone.scan_years), identifying, now
            ),
        }
    log.info("retention applied: %s", ", ".join(f"{k}={v}" for k, v in counts.items()))
    return counts


def _months_before(moment: datetime, months: int) -> datetime:
    return datetime.combine(add_months(moment.date(), -months), moment.timetz())
