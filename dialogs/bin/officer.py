"""/bin for everyone: a member sees his memberships; an officer or admin also gets the menu of
his wijken's BIN: members (as counts, never names) with each wijk's link and flyer, a new
alert, and what was sent."""

from __future__ import annotations

import secrets

from dialogs.bin.alert_text import KIND
from dialogs.bin.membership import show_memberships
from dialogs.buurtgesprek.flyer import FlyerText, printed_languages, send_flyer_of, zone_header
from dialogs.engine.engine import Engine
from dialogs.engine.file_names import slug
from dialogs.engine.limits import cut_plain
from dialogs.engine.texts import Html
from dialogs.engine.turn import Turn
from dialogs.wijk.view import area_key, areas_of
from storage import bin_alerts, bin_members, outbox, people
from storage.bin_alerts import Alert
from storage.outbox import OutboxStatus
from storage.people import Role

SENT_LISTED = 10


def is_staff(turn: Turn) -> bool:
    return turn.person.role in (Role.OFFICER, Role.ADMIN)


async def link_of(turn: Turn, area: str) -> str:
    code = await bin_members.link_code(turn.conn, area, secrets.token_hex(8), turn.now)
    return turn.texts.plain("invite.link", username=turn.zone.bot_username, token=f"bin_{code}")


async def figures(turn: Turn, alert: Alert) -> tuple[int, int, int]:
    """Delivered, unreachable and failed: kept with the alert once reported, live before."""
    if alert.delivered is not None:
        return alert.delivered, alert.blocked or 0, alert.failed or 0
    counts = await outbox.progress(turn.conn, alert.batch)
    sent, blocked = counts[OutboxStatus.SENT], counts[OutboxStatus.BLOCKED]
    return sent, blocked, counts[OutboxStatus.FAILED]


class OfficerMenu:
    def __init__(self, engine: Engine) -> None:
        engine.add_command("bin", self.bin)
        engine.add_command("bin_members", self.members)
        engine.add_command("bin_link", self.link)
        engine.add_command("bin_sent", self.sent)

    async def bin(self, turn: Turn, _arg: str) -> None:
        if not is_staff(turn):
            await show_memberships(turn)
            return
        turn.say(
            turn.t("bin.staff_menu"),
            (
                (turn.menu_button(turn.label("bin.new_button"), "bin_new"),),
                (turn.menu_button(turn.label("bin.members_button"), "bin_members"),),
                (turn.menu_button(turn.label("bin.sent_button"), "bin_sent"),),
            ),
        )
        if await bin_members.areas_of(turn.conn, turn.person.id):
            await show_memberships(turn)

    async def members(self, turn: Turn, _arg: str) -> None:
        areas = await areas_of(turn)
        if not areas:
            turn.say(turn.t("bin.no_areas"))
            return
        counts = await bin_members.counts(turn.conn, areas)
        lines = [turn.t("bin.members_title")]
        lines += [turn.texts.tn("bin.members_line", counts[a], area=a) for a in areas]
        keyboard = tuple(
            (turn.menu_button(turn.label("bin.link_button", area=a), "bin_link", area_key(a)),)
            for a in areas[:60]
        )
        turn.say(Html("\n".join(lines)), keyboard, edit=True)

    async def link(self, turn: Turn, key: str) -> None:
        area = next((a for a in await areas_of(turn) if area_key(a) == key), None)
        if area is None:
            turn.say(turn.t("access.refused"))
            return
        link = await link_of(turn, area)
        turn.say(turn.t("bin.link_text", area=area, link=link))
        flyers = tuple(
            FlyerText(
                header=zone_header(texts, turn.zone.name),
                kicker=texts.plain("bin.flyer_kicker"),
                title=texts.plain("bin.flyer_title", area=area),
                facts=((texts.plain("meeting.flyer_officer"), turn.person.name),),
                call=texts.plain("bin.flyer_what"),
                how=texts.plain("bin.flyer_how"),
                link=texts.plain("meeting.flyer_hint", link=link),
                emergency=texts.plain("meeting.flyer_emergency"),
                emergency_note=texts.plain("bin.flyer_emergency"),
            )
            for texts in printed_languages(turn)
        )
        send_flyer_of(
            turn,
            link,
            flyers,
            turn.t("bin.flyer_caption", area=area),
            turn.label("bin.flyer_name", area=slug(area, "wijk")),
            turn.t("bin.flyer_print"),
        )

    async def sent(self, turn: Turn, _arg: str) -> None:
        sender = None if turn.person.role is Role.ADMIN else turn.person.id
        found = await bin_alerts.latest(turn.conn, sender, SENT_LISTED)
        if not found:
            turn.say(turn.t("bin.sent_none"), edit=True)
            return
        lines = [turn.t("bin.sent_title")]
        for alert in found:
            counts = await figures(turn, alert)
            who = await people.get(turn.conn, alert.sender_id) if alert.sender_id else None
            lines.append(
                turn.t(
                    "bin.sent_line",
                    when=turn.texts.datetime(alert.sent_at, "short"),
                    kind=turn.t(KIND[alert.kind]),
                    sender=who.name if who else "-",
                    areas=", ".join(alert.areas),
                    text=cut_plain(alert.text, 80),
                    total=turn.texts.number(alert.recipients),
                    delivered=turn.texts.number(counts[0]),
                    blocked=turn.texts.number(counts[1]),
                    failed=turn.texts.number(counts[2]),
                )
            )
        turn.say(Html("\n\n".join(lines)), edit=True)
