"""What a contact sees on arrival: a welcome from his officer, and the scan when one is open."""

from __future__ import annotations

from dialogs.engine.turn import Turn
from dialogs.sectorscan.scan import scan_is_open
from storage import people
from storage.contacts import Contact


async def welcome_contact(turn: Turn, contact: Contact) -> None:
    officer = await people.get(turn.conn, contact.officer_id)
    text = turn.t(
        "contact.welcome",
        name=contact.name,
        officer=officer.name if officer else "-",
        area=contact.area,
    )
    if await scan_is_open(turn, contact):
        start = ((turn.menu_button(turn.label("scan.start_button"), "scan"),),)
        turn.say(turn.t("contact.welcome_scan", welcome=text), start)
    else:
        turn.say(text)
