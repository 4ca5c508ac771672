"""How a BIN alert reads to its members, and how its sending reads to its sender.

The preview the sender approves is built by the same function as what members get, so it is
exactly what they will see.
"""

from __future__ import annotations

from collections import Counter

from dialogs.engine.replies import Choice, Keyboard
from dialogs.engine.texts import N_, Html, Texts
from dialogs.engine.turn import Turn
from storage.bin_alerts import Alert, AlertKind
from storage.outbox import OutboxStatus

KIND = {
    AlertKind.WARNING: N_("bin.kind.warning"),
    AlertKind.LOOKOUT: N_("bin.kind.lookout"),
    AlertKind.INFORMATION: N_("bin.kind.information"),
    AlertKind.PREVENTION: N_("bin.kind.prevention"),
}
TEXT_LIMIT = 1000


def alert_html(texts: Texts, kind: AlertKind, areas: list[str], text: str) -> Html:
    """The alert as members read it; the officer's text is shown as he typed it."""
    return texts.t(
        "bin.alert",
        kind=texts.t(KIND[kind]),
        areas=", ".join(areas),
        text=text,
    )


def alert_keyboard(texts: Texts, alert_id: int, answers: bool) -> Keyboard:
    rows: list[tuple[Choice, ...]] = []
    if answers:
        seen = texts.plain("bin.seen_button")
        rows.append((Turn.menu_button(seen, "bin_seen", alert_id),))
    rows.append((Turn.menu_button(texts.plain("bin.leave_button"), "bin_leave", f"a{alert_id}"),))
    return tuple(rows)


def done(counts: Counter[OutboxStatus]) -> int:
    return counts[OutboxStatus.SENT] + counts[OutboxStatus.BLOCKED] + counts[OutboxStatus.FAILED]


def finished(alert: Alert, counts: Counter[OutboxStatus]) -> bool:
    """Every member's message was queued and nothing of it waits any more (a member erased
    meanwhile takes his row along)."""
    waiting = counts[OutboxStatus.QUEUED] or counts[OutboxStatus.SENDING]
    return alert.all_queued and not waiting


def progress_html(texts: Texts, alert: Alert, counts: Counter[OutboxStatus]) -> Html:
    """The sender's one message: how far the alert has come, then how it ended."""
    if not finished(alert, counts):
        return texts.t(
            "bin.progress",
            done=texts.number(done(counts)),
            total=texts.number(alert.recipients),
        )
    return texts.t(
        "bin.report",
        kind=texts.t(KIND[alert.kind]),
        areas=", ".join(alert.areas),
        delivered=texts.number(counts[OutboxStatus.SENT]),
        blocked=texts.number(counts[OutboxStatus.BLOCKED]),
        failed=texts.number(counts[OutboxStatus.FAILED]),
        total=texts.number(alert.recipients),
    )
