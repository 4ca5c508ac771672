"""An officer reads a contact's last scan again, from the contact's card: the same summary he
got when it came in, set against the scan before it."""

from __future__ import annotations

from dialogs.engine.engine import Engine
from dialogs.engine.turn import Turn
from dialogs.forms.model import Form
from dialogs.sectorscan.contacts import own_contact
from dialogs.sectorscan.summary import forward_remark, scan_summary
from storage import audit, scans


def install(engine: Engine, form: Form) -> None:
    async def last_scan(turn: Turn, arg: str) -> None:
        if (contact := await own_contact(turn, arg)) is None:
            return
        found = await scans.list_for_contact(turn.conn, contact.id)  # newest first
        if not found:
            turn.say(turn.t("contact.no_scan_yet", organisation=contact.organisation))
            return
        latest, older = found[0], found[1:]
        await audit.record(turn.conn, turn.person.id, "scan.summary", turn.now, "scan", latest.id)
        summary = scan_summary(turn.texts, form, contact, latest, older[0] if older else None)
        back = (turn.menu_button(turn.label("contact.back_to_card"), "contact", contact.id),)
        turn.say(summary, (*forward_remark(turn, latest), back))

    engine.add_command("scan_last", last_scan)
