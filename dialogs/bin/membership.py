"""Being a BIN member: joining by a wijk's link, seeing one's memberships, leaving.

A wijk's link carries a secret code; a wrong code counts as a guess against the same
throttle as invite tokens. Leaving takes one press and is immediate, from /bin or from any
alert.
"""

from __future__ import annotations

import logging
import re

from dialogs.engine.engine import Engine
from dialogs.engine.texts import Html
from dialogs.engine.turn import Turn
from dialogs.people import guesses
from dialogs.wijk.view import area_key
from storage import bin_alerts, bin_members

log = logging.getLogger(__name__)

_CODE = re.compile(r"[A-Za-z0-9]{6,32}")


async def area_of_code(turn: Turn, code: str) -> str | None:
    """The wijk a join code names; a wrong one is counted, and said so."""
    if await guesses.refused(turn):
        return None
    area = await bin_members.area_of_code(turn.conn, code) if _CODE.fullmatch(code) else None
    if area is None:
        log.info("unknown BIN code opened by person %s", turn.person.id)
        await guesses.missed(turn)
        turn.say(turn.t("bin.unknown_link"))
    return area


async def show_memberships(turn: Turn, *, edit: bool = False) -> None:
    areas = await bin_members.areas_of(turn.conn, turn.person.id)
    if not areas:
        turn.say(turn.t("bin.member_none"), edit=edit)
        return
    lines = [turn.t("bin.member_title")]
    lines += [turn.t("bin.member_line", area=area) for area in areas]
    keyboard = tuple(
        (turn.menu_button(turn.label("bin.leave_area", area=area), "bin_leave", area_key(area)),)
        for area in areas
    )
    turn.say(Html("\n".join(lines)), keyboard, edit=edit)


class Membership:
    def __init__(self, engine: Engine) -> None:
        engine.add_start_link("bin", self.open_link)
        engine.add_command("bin_join", self.join)
        engine.add_command("bin_leave", self.leave)

    async def open_link(self, turn: Turn, code: str) -> None:
        area = await area_of_code(turn, code.strip())
        if area is None:
            return
        if area in await bin_members.areas_of(turn.conn, turn.person.id):
            turn.say(turn.t("bin.already_member", area=area))
            return
        turn.say(
            turn.t("bin.join_explained", area=area),
            (
                (turn.menu_button(turn.label("bin.join_button"), "bin_join", code.strip()),),
                (turn.menu_button(turn.label("bin.join_no"), "bin_join", ""),),
            ),
        )

    async def join(self, turn: Turn, code: str) -> None:
        if not code:
            turn.say(turn.t("bin.join_declined"), edit=True)
            return
        area = await area_of_code(turn, code)
        if area is None:
            return
        await bin_members.join(turn.conn, turn.person.id, area, turn.now)
        log.info("person %s joined the BIN of an area", turn.person.id)
        turn.say(turn.t("bin.joined", area=area), edit=True)

    async def leave(self, turn: Turn, arg: str) -> None:
        mine = await bin_members.areas_of(turn.conn, turn.person.id)
        if arg.startswith("a") and arg[1:].isdigit():
            # From an alert: the wijken it went to, of those this person is a member of.
            alert = await bin_alerts.get(turn.conn, int(arg[1:]))
            leaving = [a for a in mine if alert is not None and a in alert.areas]
        else:
            leaving = [a for a in mine if area_key(a) == arg]
        if not leaving:
            turn.say(turn.t("bin.leave_nothing"))
            return
        await bin_members.leave(turn.conn, turn.person.id, leaving)
        log.info("person %s left the BIN of %s area(s)", turn.person.id, len(leaving))
        turn.say(turn.t("bin.left", areas=", ".join(leaving)))
        await show_memberships(turn)
