"""When a contact's yearly visit is due: the rule behind the contact list and reminders."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dialogs.engine.zone import Zone


class VisitStatus(StrEnum):
    OVERDUE = "overdue"  # the due date has passed
    DUE = "due"  # the due date is today or within the "due soon" days
    FINE = "fine"


@dataclass(frozen=True, slots=True)
class VisitDue:
    status: VisitStatus
    due_on: date


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def visit_due(last_visit: date | None, added_on: date, today: date, zone: Zone) -> VisitDue:
    """Due `visit_interval_months` after the last scan or, before the first, after the day the
    contact was added: a contact added today has a year for his first visit, not a day."""
    due_on = add_months(last_visit or added_on, zone.visit_interval_months)
    if today > due_on:
        return VisitDue(VisitStatus.OVERDUE, due_on)
    if today >= due_on - timedelta(days=zone.visit_due_soon_days):
        return VisitDue(VisitStatus.DUE, due_on)
    return VisitDue(VisitStatus.FINE, due_on)
