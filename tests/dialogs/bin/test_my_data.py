"""/mijngegevens for a BIN member: his wijken, his signals, the alerts he got and the answer he is
writing, each with words beside its id; and words for every cause the code sends messages for."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from dialogs.engine.engine import Engine
from dialogs.engine.replies import File
from dialogs.people.my_data import MESSAGE
from dialogs.reminders.due import ReminderKind
from storage import bin_alerts, people, signals
from storage.people import Role
from storage.signals import NewSignal
from tests.dialogs.bin.bin_seed import OFFICER, join, link_code, person
from tests.dialogs.bin.test_compose import write
from tests.dialogs.conftest import Chat

DIALOGS = Path(__file__).parents[3] / "dialogs"


async def add_signal(engine: Engine, member: Chat, description: str) -> None:
    async with engine.db.transaction() as conn:
        author = await people.by_telegram_id(conn, member.sender.telegram_id)
        assert author is not None
        new = NewSignal(
            area="Centrum", problem="drugsoverlast", description=description, author_id=author.id
        )
        await signals.add(conn, new, engine.clock())


def ids_without_words(value: object) -> list[object]:
    """Every {"id": ..., "tekst": ...} in the file whose words are just its id again."""
    if isinstance(value, list):
        return [found for item in value for found in ids_without_words(item)]
    if not isinstance(value, dict):
        return []
    own = [value["id"]] if set(value) == {"id", "tekst"} and value["tekst"] == value["id"] else []
    return own + [found for item in value.values() for found in ids_without_words(item)]


async def test_my_data_shows_a_members_wijken_signals_and_alerts_in_words(engine: Engine) -> None:
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    member = await join(engine, 9001, await link_code(officer, "Centrum"))
    await member.send("/mijngegevens")
    assert "0 signalen aan je wijkinspecteur (/melding)" in member.text
    await add_signal(engine, member, "Dealers aan het park")
    await write(officer, ["Centrum"], "Uitkijken naar een grijze bestelwagen")
    await officer.press("📣 Versturen")
    async with engine.db.transaction() as conn:
        (alert,) = await bin_alerts.latest(conn)
    await member.send(f"/bin_seen {alert.id}")  # as "👀 Ik heb iets gezien" under the alert
    for answer in ("Een grijze bestelwagen", "Kerkstraat", "vandaag rond 14u"):
        await member.send(answer)
    await member.press("Overslaan")  # the photo: now at the summary, not sent yet

    await member.send("/mijngegevens")
    assert "Lid van het buurtinformatienetwerk van: Centrum" in member.text
    assert "1 signaal aan je wijkinspecteur (/melding)" in member.text
    await add_signal(engine, member, "Weer dealers")
    await member.send("/mijngegevens")
    assert "2 signalen aan je wijkinspecteur (/melding)" in member.text
    [file] = [r for r in member.replies if isinstance(r, File)]
    data = json.loads(file.content)
    assert [m["wijk"] for m in data["lid van het buurtinformatienetwerk (BIN)"]] == ["Centrum"]
    assert [s["beschrijving"] for s in data["signalen"]] == ["Dealers aan het park", "Weer dealers"]
    kinds = [m["soort"] for m in data["berichten die we je stuurden"]]
    assert {"id": "bin.alert", "tekst": "bericht van het buurtinformatienetwerk"} in kinds
    step = data["vragenlijst bezig"]["bij de vraag"]
    assert step == {"id": "summary", "tekst": "het overzicht, vlak voor het versturen"}
    assert ids_without_words(data) == []


def causes_in_code() -> set[str]:
    """Every cause a message is queued with: `turn.tell(..., cause=...)`, `Outgoing(...)`,
    `outbox.NewRow(...)`, `tell_involved(...)`, a module's CAUSE, and the reminders' kinds."""
    found = {f"reminder.{kind}" for kind in ReminderKind}
    positional = {"Outgoing": 1, "NewRow": 1, "tell_involved": 3}
    for path in DIALOGS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            values: list[ast.expr] = []
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                values += [k.value for k in node.keywords if k.arg == "cause"]
                at = positional.get(name)
                if at is not None and len(node.args) > at:
                    values.append(node.args[at])
            elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "CAUSE" for t in node.targets
            ):
                values.append(node.value)
            found |= {
                v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)
            }
    return found


def test_every_cause_the_code_sends_for_has_words_in_my_data() -> None:
    causes = causes_in_code()
    # The walk finds causes of each way a message is queued, so an empty walk cannot pass.
    assert {"bin.alert", "bin.photo", "signal.status", "meeting.reminder", "reply"} <= causes
    assert {"meeting.cancelled", "reminder.digest", "scan.summary"} <= causes
    assert sorted(causes - set(MESSAGE)) == []
