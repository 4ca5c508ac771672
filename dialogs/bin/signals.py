"""/melding: anyone tells the wijkinspecteur of a wijk what plays there, at any time.

The signal reaches the officers of that wijk (the zone's admins where it has none) through
the outbox. /mijnmeldingen shows a resident his signals beside his concerns: the bin part
adds them to the buurtgesprek's command, which knows nothing of signals.
"""

from __future__ import annotations

import logging
from typing import Any

from dialogs.engine.engine import CommandHandler, Engine
from dialogs.engine.replies import Message, StoredPhoto
from dialogs.engine.texts import N_, Html
from dialogs.engine.turn import Turn
from dialogs.forms.model import Form
from dialogs.forms.runner import FormFlow
from dialogs.sectorscan.problem_list import Problems
from dialogs.wijk.view import area_key
from storage import analysis, audit, concerns, people, signals
from storage.people import Person, Role
from storage.signals import NewSignal, Signal, SignalStatus

log = logging.getLogger(__name__)

FLOW = "signal"
STATUS = {
    SignalStatus.OPEN: N_("signal.status.open"),
    SignalStatus.SEEN: N_("signal.status.seen"),
    SignalStatus.CITY: N_("signal.status.city"),
    SignalStatus.SOLVED: N_("signal.status.solved"),
    SignalStatus.NOT_POLICE: N_("signal.status.not_police"),
    SignalStatus.AGENDA: N_("signal.status.agenda"),
}
MINE_LISTED = 10


async def officers_of(turn: Turn, area: str) -> list[Person]:
    """The officers whose wijken include this one; the admins where there are none."""
    found = [
        officer
        for officer in await people.list_by_role(turn.conn, Role.OFFICER)
        if area in await analysis.areas(turn.conn, officer.id)
    ]
    return found or await people.list_by_role(turn.conn, Role.ADMIN)


def where_of(turn: Turn, signal: Signal) -> str:
    """Where a signal is, in words: the place typed, else the location shared, else "-"."""
    if signal.place:
        return signal.place
    if signal.latitude is not None:
        return turn.label("bin.answer_location", lat=signal.latitude, lon=signal.longitude)
    return "-"


def signal_html(turn: Turn, problems: Problems, signal: Signal) -> Html:
    where = where_of(turn, signal)
    return turn.t(
        "signal.card",
        number=signal.id,
        area=signal.area,
        problem=problems.label(turn.texts, signal.problem),
        text=signal.description or "-",
        where=where,
        date=turn.texts.date(signal.created_at, "medium"),
        status=turn.t(STATUS[signal.status]),
    )


class SignalIntake:
    def __init__(self, engine: Engine, form: Form, problems: Problems) -> None:
        self.problems = problems
        self.flow = FormFlow(FLOW, form, self.save)
        engine.add_flow(self.flow)
        engine.add_command("melding", self.start)
        concerns_of: CommandHandler = engine.commands["mijnmeldingen"]

        async def mine(turn: Turn, arg: str) -> None:
            # Someone with signals only is not told first that he has made none.
            if not turn.known or await self._has_concerns(turn) or not await self.mine(turn):
                await concerns_of(turn, arg)
                await self.mine(turn)

        # Beside the concerns the buurtgesprek part lists: that part need not know signals.
        engine.commands["mijnmeldingen"] = mine

    async def start(self, turn: Turn, _arg: str) -> None:
        areas = await analysis.areas(turn.conn)
        if not areas:
            turn.say(turn.t("signal.no_areas"))
            return
        context = {
            "wijken": [{"id": area_key(a), "label": a} for a in areas],
            "problemen": self.problems.items(turn.texts),
        }
        await self.flow.start(turn, context)

    async def save(self, turn: Turn, form: Form, answers: dict[str, Any]) -> None:
        assert turn.state is not None
        wijken = {w["id"]: w["label"] for w in turn.state.data["context"]["wijken"]}
        place = answers.get("waar") or {}
        signal = await signals.add(
            turn.conn,
            NewSignal(
                area=wijken[answers["wijk"]],
                problem=answers["probleem"],
                description=answers["beschrijving"],
                place=place.get("place"),
                latitude=place.get("latitude"),
                longitude=place.get("longitude"),
                photo_file_id=answers.get("foto"),
                keep_informed=bool(answers.get("op_de_hoogte")),
                author_id=turn.person.id,
            ),
            turn.now,
        )
        html = Html(
            "\n".join([turn.t("signal.new_for_officer"), signal_html(turn, self.problems, signal)])
        )
        for officer in await officers_of(turn, signal.area):
            if officer.telegram_id is None:
                continue
            await audit.record(
                turn.conn, officer.id, "signal.received", turn.now, "signal", signal.id
            )
            keyboard = ((turn.menu_button(turn.label("signal.open_button"), "signal", signal.id),),)
            turn.tell(
                Message(html, keyboard, to=officer.telegram_id), cause="signal.new", ref=signal.id
            )
            if signal.photo_file_id:
                photo = StoredPhoto(signal.photo_file_id, to=officer.telegram_id)
                turn.tell(photo, cause="signal.photo", ref=signal.id)
        log.info("signal %s for an area from person %s", signal.id, turn.person.id)

    async def mine(self, turn: Turn) -> bool:
        """The person's signals, if he has any; whether he has."""
        found = (await signals.of_author(turn.conn, turn.person.id))[:MINE_LISTED]
        if not found:
            return False
        lines = [turn.t("signal.mine_title")]
        lines += [signal_html(turn, self.problems, s) for s in found]
        turn.say(Html("\n\n".join(lines)))
        return True

    async def _has_concerns(self, turn: Turn) -> bool:
        """Concerns of his own or supported: the buurtgesprek part has something to list."""
        person = turn.person.id
        return bool(
            await concerns.list_by_author(turn.conn, person)
            or await concerns.supports_by_person(turn.conn, person)
        )
