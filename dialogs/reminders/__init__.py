"""Reminders: who gets which reminder when (`due`, pure), working days and Belgian holidays
(`holidays`), the run that queues each one in the outbox once (`run`), how a digest reads
(`digest`), the day-before reminder of a meeting (`meeting_reminders`), /bezoeken with the
digest's buttons (`visits`), and planning a visit for a day picked or typed (`visit_plan`)."""

from __future__ import annotations

from dialogs.engine.engine import Engine
from dialogs.forms.model import Form
from dialogs.reminders import visits
from dialogs.reminders.visit_plan import VisitDateFlow


def install(engine: Engine, forms: dict[str, Form]) -> None:
    visits.install(engine)
    VisitDateFlow(engine)
