"""The zone admin's tools: officers, their roles and networks, open invites, the audit log."""

from __future__ import annotations

import logging
from datetime import timedelta

from dialogs.engine.engine import Engine
from dialogs.engine.menu import menu
from dialogs.engine.replies import CommandMenu, Message
from dialogs.engine.texts import Html
from dialogs.engine.turn import Turn
from dialogs.people.audit_log import AuditWords
from dialogs.people.invites import ROLE_NAMES
from storage import audit, contacts, dialog_states, invites, people
from storage.people import Person, Role

log = logging.getLogger(__name__)

AUDIT_DAYS = 7  # what /audit shows in the chat; `wijkbot audit --since` gives any period


async def _officer(turn: Turn, arg: str) -> Person | None:
    person = await people.get(turn.conn, int(arg)) if arg.isdigit() else None
    if person is None or person.role is not Role.OFFICER:
        turn.say(turn.t("access.refused"))
        return None
    return person


def install(engine: Engine) -> None:
    async def overview(turn: Turn, _arg: str) -> None:
        officers = await people.list_by_role(turn.conn, Role.OFFICER)
        lines = [turn.t("admin.title", count=len(officers))]
        keyboard = []
        for officer in officers:
            network = await contacts.list_for_officer(turn.conn, officer.id)
            lines.append(
                turn.texts.tn(
                    "admin.officer_line", len(network), name=officer.name, area=officer.area or "-"
                )
            )
            keyboard.append(
                (
                    turn.menu_button(
                        turn.label("admin.officer_button", name=officer.name),
                        "admin_officer",
                        officer.id,
                    ),
                )
            )
        keyboard.append((turn.menu_button(turn.label("admin.invite_new"), "admin_invite"),))
        keyboard.append((turn.menu_button(turn.label("admin.invites"), "admin_invites"),))
        turn.say(Html("\n".join(lines)), tuple(keyboard), edit=True)

    async def officer_card(turn: Turn, arg: str) -> None:
        if (officer := await _officer(turn, arg)) is None:
            return
        turn.say(
            turn.t("admin.officer_card", name=officer.name, area=officer.area or "-"),
            (
                (turn.menu_button(turn.label("admin.transfer"), "admin_transfer", officer.id),),
                (turn.menu_button(turn.label("admin.revoke"), "admin_revoke", officer.id),),
                (turn.menu_button(turn.label("contacts.back"), "beheer"),),
            ),
            edit=True,
        )

    async def revoke(turn: Turn, arg: str) -> None:
        if (officer := await _officer(turn, arg)) is None:
            return
        remaining = await contacts.list_for_officer(turn.conn, officer.id)
        text = turn.t("admin.revoke_confirm", name=officer.name)
        if remaining:
            text = turn.texts.tn("admin.revoke_has_contacts", len(remaining), confirm=text)
        turn.say(
            text,
            (
                (
                    turn.menu_button(
                        turn.label("admin.revoke_yes"), "admin_revoke_yes", officer.id
                    ),
                    turn.menu_button(turn.label("form.stop_no"), "admin_officer", officer.id),
                ),
            ),
            edit=True,
        )

    async def revoke_yes(turn: Turn, arg: str) -> None:
        if (officer := await _officer(turn, arg)) is None:
            return
        await people.set_role(turn.conn, officer.id, Role.RESIDENT, None, turn.now)
        await dialog_states.delete(turn.conn, officer.id)
        await audit.record(turn.conn, turn.person.id, "role.remove", turn.now, "person", officer.id)
        log.info("admin %s removed the role of person %s", turn.person.id, officer.id)
        turn.say(turn.t("admin.revoked", name=officer.name), edit=True)
        if officer.telegram_id is not None:
            turn.tell(
                Message(
                    turn.t("admin.revoked_told", role=turn.t(ROLE_NAMES[Role.OFFICER])),
                    to=officer.telegram_id,
                ),
                cause="role.revoked",
            )
            turn.tell(
                CommandMenu(menu(Role.RESIDENT, turn.texts), to=officer.telegram_id),
                cause="role.revoked",
            )

    async def transfer(turn: Turn, arg: str) -> None:
        if (officer := await _officer(turn, arg)) is None:
            return
        others = [
            o for o in await people.list_by_role(turn.conn, Role.OFFICER) if o.id != officer.id
        ]
        keyboard = tuple(
            (
                turn.menu_button(
                    turn.label("admin.officer_button", name=other.name),
                    "admin_transfer_to",
                    f"{officer.id}_{other.id}",
                ),
            )
            for other in others
        )
        turn.say(
            turn.t("admin.transfer_choose", name=officer.name)
            if others
            else turn.t("admin.transfer_nobody"),
            keyboard,
            edit=True,
        )

    async def transfer_to(turn: Turn, arg: str) -> None:
        source, _, target = arg.partition("_")
        giver, taker = await _officer(turn, source), None
        if giver is not None:
            taker = await _officer(turn, target)
        if giver is None or taker is None:
            return
        moved = await contacts.transfer(turn.conn, giver.id, taker.id, turn.now)
        await audit.record(
            turn.conn, turn.person.id, "contacts.transfer", turn.now, "person", giver.id
        )
        turn.say(
            turn.texts.tn("admin.transferred", moved, source=giver.name, target=taker.name),
            edit=True,
        )
        if taker.telegram_id is not None:
            turn.tell(
                Message(
                    turn.texts.tn("admin.transferred_told", moved, source=giver.name),
                    to=taker.telegram_id,
                ),
                cause="contacts.transferred",
            )

    async def open_invites(turn: Turn, _arg: str) -> None:
        listed = await invites.list_open(turn.conn, turn.now)
        lines = [turn.t("admin.invites_title", count=len(listed))]
        keyboard = []
        for invite in listed:
            lines.append(
                turn.t(
                    "admin.invite_line",
                    role=turn.t(ROLE_NAMES[invite.role]),
                    name=invite.name or "-",
                    date=turn.texts.date(invite.expires_at),
                )
            )
            keyboard.append(
                (
                    turn.menu_button(
                        turn.label("admin.invite_revoke", name=invite.name or "-"),
                        "admin_invite_revoke",
                        invite.id,
                    ),
                )
            )
        turn.say(Html("\n".join(lines)), tuple(keyboard), edit=True)

    async def invite_revoke(turn: Turn, arg: str) -> None:
        if not arg.isdigit() or not await invites.revoke(turn.conn, int(arg)):
            turn.say(turn.t("admin.invite_gone"))
            return
        await audit.record(turn.conn, turn.person.id, "invite.revoke", turn.now, "invite", int(arg))
        await open_invites(turn, "")

    async def audit_log(turn: Turn, _arg: str) -> None:
        entries = await audit.since(turn.conn, turn.now - timedelta(days=AUDIT_DAYS), limit=60)
        words = AuditWords(turn.conn, turn.texts)
        lines = [turn.t("audit.title", days=AUDIT_DAYS)]
        lines += [
            turn.t("audit.line", at=words.moment(e.at), what=await words.line(e))
            for e in entries[-40:]
        ] or [turn.t("audit.empty")]
        turn.say(Html("\n".join(lines)))

    for name, handler in {
        "beheer": overview,
        "admin_officer": officer_card,
        "admin_revoke": revoke,
        "admin_revoke_yes": revoke_yes,
        "admin_transfer": transfer,
        "admin_transfer_to": transfer_to,
        "admin_invites": open_invites,
        "admin_invite_revoke": invite_revoke,
        "audit": audit_log,
    }.items():
        engine.add_command(name, handler)
