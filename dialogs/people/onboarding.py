"""The commands everyone has: /start, /help, /privacy and /stop."""

from __future__ import annotations

from dialogs.engine.engine import Engine
from dialogs.engine.menu import menu
from dialogs.engine.texts import N_, Html
from dialogs.engine.turn import Turn
from dialogs.people import guesses, invites
from dialogs.sectorscan.contact_welcome import welcome_contact
from storage import contacts
from storage.people import Role

HELP_INTRO = {
    Role.ADMIN: N_("help.admin"),
    Role.OFFICER: N_("help.officer"),
    Role.CONTACT: N_("help.contact"),
    Role.RESIDENT: N_("help.resident"),
}
# Each role its own welcome and its own last line of /help: the emergency number is for the
# people who might need it, staff get what matters in their work.
WELCOME = {
    Role.ADMIN: N_("start.welcome_admin"),
    Role.OFFICER: N_("start.welcome_officer"),
    Role.CONTACT: N_("start.welcome_contact"),
    Role.RESIDENT: N_("start.welcome"),
}
HELP_END = {
    Role.ADMIN: N_("help.end_admin"),
    Role.OFFICER: N_("help.end_officer"),
    Role.CONTACT: N_("emergency.notice"),
    Role.RESIDENT: N_("emergency.notice"),
}


def install(engine: Engine) -> None:
    async def start(turn: Turn, args: str) -> None:
        payload = args.strip()
        if payload:
            # A deep link: `<prefix>_<rest>` goes to the flow that owns the prefix (a meeting's
            # link, say); anything else is an invite token. Whoever looks up the code counts
            # a wrong one; none is looked up for someone who tried too many.
            if await guesses.refused(turn):
                return
            prefix, _, rest = payload.partition("_")
            handler = engine.start_links.get(prefix) if rest else None
            if handler is not None:
                await handler(turn, rest)
            else:
                await invites.redeem(turn, payload)
            return
        flow = engine.flows.get(turn.state.flow) if turn.state else None
        if flow is not None:
            turn.say(turn.t("start.welcome_back", name=turn.person.name))
            await flow.show(turn)
            return
        if turn.person.role is Role.CONTACT:
            contact = await contacts.by_person(turn.conn, turn.person.id)
            if contact is not None and contact.active:
                await welcome_contact(turn, contact)
                return
        turn.say(turn.t(WELCOME[turn.person.role], name=turn.person.name))
        await help_(turn, "")

    async def help_(turn: Turn, _args: str) -> None:
        lines = [turn.t(HELP_INTRO[turn.person.role]), ""]
        lines += [
            turn.t("help.line", command=name, description=description)
            for name, description in menu(turn.person.role, turn.texts)
        ]
        lines += ["", turn.t(HELP_END[turn.person.role])]
        keyboard = ((turn.menu_button(turn.label("proef.button"), "proef"),),)
        turn.say(Html("\n".join(lines)), keyboard)

    async def stop(turn: Turn, _args: str) -> None:
        flow = engine.active(turn)
        if flow is None:
            turn.say(turn.t("stop.nothing"))
        else:
            await flow.ask_stop(turn)

    engine.add_command("start", start)
    engine.add_command("help", help_)
    engine.add_command("stop", stop)
