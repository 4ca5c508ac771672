"""An admin invites a wijkinspecteur or another admin from /beheer: a short form (role, name,
wijk), then a one-time link and its QR code to pass on, as `wijkbot invite` prints them."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from dialogs.engine.engine import Engine
from dialogs.engine.qr import qr_png
from dialogs.engine.replies import Picture
from dialogs.engine.texts import N_
from dialogs.engine.turn import Turn
from dialogs.forms.dutch_dates import moment_text
from dialogs.forms.model import Form, FormError
from dialogs.forms.runner import FormFlow
from dialogs.people.invites import ROLE_NAMES
from storage import analysis, audit, invites
from storage.people import Role

log = logging.getLogger(__name__)

FLOW = "staff_invite"
FORM = "staff_invite"
ROLES = {"officer": Role.OFFICER, "admin": Role.ADMIN}
AREA_BUTTONS = 12  # the zone's wijken offered as buttons; any other is typed


def check_form(form: Form) -> None:
    """The roles on the buttons are those the code can invite, or start-up stops."""
    if {o.id for o in form.question("rol").options} != set(ROLES):
        raise FormError(f"{FORM}.toml: rol options must be {sorted(ROLES)}")
    form.question("naam")
    form.question("wijk")


class StaffInvites:
    def __init__(self, engine: Engine, form: Form) -> None:
        check_form(form)
        self.flow = FormFlow(FLOW, form, self.make)
        engine.add_flow(self.flow)
        engine.add_command("admin_invite", self.start)

    async def start(self, turn: Turn, _arg: str) -> None:
        areas = (await analysis.areas(turn.conn))[:AREA_BUTTONS]
        context = {"areas": [{"id": f"a{i}", "label": area} for i, area in enumerate(areas)]}
        await self.flow.start(turn, context)

    async def make(self, turn: Turn, form: Form, answers: dict[str, Any]) -> None:
        assert turn.state is not None
        role = ROLES[answers["rol"]]
        name = answers["naam"]
        area = form.answer_label("wijk", answers, turn.state.data["context"])
        if role is not Role.OFFICER:
            area = None
        expires = turn.now + timedelta(days=turn.zone.invite_days)
        invite, token = await invites.create(
            turn.conn,
            role=role,
            now=turn.now,
            expires_at=expires,
            name=name,
            area=area,
            created_by=turn.person.id,
        )
        await audit.record(
            turn.conn, turn.person.id, "invite.create", turn.now, "invite", invite.id
        )
        log.info("admin %s invited a new %s (invite %s)", turn.person.id, role, invite.id)
        link = turn.texts.plain("invite.link", username=turn.zone.bot_username, token=token)
        key = N_("admin.invite_made_area") if area else N_("admin.invite_made")
        turn.say(
            turn.t(
                key,
                name=name,
                role=turn.t(ROLE_NAMES[role]),
                area=area or "",
                link=link,
                until=moment_text(turn.texts, expires),
            ),
            ((turn.menu_button(turn.label("admin.invites"), "admin_invites"),),),
            edit=True,
        )
        turn.replies.append(Picture(qr_png(link), turn.t("admin.invite_qr", name=name)))
