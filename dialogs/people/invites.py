"""Opening an invite link: a one-time token that gives the person who opens it a role."""

from __future__ import annotations

import logging
import re

from dialogs.engine.menu import menu
from dialogs.engine.replies import CommandMenu
from dialogs.engine.texts import N_
from dialogs.engine.turn import Turn
from dialogs.people import guesses
from dialogs.sectorscan.contact_welcome import welcome_contact
from storage import audit, contacts, invites, people
from storage.people import Role

log = logging.getLogger(__name__)

# Telegram allows A-Z, a-z, 0-9, _ and - in a /start payload, up to 64 characters.
_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

ROLE_NAMES = {
    Role.ADMIN: N_("role.admin"),
    Role.OFFICER: N_("role.officer"),
    Role.CONTACT: N_("role.contact"),
    Role.RESIDENT: N_("role.resident"),
}


async def redeem(turn: Turn, token: str) -> None:
    if await guesses.refused(turn):
        return
    invite = await invites.find(turn.conn, token) if _PAYLOAD.match(token) else None
    if invite is None:
        log.info("unknown invite opened by person %s", turn.person.id)
        await guesses.missed(turn)
        turn.say(turn.t("invite.unknown"))
    elif invite.used_at is not None:
        turn.say(turn.t("invite.used"))
    elif invite.expires_at <= turn.now:
        turn.say(turn.t("invite.expired", date=turn.texts.date(invite.expires_at)))
    elif turn.person.role is not Role.RESIDENT:
        # Opening a second invite must not silently change who someone is; it stays unused.
        turn.say(turn.t("invite.has_role", role=turn.t(ROLE_NAMES[turn.person.role])))
    elif not await invites.mark_used(turn.conn, invite.id, turn.person.id, turn.now):
        turn.say(turn.t("invite.used"))
    elif invite.role is Role.CONTACT:
        await _become_contact(turn, invite)
    else:
        person = await people.set_role(
            turn.conn, turn.person.id, invite.role, invite.area, turn.now
        )
        if invite.name:
            await people.rename(turn.conn, person.id, invite.name, turn.now)
            person = person.model_copy(update={"name": invite.name})
        turn.person = person
        log.info("invite %s made person %s %s", invite.id, person.id, person.role)
        await audit.record(
            turn.conn, invite.created_by, "role.grant", turn.now, "person", person.id
        )
        role = turn.t(ROLE_NAMES[person.role])
        if person.area:
            turn.say(turn.t("invite.welcome_area", name=person.name, role=role, area=person.area))
        else:
            turn.say(turn.t("invite.welcome", name=person.name, role=role))
        _set_menu(turn)


async def _become_contact(turn: Turn, invite: invites.Invite) -> None:
    contact = await contacts.get(turn.conn, invite.contact_id) if invite.contact_id else None
    if contact is None or not contact.active or contact.person_id is not None:
        turn.say(turn.t("invite.unknown"))
        return
    await contacts.link_person(turn.conn, contact.id, turn.person.id, turn.now)
    turn.person = await people.set_role(
        turn.conn, turn.person.id, Role.CONTACT, contact.area, turn.now
    )
    log.info("invite %s linked person %s to contact %s", invite.id, turn.person.id, contact.id)
    await audit.record(
        turn.conn, invite.created_by, "role.grant", turn.now, "person", turn.person.id
    )
    await welcome_contact(turn, contact.model_copy(update={"person_id": turn.person.id}))
    _set_menu(turn)


def _set_menu(turn: Turn) -> None:
    assert turn.person.telegram_id is not None
    turn.replies.append(CommandMenu(menu(turn.person.role, turn.texts), to=turn.person.telegram_id))
