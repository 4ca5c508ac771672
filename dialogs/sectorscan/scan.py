"""The sectorscan: a contact answers it from his phone, or his officer fills it in during a
visit; afterwards the officer gets a summary that compares it with the previous scan."""

from __future__ import annotations

import logging
from typing import Any

from dialogs.engine.access import may_see_contact
from dialogs.engine.engine import Engine
from dialogs.engine.replies import Message
from dialogs.engine.texts import Html
from dialogs.engine.turn import Turn
from dialogs.forms.model import Form
from dialogs.forms.runner import FormFlow
from dialogs.sectorscan.contact_list import due_of, with_visits
from dialogs.sectorscan.contacts import own_contact
from dialogs.sectorscan.summary import forward_remark, scan_summary
from dialogs.sectorscan.visit_rule import VisitStatus
from storage import audit, contacts, people, scan_requests, scans
from storage.contacts import Contact
from storage.people import Role
from storage.scans import FilledBy, NewScan, Trend

log = logging.getLogger(__name__)

FLOW = "sectorscan"
COMPARISON = {
    "opgelost": Trend.SOLVED,
    "verbeterd": Trend.IMPROVED,
    "onveranderd": Trend.UNCHANGED,
    "verslechterd": Trend.WORSE,
}


STILL_THERE = ("onveranderd", "verslechterd")  # a problem compared so is a problem now


def problems_of(answers: dict[str, Any]) -> dict[str, str | None]:
    """The problems now, with their severity: those ticked, and those the comparison calls
    unchanged or worse (not asked how much trouble they give)."""
    severities = answers.get("ernst") or {}
    problems = {p: severities.get(p) for p in answers.get("problemen") or []}
    for problem, answer in (answers.get("vergelijking") or {}).items():
        if answer in STILL_THERE:
            problems.setdefault(problem, None)
    return problems


def trends_of(answers: dict[str, Any], previous: scans.Scan | None) -> dict[str, Trend]:
    """The comparison with the previous scan; a first scan has none."""
    if previous is None:
        return {}
    trends = {p: COMPARISON[v] for p, v in (answers.get("vergelijking") or {}).items()}
    for problem in answers.get("problemen") or []:
        if problem not in previous.problems:
            trends[problem] = Trend.NEW
    return trends


async def scan_is_open(turn: Turn, contact: Contact) -> bool:
    """Open when the officer set one ready, when the yearly visit is due, or before the first
    scan: a new contact may answer it from his invite on."""
    if contact.last_visit is None:
        return True
    if await scan_requests.open_for_contact(turn.conn, contact.id) is not None:
        return True
    return due_of(turn, contact).status is not VisitStatus.FINE


class ScanFlow:
    def __init__(self, engine: Engine, form: Form) -> None:
        self.form = form
        self.flow = FormFlow(FLOW, form, self.save)
        engine.add_flow(self.flow)
        engine.add_command("scan", self.scan)
        engine.add_command("scan_for", self.scan_for)
        engine.add_command("scan_send", self.scan_send)

    async def begin(self, turn: Turn, contact: Contact, filled_by: FilledBy) -> None:
        previous = await scans.latest_for_contact(turn.conn, contact.id)
        named = set(previous.problems) if previous else set()
        # In the order of the form, so the comparison reads like the problem list; a problem
        # a zone has since removed from the form is still asked about, by its id.
        options = self.form.question("problemen").options
        before = [{"id": o.id, "label": o.label} for o in options if o.id in named]
        known = {o.id for o in options}
        before += [{"id": p, "label": p} for p in sorted(named - known)]
        context = {"contact_id": contact.id, "filled_by": filled_by, "vorige_problemen": before}
        if filled_by is FilledBy.OFFICER:
            turn.say(
                turn.t("scan.officer_intro", organisation=contact.organisation, name=contact.name)
            )
        await self.flow.start(turn, context)

    async def scan(self, turn: Turn, _arg: str) -> None:
        if turn.state is not None and turn.state.flow == FLOW:
            await self.flow.offer_resume(turn)
        elif turn.person.role is Role.CONTACT:
            contact = await contacts.by_person(turn.conn, turn.person.id)
            if contact is None or not contact.active:
                turn.say(turn.t("access.refused"))
            elif await scan_is_open(turn, contact):
                await self.begin(turn, contact, FilledBy.CONTACT)
            else:
                last = turn.texts.date(contact.last_visit) if contact.last_visit else "-"
                turn.say(turn.t("scan.not_open", date=last))
        else:
            await self.choose_contact(turn)

    async def choose_contact(self, turn: Turn) -> None:
        listed = with_visits(turn, await contacts.list_for_officer(turn.conn, turn.person.id))
        if not listed:
            turn.say(turn.t("scan.no_contacts"))
            return
        keyboard = tuple(
            (
                turn.menu_button(
                    turn.label(
                        "scan.contact_button",
                        organisation=i.contact.organisation,
                        name=i.contact.name,
                    ),
                    "scan_for",
                    i.contact.id,
                ),
            )
            for i in listed[:40]
        )
        turn.say(turn.t("scan.choose_contact"), keyboard, edit=True)

    async def scan_for(self, turn: Turn, arg: str) -> None:
        if (contact := await own_contact(turn, arg)) is not None:
            await self.begin(turn, contact, FilledBy.OFFICER)

    async def scan_send(self, turn: Turn, arg: str) -> None:
        contact = await own_contact(turn, arg)
        if contact is None:
            return
        person = await people.get(turn.conn, contact.person_id) if contact.person_id else None
        if person is None or person.telegram_id is None:
            turn.say(turn.t("scan.send_not_linked", organisation=contact.organisation))
            return
        request = await scan_requests.open_request(turn.conn, contact.id, turn.person.id, turn.now)
        start = ((turn.menu_button(turn.label("scan.start_button"), "scan"),),)
        # One message per open request: "scan sturen" pressed twice tells the contact once.
        turn.tell(
            Message(turn.t("scan.ready", officer=turn.person.name), start, to=person.telegram_id),
            cause="scan.ready",
            ref=request.id,
        )
        turn.say(turn.t("scan.sent", organisation=contact.organisation))

    async def save(self, turn: Turn, form: Form, answers: dict[str, Any]) -> None:
        assert turn.state is not None
        context = turn.state.data["context"]
        contact = await contacts.get(turn.conn, context["contact_id"])
        if contact is None or not contact.active:
            turn.say(turn.t("scan.contact_gone"))
            return
        filled_by = FilledBy(context["filled_by"])
        if filled_by is FilledBy.OFFICER and not may_see_contact(turn.person, contact):
            turn.say(turn.t("access.refused"))
            return
        previous = await scans.latest_for_contact(turn.conn, contact.id)
        scan = await scans.add(
            turn.conn,
            NewScan(
                contact_id=contact.id,
                officer_id=contact.officer_id,
                filled_by=filled_by,
                form=form.id,
                form_version=form.version,
                visited_on=turn.today,
                feeling=answers.get("gevoel"),
                mark=answers.get("rapport"),
                priority=answers.get("eerst"),
                answers=answers,
                problems=problems_of(answers),
                trends=trends_of(answers, previous),
            ),
            turn.now,
        )
        await scan_requests.close_for_contact(turn.conn, contact.id, turn.now)
        summary = scan_summary(turn.texts, form, contact, scan, previous)
        keyboard = forward_remark(turn, scan)
        if filled_by is FilledBy.OFFICER:
            turn.say(summary, keyboard)
            await audit.record(turn.conn, turn.person.id, "scan.summary", turn.now, "scan", scan.id)
            return
        officer = await people.get(turn.conn, contact.officer_id)
        if officer is not None and officer.telegram_id is not None:
            turn.tell(
                Message(Html(summary), keyboard, to=officer.telegram_id),
                cause="scan.summary",
                ref=scan.id,
            )
            await audit.record(turn.conn, officer.id, "scan.summary", turn.now, "scan", scan.id)
        log.info("scan %s of contact %s stored", scan.id, contact.id)
