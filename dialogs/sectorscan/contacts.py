"""The officer's network: list, add, change, invite and stop contacts."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from dialogs.engine.access import may_see_contact
from dialogs.engine.engine import Engine
from dialogs.engine.paging import page_buttons
from dialogs.engine.qr import qr_png
from dialogs.engine.replies import Choice, Message, Picture
from dialogs.engine.texts import N_, Html
from dialogs.engine.turn import Turn
from dialogs.forms.model import Form
from dialogs.sectorscan.contact_form import ContactForm, answers_of, contact_of, form_context
from dialogs.sectorscan.contact_list import Listed, contact_line, due_of, visit_line, with_visits
from dialogs.sectorscan.visit_rule import VisitStatus
from storage import audit, contacts, invites, scan_requests
from storage.contacts import Contact
from storage.people import Role

log = logging.getLogger(__name__)

FORM = "contact"  # the form file that adds or changes a contact
PAGE = 20  # contacts per list message: a phone screen of buttons
MARK = {
    VisitStatus.OVERDUE: N_("contacts.mark.overdue"),
    VisitStatus.DUE: N_("contacts.mark.due"),
    VisitStatus.FINE: N_("contacts.mark.fine"),
}


async def own_contact(turn: Turn, arg: str) -> Contact | None:
    """The contact an argument names, if this person may see it; else a refusal is said.

    The refusal is the same whether the contact exists or not, so ids reveal nothing.
    """
    contact = await contacts.get(turn.conn, int(arg)) if arg.isdigit() else None
    if contact is None or not contact.active or not may_see_contact(turn.person, contact):
        log.info("refused contact %r to person %s", arg, turn.person.id)
        turn.say(turn.t("access.refused"))
        return None
    return contact


def install(engine: Engine, form: Form) -> None:
    async def save(turn: Turn, form: Form, answers: dict[str, Any]) -> None:
        assert turn.state is not None
        context = turn.state.data["context"]
        new = contact_of(answers, form, context)
        contact_id = context.get("contact_id")
        if contact_id is None:
            contact = await contacts.add(turn.conn, turn.person.id, new, turn.now)
        else:
            contact = await contacts.update(turn.conn, contact_id, new, turn.now)
        turn.say(
            turn.t("contacts.saved", organisation=contact.organisation),
            ((turn.menu_button(turn.label("contacts.open"), "contact", contact.id),),),
        )

    adding = ContactForm("contact_add", form, save)
    editing = ContactForm("contact_edit", form, save)
    engine.add_flow(adding)
    engine.add_flow(editing)

    async def list_contacts(turn: Turn, arg: str) -> None:
        page = int(arg) if arg.isdigit() else 0
        listed = with_visits(turn, await contacts.list_for_officer(turn.conn, turn.person.id))
        shown = listed[page * PAGE : (page + 1) * PAGE]
        await audit.record(turn.conn, turn.person.id, "contacts.list", turn.now)
        lines = [turn.t("contacts.title", count=len(listed))]
        lines += [contact_line(turn, item) for item in shown] or [turn.t("contacts.none")]
        keyboard: list[tuple[Choice, ...]] = [
            (turn.menu_button(_button_label(turn, item), "contact", item.contact.id),)
            for item in shown
        ]
        if more := page_buttons(turn, "contacten", page, len(listed), PAGE):
            keyboard.append(more)
        keyboard.append((turn.menu_button(turn.label("contacts.add"), "contact_add"),))
        turn.say(Html("\n\n".join(lines)), tuple(keyboard), edit=True)

    async def card(turn: Turn, arg: str) -> None:
        if (contact := await own_contact(turn, arg)) is None:
            return
        item = Listed(contact, due_of(turn, contact))
        await audit.record(
            turn.conn, turn.person.id, "contact.read", turn.now, "contact", contact.id
        )
        lines = [
            turn.t(
                "contact.card",
                organisation=contact.organisation,
                name=contact.name,
                role=contact.role,
                area=contact.area,
            ),
            turn.t("contact.phone", phone=contact.phone) if contact.phone else "",
            turn.t("contact.street", street=contact.street) if contact.street else "",
            turn.t("contact.linked") if contact.person_id else turn.t("contact.not_linked"),
            visit_line(turn, item),
        ]
        keyboard: list[tuple[Choice, ...]] = [
            (turn.menu_button(turn.label("contact.scan_now"), "scan_for", contact.id),)
        ]
        if contact.last_visit is not None:
            keyboard.append(
                (turn.menu_button(turn.label("contact.last_scan"), "scan_last", contact.id),)
            )
        if contact.person_id:
            keyboard.append(
                (turn.menu_button(turn.label("contact.scan_send"), "scan_send", contact.id),)
            )
        else:
            keyboard.append(
                (turn.menu_button(turn.label("contact.invite"), "contact_invite", contact.id),)
            )
        keyboard.append(
            (
                turn.menu_button(turn.label("contact.edit"), "contact_edit", contact.id),
                turn.menu_button(turn.label("contact.stop"), "contact_stop", contact.id),
            )
        )
        keyboard.append((turn.menu_button(turn.label("contacts.back"), "contacten"),))
        turn.say(Html("\n".join(line for line in lines if line)), tuple(keyboard), edit=True)

    async def add(turn: Turn, _arg: str) -> None:
        await adding.start(turn, await form_context(turn))

    async def edit(turn: Turn, arg: str) -> None:
        if (contact := await own_contact(turn, arg)) is not None:
            context = await form_context(turn, contact.id)
            await editing.start(turn, context, answers_of(contact, form, context))

    async def stop(turn: Turn, arg: str) -> None:
        if (contact := await own_contact(turn, arg)) is not None:
            turn.say(
                turn.t("contact.stop_confirm", organisation=contact.organisation),
                (
                    (
                        turn.menu_button(
                            turn.label("contact.stop_yes"), "contact_stop_yes", contact.id
                        ),
                        turn.menu_button(turn.label("form.stop_no"), "contact", contact.id),
                    ),
                ),
                edit=True,
            )

    async def stop_yes(turn: Turn, arg: str) -> None:
        if (contact := await own_contact(turn, arg)) is not None:
            await contacts.deactivate(turn.conn, contact.id, turn.now)
            await scan_requests.close_for_contact(turn.conn, contact.id, turn.now)
            turn.say(turn.t("contact.stopped", organisation=contact.organisation), edit=True)

    async def invite(turn: Turn, arg: str) -> None:
        if (contact := await own_contact(turn, arg)) is None:
            return
        expires = turn.now + timedelta(days=turn.zone.invite_days)
        _invite, token = await invites.create(
            turn.conn,
            role=Role.CONTACT,
            now=turn.now,
            expires_at=expires,
            name=contact.name,
            area=contact.area,
            created_by=turn.person.id,
            contact_id=contact.id,
        )
        link = turn.texts.plain("invite.link", username=turn.zone.bot_username, token=token)
        # The link is the invite's only copy: kept nowhere, not even for a replay.
        invite_text = turn.t(
            "contact.invite_text",
            organisation=contact.organisation,
            link=link,
            date=turn.texts.date(expires),
        )
        turn.replies.append(Message(invite_text, secret=True))
        turn.replies.append(
            Picture(qr_png(link), turn.t("contact.invite_qr", organisation=contact.organisation))
        )

    engine.add_command("contacten", list_contacts)
    engine.add_command("contact", card)
    engine.add_command("contact_add", add)
    engine.add_command("contact_edit", edit)
    engine.add_command("contact_stop", stop)
    engine.add_command("contact_stop_yes", stop_yes)
    engine.add_command("contact_invite", invite)


def _button_label(turn: Turn, item: Listed) -> str:
    return turn.texts.plain(
        "contacts.button",
        organisation=item.contact.organisation,
        name=item.contact.name,
        mark=turn.texts.plain(MARK[item.due.status]),
    )
