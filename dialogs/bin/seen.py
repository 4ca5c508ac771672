"""Hearing back: under an alert that allows answers, a member tells what he saw.

The answer (what, where, when, a photo) reaches the officer who sent the alert and, where
configured, the interventiedienst's group, through the outbox. Only someone the alert went to
may answer it; the group never learns who answered, the officer sees the member's name so he
can follow up.
"""

from __future__ import annotations

import logging
from typing import Any

from dialogs.bin.alert_text import KIND
from dialogs.engine.engine import Engine
from dialogs.engine.replies import Message, StoredPhoto
from dialogs.engine.texts import Html
from dialogs.engine.turn import Turn
from dialogs.forms.model import Form
from dialogs.forms.runner import FormFlow
from storage import audit, bin_alerts, bin_answers, outbox, people
from storage.bin_alerts import Alert
from storage.bin_answers import NewAnswer

log = logging.getLogger(__name__)

FLOW = "bin_seen"


def place_text(turn: Turn, place: dict[str, Any]) -> str:
    if place.get("place"):
        return str(place["place"])
    return turn.label("bin.answer_location", lat=place["latitude"], lon=place["longitude"])


class SeenFlow:
    def __init__(self, engine: Engine, form: Form) -> None:
        self.flow = FormFlow(FLOW, form, self.save)
        engine.add_flow(self.flow)
        engine.add_command("bin_seen", self.start)

    async def _answerable(self, turn: Turn, arg: str) -> Alert | None:
        """The alert, if it allows answers and went to this person; else a refusal."""
        alert = await bin_alerts.get(turn.conn, int(arg)) if arg.isdigit() else None
        row = None
        if alert is not None and alert.answers and turn.person.telegram_id is not None:
            row = await outbox.by_key(turn.conn, f"bin.alert:{alert.id}:{turn.person.telegram_id}")
        if alert is None or row is None:
            turn.say(turn.t("bin.seen_refused"))
            return None
        return alert

    async def start(self, turn: Turn, arg: str) -> None:
        alert = await self._answerable(turn, arg)
        if alert is not None:
            await self.flow.start(turn, {"alert_id": alert.id})

    async def save(self, turn: Turn, form: Form, answers: dict[str, Any]) -> None:
        assert turn.state is not None
        alert = await bin_alerts.get(turn.conn, turn.state.data["context"]["alert_id"])
        assert alert is not None
        place = answers["waar"]
        answer_id = await bin_answers.add(
            turn.conn,
            NewAnswer(
                alert_id=alert.id,
                person_id=turn.person.id,
                what=answers["wat"],
                place=place.get("place"),
                latitude=place.get("latitude"),
                longitude=place.get("longitude"),
                seen_when=answers["wanneer"],
                photo_file_id=answers.get("foto"),
            ),
            turn.now,
        )
        values = {
            "kind": turn.t(KIND[alert.kind]),
            "date": turn.texts.datetime(alert.sent_at, "short"),
            "areas": ", ".join(alert.areas),
            "what": answers["wat"],
            "where": place_text(turn, place),
            "when": answers["wanneer"],
        }
        sender = await people.get(turn.conn, alert.sender_id) if alert.sender_id else None
        chats: list[tuple[int, Html]] = []
        if sender is not None and sender.telegram_id is not None:
            text = turn.t("bin.answer_for_officer", name=turn.person.name, **values)
            chats.append((sender.telegram_id, text))
            # The officer reads a member's name and words: a read of personal data.
            await audit.record(
                turn.conn, sender.id, "bin.answer", turn.now, "bin_answer", answer_id
            )
        if turn.zone.group_interventie is not None:
            chats.append((turn.zone.group_interventie, turn.t("bin.answer_for_group", **values)))
        for chat, html in chats:
            turn.tell(Message(html, to=chat), cause="bin.answer")
            if answers.get("foto"):
                turn.tell(StoredPhoto(answers["foto"], to=chat), cause="bin.answer_photo")
        log.info("an answer to BIN alert %s went to %s chat(s)", alert.id, len(chats))
