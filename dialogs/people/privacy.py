"""People's rights: what is stored (/privacy), a copy of it (/mijngegevens), erasure (/vergeet)."""

from __future__ import annotations

import json
import logging

from dialogs.engine.engine import Engine
from dialogs.engine.menu import menu
from dialogs.engine.replies import CommandMenu, File
from dialogs.engine.texts import Html, language_name
from dialogs.engine.turn import Turn
from dialogs.forms.model import Form, identifying_questions
from dialogs.people.invites import ROLE_NAMES
from dialogs.people.my_data import Readable
from storage import audit, erasure, person_data
from storage.people import Role

log = logging.getLogger(__name__)


def install(engine: Engine, forms: dict[str, Form]) -> None:
    identifying = identifying_questions(forms)

    async def privacy(turn: Turn, _arg: str) -> None:
        turn.say(turn.t("privacy.body"))

    async def my_data(turn: Turn, _arg: str) -> None:
        if not turn.known:
            turn.say(turn.t("mydata.nothing"))
            return
        data = await person_data.collect(turn.conn, turn.person.id)
        person, contact = data["person"], data["contact"]
        lines = [
            turn.t("mydata.title"),
            turn.t(
                "mydata.person",
                name=person.get("name", ""),
                role=turn.t(ROLE_NAMES[Role(person["role"])]),
                telegram_id=person.get("telegram_id", ""),
                since=turn.texts.date(turn.person.created_at),
            ),
            turn.t("mydata.language", language=language_name(turn.texts.language)),
        ]
        if contact:
            lines.append(
                turn.t(
                    "mydata.contact",
                    organisation=contact["organisation"],
                    role=contact["role"],
                    area=contact["area"],
                    phone=contact["phone"] or "-",
                    street=contact["street"] or "-",
                )
            )
        lines.append(
            turn.t(
                "mydata.counts",
                scans=len(data["scans"]),
                forms=len(data["forms"]),
                concerns=len(data["concerns"]),
                supports=len(data["supports"]),
                busy=turn.t("form.yes") if data["form_in_progress"] else turn.t("form.no"),
            )
        )
        lines.append(turn.texts.tn("mydata.signals", len(data["signals"])))
        if data["bin_memberships"] or data["bin_answers"]:
            lines.append(
                turn.t(
                    "mydata.bin",
                    areas=", ".join(m["area"] for m in data["bin_memberships"]) or "-",
                    answers=len(data["bin_answers"]),
                )
            )
        lines.append(turn.t("mydata.file"))
        turn.say(Html("\n\n".join(lines)))
        readable = Readable(turn.texts, forms, engine.flows).document(data, turn.now)
        content = json.dumps(readable, ensure_ascii=False, indent=2).encode()
        turn.replies.append(File(content, "mijngegevens.json", turn.t("mydata.caption")))

    async def forget(turn: Turn, _arg: str) -> None:
        if not turn.known:
            turn.say(turn.t("mydata.nothing"))
            return
        if turn.person.role in (Role.OFFICER, Role.ADMIN):
            turn.say(turn.t("forget.staff"))
            return
        turn.say(
            turn.t("forget.confirm"),
            (
                (
                    turn.menu_button(turn.label("forget.yes"), "vergeet_ja"),
                    turn.menu_button(turn.label("forget.no"), "help"),
                ),
            ),
        )

    async def forget_yes(turn: Turn, _arg: str) -> None:
        if not turn.known:
            turn.say(turn.t("mydata.nothing"), edit=True)
            return
        if turn.person.role in (Role.OFFICER, Role.ADMIN):
            turn.say(turn.t("forget.staff"))
            return
        telegram_id = turn.person.telegram_id
        await erasure.erase_person(turn.conn, turn.person.id, identifying, turn.now)
        await audit.record(
            turn.conn, turn.person.id, "person.erase", turn.now, "person", turn.person.id
        )
        turn.clear()
        log.info("person %s erased on request", turn.person.id)
        turn.say(turn.t("forget.done"), edit=True)
        if telegram_id is not None:
            turn.replies.append(CommandMenu(menu(Role.RESIDENT, turn.texts), to=telegram_id))

    engine.add_command("privacy", privacy)
    engine.add_command("mijngegevens", my_data)
    engine.add_command("vergeet", forget)
    engine.add_command("vergeet_ja", forget_yes)
