"""`/bezoeken` and the buttons of the visit digest: put a contact off a week, and how often
the digest comes. "Gepland" is `visit_plan`, "Scan sturen" the sectorscan's own `scan_send`.
"""

from __future__ import annotations

import logging

from dialogs.engine.engine import Engine
from dialogs.engine.paging import page_buttons
from dialogs.engine.replies import Choice
from dialogs.engine.texts import N_, Html
from dialogs.engine.turn import Turn
from dialogs.reminders.digest import (
    DIGEST_MAX,
    FREQUENCY_LINE,
    clock_time,
    due_block,
    hidden_lines,
    overview_lines,
    summary,
)
from dialogs.reminders.due import SNOOZE, due_contacts, overview_counts
from dialogs.reminders.run import network_of, snapshot
from dialogs.sectorscan.contacts import own_contact
from storage import audit, digest_preferences, visit_plans
from storage.digest_preferences import Frequency
from storage.people import Role
from storage.visit_plans import PlanKind

log = logging.getLogger(__name__)

PAGE = DIGEST_MAX
FREQUENCY_BUTTON = {
    Frequency.DAILY: N_("visits.frequency_button.daily"),
    Frequency.WEEKLY: N_("visits.frequency_button.weekly"),
    Frequency.OFF: N_("visits.frequency_button.off"),
}


async def list_visits(turn: Turn, arg: str) -> None:
    """The digest on demand, page by page, with what is planned and the digest setting."""
    page = int(arg) if arg.isdigit() else 0
    tz, today = turn.texts.timezone, turn.today
    network = await network_of(turn.conn, turn.person)
    due = due_contacts(network, today, turn.zone, tz)
    later = due_contacts(network, today, turn.zone, tz, planned=True)
    frequency = await digest_preferences.get(turn.conn, turn.person.id)
    await audit.record(turn.conn, turn.person.id, "visits.list", turn.now)

    parts = [turn.t("visits.title")]
    if due:
        parts.append(summary(turn.texts, due))
    if turn.person.role is Role.ADMIN and page == 0:
        counts = overview_counts(await snapshot(turn.conn), today, turn.zone, tz)
        parts.append(
            Html("\n".join([turn.t("visits.overview"), *overview_lines(turn.texts, counts)]))
        )
    lines, rows = due_block(
        turn.texts, due[page * PAGE : (page + 1) * PAGE], today, page * PAGE + 1
    )
    if not network.contacts:
        parts.append(turn.t("visits.no_contacts"))
    elif not due:
        parts.append(turn.t("visits.none"))
    parts += lines
    if later and page == 0:
        parts.append(
            Html("\n".join([turn.t("visits.hidden_title"), *hidden_lines(turn.texts, later)]))
        )
    parts.append(
        turn.t(FREQUENCY_LINE[frequency], time=clock_time(turn.texts, turn.zone.reminder_time))
    )

    keyboard: list[tuple[Choice, ...]] = list(rows)
    if pages := page_buttons(turn, "bezoeken", page, len(due), PAGE):
        keyboard.append(pages)
    keyboard.append(tuple(_frequency_button(turn, f, f is frequency) for f in FREQUENCY_BUTTON))
    turn.say(Html("\n\n".join(parts)), tuple(keyboard), edit=True)


def _frequency_button(turn: Turn, frequency: Frequency, chosen: bool) -> Choice:
    label = turn.label(FREQUENCY_BUTTON[frequency])
    if chosen:
        label = turn.label("visits.chosen", label=label)
    return turn.menu_button(label, "digest_set", frequency.value)


async def later(turn: Turn, arg: str) -> None:
    if (contact := await own_contact(turn, arg)) is None:
        return
    back_on = turn.today + SNOOZE
    await visit_plans.put(
        turn.conn, contact.id, PlanKind.SNOOZED, back_on, turn.person.id, turn.now
    )
    turn.say(
        turn.t(
            "visit.later", organisation=contact.organisation, date=turn.texts.weekday_date(back_on)
        )
    )


async def set_frequency(turn: Turn, arg: str) -> None:
    try:
        frequency = Frequency(arg)
    except ValueError:
        turn.say(turn.t("access.refused"))
        return
    await digest_preferences.put(turn.conn, turn.person.id, frequency, turn.now)
    turn.notice(
        turn.texts.plain(
            FREQUENCY_LINE[frequency], time=clock_time(turn.texts, turn.zone.reminder_time)
        )
    )
    await list_visits(turn, "0")


def install(engine: Engine) -> None:
    engine.add_command("bezoeken", list_visits)
    engine.add_command("visit_later", later)
    engine.add_command("digest_set", set_frequency)
