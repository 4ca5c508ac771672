""" "Gepland" in the digest and /bezoeken: pick a date from a few working days, or type one
the way the meeting planner reads it ("12/3", "12 maart", "dinsdag").

A small flow waits for the typed date, so a message such as "hallo" is not taken for one; the
offered dates are menu buttons and work on their own, also from an older message.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from dialogs.engine import events
from dialogs.engine.engine import Engine
from dialogs.engine.texts import N_
from dialogs.engine.turn import Turn
from dialogs.forms.dutch_dates import DateError, read_day
from dialogs.reminders.holidays import holiday, is_working_day
from dialogs.sectorscan.contacts import own_contact
from dialogs.sectorscan.visit_rule import add_months
from storage import visit_plans
from storage.contacts import Contact
from storage.visit_plans import PlanKind

log = logging.getLogger(__name__)

FLOW = "visit_date"
PLAN_CHOICES = (
    (N_("visit.when.week"), lambda today: today + timedelta(days=7)),
    (N_("visit.when.two_weeks"), lambda today: today + timedelta(days=14)),
    (N_("visit.when.month"), lambda today: add_months(today, 1)),
)
PLAN_HORIZON = timedelta(days=366)  # a planned date further away is not a plan but a wish


def working_day_from(day: date) -> date:
    """`day`, or the first working day after it: no visit offered on a Sunday or 1 January."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


class VisitDateFlow:
    name = FLOW
    resumable = False  # one date asked: another command simply replaces it

    def __init__(self, engine: Engine) -> None:
        # How the person knows this flow in "your unfinished ... was discarded".
        self.title = engine.texts(engine.default_language).plain("visit.flow_title")
        engine.add_flow(self)
        engine.add_command("visit_when", self.ask_when)
        engine.add_command("visit_plan", self.plan_chosen)

    async def ask_when(self, turn: Turn, arg: str) -> None:
        """A few working days as buttons, or a date typed.

        A new message, so the digest it was pressed in keeps its buttons for the others.
        """
        if (contact := await own_contact(turn, arg)) is None:
            return
        turn.begin(FLOW, "day", {"contact": contact.id})
        await self._ask(turn, contact)

    async def show(self, turn: Turn) -> None:
        assert turn.state is not None
        contact = await own_contact(turn, str(turn.state.data["contact"]))
        if contact is None:
            turn.end()
            return
        await self._ask(turn, contact)

    async def _ask(self, turn: Turn, contact: Contact) -> None:
        days = [(key, working_day_from(pick(turn.today))) for key, pick in PLAN_CHOICES]
        keyboard = tuple(
            (
                turn.menu_button(
                    turn.label(key, date=turn.texts.weekday_date(day)),
                    "visit_plan",
                    f"{contact.id}_{day:%Y%m%d}",
                ),
            )
            for key, day in days
        )
        turn.move("day")
        keyboard += ((turn.button(turn.label("visit.when_cancel"), "x"),),)
        turn.say(turn.t("visit.when", organisation=contact.organisation), keyboard)

    async def on_button(self, turn: Turn, action: str, arg: str) -> None:
        await self.ask_stop(turn)

    async def on_input(self, turn: Turn, event: events.Event) -> None:
        assert turn.state is not None
        contact = await own_contact(turn, str(turn.state.data["contact"]))
        if contact is None:
            turn.end()
            return
        if not isinstance(event, events.Text) or not event.text.strip():
            turn.say(turn.t("dates.not_understood_day"))
            return
        try:
            day = read_day(event.text.strip(), turn.now, turn.texts)
        except DateError as problem:
            turn.say(problem.message(turn.texts))
            return
        await self._plan(turn, contact, day)

    async def ask_stop(self, turn: Turn) -> None:
        turn.end()
        turn.say(turn.t("visit.when_cancelled"), edit=True)

    def paused(self, turn: Turn) -> bool:
        return False

    def pause(self, turn: Turn) -> None:
        """A date is planned at once or not at all: never kept for later."""

    async def plan_chosen(self, turn: Turn, arg: str) -> None:
        """A date button: `<contact>_<yyyymmdd>`."""
        contact_arg, _, day_arg = arg.partition("_")
        if (contact := await own_contact(turn, contact_arg)) is None:
            return
        day = _day(day_arg)
        if day is None:
            turn.say(turn.t("visit.bad_date"))
            return
        await self._plan(turn, contact, day)

    async def _plan(self, turn: Turn, contact: Contact, day: date) -> None:
        if not turn.today <= day <= turn.today + PLAN_HORIZON:
            turn.say(turn.t("visit.bad_date"))
            return
        if turn.state is not None and turn.state.flow == FLOW:
            turn.end()
        back_on = day + timedelta(days=1)
        await visit_plans.put(
            turn.conn, contact.id, PlanKind.PLANNED, back_on, turn.person.id, turn.now, day
        )
        log.info("visit to contact %s planned by person %s", contact.id, turn.person.id)
        lines = [
            turn.t(
                "visit.planned",
                organisation=contact.organisation,
                date=turn.texts.weekday_date(day),
                back=turn.texts.date(back_on),
            )
        ]
        if (name := holiday(day)) is not None:
            lines.append(turn.t("visit.on_holiday", holiday=turn.label(name)))
        turn.say("\n".join(lines), edit=True)


def _day(text: str) -> date | None:
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None
