"""How reminders read: the visit digest, the admin's weekly overview, the contact's reminder.

The same lines and buttons serve the digest the job sends and `/bezoeken`, so an officer sees
one list whichever way he gets it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

from babel.dates import format_time, format_timedelta

from dialogs.engine.replies import Choice, Keyboard, Message
from dialogs.engine.texts import N_, Html, Texts
from dialogs.engine.turn import Turn
from dialogs.reminders.due import Counts, DueContact, Planned, ReminderKind, Waiting
from dialogs.sectorscan.visit_rule import VisitStatus
from storage.digest_preferences import Frequency
from storage.visit_plans import PlanKind

DIGEST_MAX = 10  # contacts in one digest: a phone screen, and well within Telegram's limits

FREQUENCY_LINE = {
    Frequency.DAILY: N_("visits.frequency.daily"),
    Frequency.WEEKLY: N_("visits.frequency.weekly"),
    Frequency.OFF: N_("visits.frequency.off"),
}


def span(texts: Texts, since: date, until: date) -> str:
    """A rounded span of time in words ("3 weken", "13 maanden"), never in hours."""
    return format_timedelta(until - since, granularity="day", threshold=1.5, locale=texts.locale)


def clock_time(texts: Texts, moment: time) -> str:
    """A time of day as the locale writes it, such as 08:30."""
    return format_time(moment, format="short", locale=texts.locale)


def item_text(texts: Texts, number: int, item: DueContact, today: date) -> Html:
    contact, due = item.contact, item.due
    if due.status is VisitStatus.OVERDUE:
        status = texts.t("visits.item.overdue", late=span(texts, due.due_on, today))
    else:
        status = texts.t("visits.item.due", date=texts.date(due.due_on))
    if contact.last_visit is not None:
        since = texts.t(
            "visits.since",
            ago=span(texts, contact.last_visit, today),
            date=texts.date(contact.last_visit),
        )
    else:
        since = texts.t("visits.never", date=texts.date(contact.created_at))
    text = texts.t(
        "visits.item",
        number=number,
        organisation=contact.organisation,
        name=contact.name,
        status=status,
        since=since,
    )
    if item.request is not None:
        waiting = texts.t("visits.scan_waiting", date=texts.date(item.request.requested_at))
        text = Html("\n".join((text, waiting)))
    return text


def item_buttons(texts: Texts, number: int, item: DueContact) -> tuple[Choice, ...]:
    """Scan sturen (or an invite while the contact has no Telegram yet), gepland, later."""
    contact_id = item.contact.id
    if item.contact.person_id is not None:
        first = Turn.menu_button(
            texts.plain("visits.button.send", number=number), "scan_send", contact_id
        )
    else:
        first = Turn.menu_button(
            texts.plain("visits.button.invite", number=number), "contact_invite", contact_id
        )
    return (
        first,
        Turn.menu_button(
            texts.plain("visits.button.planned", number=number), "visit_when", contact_id
        ),
        Turn.menu_button(
            texts.plain("visits.button.later", number=number), "visit_later", contact_id
        ),
    )


def due_block(
    texts: Texts, items: Sequence[DueContact], today: date, first_number: int = 1
) -> tuple[list[Html], list[tuple[Choice, ...]]]:
    """The numbered lines of these contacts and a row of buttons for each."""
    lines, rows = [], []
    for number, item in enumerate(items, start=first_number):
        lines.append(item_text(texts, number, item, today))
        rows.append(item_buttons(texts, number, item))
    return lines, rows


def summary(texts: Texts, items: Sequence[DueContact]) -> Html:
    overdue = sum(1 for item in items if item.due.status is VisitStatus.OVERDUE)
    return texts.t(
        "visits.summary",
        overdue=texts.number(overdue),
        soon=texts.number(len(items) - overdue),
    )


def digest(texts: Texts, items: Sequence[DueContact], today: date) -> tuple[Html, Keyboard]:
    lines, rows = due_block(texts, items[:DIGEST_MAX], today)
    head = [texts.t("visits.digest_title", date=texts.weekday_date(today)), summary(texts, items)]
    tail = [texts.t("visits.more", count=texts.number(len(items) - DIGEST_MAX))]
    body = head + lines + (tail if len(items) > DIGEST_MAX else [])
    return Html("\n\n".join(body)), tuple(rows)


def hidden_lines(texts: Texts, items: Sequence[DueContact]) -> list[Html]:
    """Contacts kept out of the list for now, with the day they come back."""
    lines = []
    for item in items:
        plan = item.plan
        if plan is None:
            continue
        if plan.kind is PlanKind.PLANNED and plan.planned_on is not None:
            line = texts.t(
                "visits.hidden.planned",
                organisation=item.contact.organisation,
                date=texts.date(plan.planned_on),
            )
        else:
            line = texts.t(
                "visits.hidden.snoozed",
                organisation=item.contact.organisation,
                date=texts.date(plan.back_on),
            )
        lines.append(line)
    return lines


def overview_lines(texts: Texts, counts: Sequence[Counts]) -> list[Html]:
    lines = [
        texts.t(
            "overview.line",
            officer=c.person.name,
            area=c.person.area or "-",
            contacts=texts.number(c.contacts),
            overdue=texts.number(c.overdue),
            soon=texts.number(c.due_soon),
        )
        for c in counts
    ]
    lines.append(
        texts.t(
            "overview.total",
            contacts=texts.number(sum(c.contacts for c in counts)),
            overdue=texts.number(sum(c.overdue for c in counts)),
            soon=texts.number(sum(c.due_soon for c in counts)),
        )
    )
    return lines


def overview(texts: Texts, counts: Sequence[Counts], today: date) -> Html:
    title = texts.t("overview.title", date=texts.weekday_date(today))
    return Html("\n".join([title, "", *overview_lines(texts, counts)]))


def scan_reminder(texts: Texts, waiting: Waiting) -> tuple[Html, Keyboard]:
    text = texts.t(
        "scan.reminder",
        officer=waiting.officer_name,
        date=texts.date(waiting.request.requested_at),
    )
    start = ((Turn.menu_button(texts.plain("scan.start_button"), "scan"),),)
    return text, start


def render(planned: Planned, texts: Texts, today: date) -> Message:
    """The message that carries a planned reminder, addressed to its person."""
    to = planned.person.telegram_id
    if planned.kind is ReminderKind.DIGEST:
        html, keyboard = digest(texts, planned.due, today)
    elif planned.kind is ReminderKind.OVERVIEW:
        html, keyboard = overview(texts, planned.counts, today), ()
    else:
        assert planned.waiting is not None
        html, keyboard = scan_reminder(texts, planned.waiting)
    return Message(html, keyboard, to=to)
