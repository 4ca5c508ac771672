"""Nieuw BIN-bericht: kind, wijk(en), text, an optional photo, whether members may answer,
then a preview exactly as members will see it, with how many it will reach, and "Versturen".

An officer chooses among his own wijken, an admin among all. A wijk travels in button data as
a short hash and is looked up among the wijken this person may send to, at the press and
again at sending, so a forged button naming another wijk changes nothing.

A message halfway can be kept for later, like a form: when another command would replace it
the engine asks, and "Nieuw BIN-bericht" then offers to continue it, start over or discard it.
"""

from __future__ import annotations

import logging
from typing import Any

from dialogs.bin.alert_text import KIND, TEXT_LIMIT, alert_html, alert_keyboard
from dialogs.engine import events
from dialogs.engine.engine import Engine
from dialogs.engine.kept import CONTINUE, DISCARD, RESTART, offer_resume
from dialogs.engine.replies import Choice, Message, StoredPhoto
from dialogs.engine.reply_codec import dump_one
from dialogs.engine.texts import N_, Html, Texts
from dialogs.engine.turn import Turn
from dialogs.wijk.view import area_key, areas_of
from storage import audit, bin_alerts, bin_members
from storage.bin_alerts import AlertKind
from storage.people import Role

log = logging.getLogger(__name__)

FLOW = "bin_alert"
AREA_BUTTONS = 40
STEPS = ("kind", "areas", "text", "photo", "answers", "preview")
AREA_LABEL = {True: N_("bin.area_chosen"), False: N_("bin.area_option")}
# What to do at each step, said when someone types (or sends a sticker) where it does not fit.
STEP_HELP = {
    "kind": N_("bin.help.kind"),
    "areas": N_("bin.help.areas"),
    "text": N_("bin.help.text"),
    "photo": N_("bin.help.photo"),
    "answers": N_("bin.help.answers"),
    "preview": N_("bin.help.preview"),
}


class ComposeFlow:
    name = FLOW
    # A message halfway (a text of up to 1,000 characters, a photo) is kept for later when
    # another command would replace it, as a form is.
    resumable = True

    def __init__(self, engine: Engine) -> None:
        engine.add_flow(self)
        engine.add_command("bin_new", self.start)

    async def start(self, turn: Turn, _arg: str) -> None:
        if not await areas_of(turn):
            turn.say(turn.t("bin.no_areas"))
            return
        if turn.take_back(FLOW) is not None:
            # A message kept for later, or the one being written: never replaced unasked.
            self.pause(turn)
            offer_resume(turn, self.title(turn.texts))
            return
        turn.begin(FLOW, "kind", {"areas": []})
        await self.show(turn)

    # -- the steps --------------------------------------------------------------------------
    async def show(self, turn: Turn) -> None:
        assert turn.state is not None
        if self.paused(turn):
            offer_resume(turn, self.title(turn.texts))
            return
        step = turn.state.step
        turn.move(step)
        stop: tuple[Choice, ...] = (turn.button(turn.label("bin.stop_button"), "x"),)
        if step != STEPS[0]:
            stop = (turn.button(turn.label("form.back"), "b"), *stop)
        if step == "kind":
            rows = [(turn.button(turn.label(KIND[k]), "k", k.value),) for k in AlertKind]
            turn.say(turn.t("bin.ask_kind"), (*rows, stop), edit=True)
        elif step == "areas":
            await self._ask_areas(turn, stop)
        elif step == "text":
            turn.say(
                turn.t("bin.ask_text", limit=turn.texts.number(TEXT_LIMIT)), (stop,), edit=True
            )
        elif step == "photo":
            skip = (turn.button(turn.label("bin.no_photo_button"), "p"),)
            # Something to look out for has its example; information and a tip have none.
            watch = AlertKind(turn.state.data["kind"]) in (AlertKind.WARNING, AlertKind.LOOKOUT)
            ask = turn.t("bin.ask_photo") if watch else turn.t("bin.ask_photo_plain")
            turn.say(ask, (skip, stop), edit=True)
        elif step == "answers":
            yes_no = (
                turn.button(turn.label("bin.answers_yes"), "y", "1"),
                turn.button(turn.label("bin.answers_no"), "y", "0"),
            )
            turn.say(turn.t("bin.ask_answers"), (yes_no, stop), edit=True)
        else:
            await self._preview(turn, stop)

    async def _ask_areas(self, turn: Turn, stop: tuple[Choice, ...]) -> None:
        assert turn.state is not None
        chosen = set(turn.state.data["areas"])
        allowed = await areas_of(turn)
        counts = await bin_members.counts(turn.conn, allowed)
        rows: list[tuple[Choice, ...]] = [
            (
                turn.button(
                    turn.label(
                        AREA_LABEL[area in chosen],
                        area=area,
                        count=counts[area],
                    ),
                    "a",
                    area_key(area),
                ),
            )
            for area in allowed[:AREA_BUTTONS]
        ]
        if turn.person.role is Role.ADMIN and len(allowed) > 1:
            rows.append((turn.button(turn.label("bin.all_areas"), "all"),))
        # Always there, as the text says: a keyboard that grows a button on the first tick
        # leaves an officer looking for "Verder" until then.
        rows.append((turn.button(turn.label("bin.next_button"), "n"),))
        turn.say(turn.t("bin.ask_areas"), (*rows, stop), edit=True)

    async def _preview(self, turn: Turn, stop: tuple[Choice, ...]) -> None:
        assert turn.state is not None
        data: dict[str, Any] = turn.state.data
        areas = await self._allowed(turn, data["areas"])
        reach = await bin_members.reachable(turn.conn, areas)
        html = alert_html(turn.texts, AlertKind(data["kind"]), areas, data["text"])
        turn.say(turn.t("bin.preview_intro"))
        if data.get("photo"):
            turn.replies.append(StoredPhoto(data["photo"]))
        # The members' buttons, shown but inert here: pressing them in the preview is stale.
        turn.replies.append(Message(html, alert_keyboard(turn.texts, 0, data["answers"])))
        if not reach:  # nobody to send to: no "Versturen", but where members come from
            members = turn.label("bin.members_button")
            turn.say(turn.t("bin.preview_nobody", button=members), (stop,))
            return
        turn.say(
            turn.texts.tn("bin.preview_reach", reach),
            ((turn.button(turn.label("bin.send_button"), "s"),), stop),
        )

    # -- answers ----------------------------------------------------------------------------
    async def on_button(self, turn: Turn, action: str, arg: str) -> None:
        assert turn.state is not None
        data: dict[str, Any] = turn.state.data
        step = turn.state.step
        if self.paused(turn):
            await self._resume(turn, action)
            return
        if action == "x":
            await self.ask_stop(turn)
            return
        if action == "b" and step in STEPS[1:]:
            turn.state.step = STEPS[STEPS.index(step) - 1]
        elif step == "kind" and action == "k" and arg in set(AlertKind):
            data["kind"] = arg
            turn.state.step = "areas"
        elif step == "areas" and action in ("a", "all", "n"):
            await self._choose_area(turn, action, arg)
            return
        elif step == "photo" and action == "p":
            data["photo"] = None
            turn.state.step = "answers"
        elif step == "answers" and action == "y":
            data["answers"] = arg == "1"
            turn.state.step = "preview"
        elif step == "preview" and action == "s":
            await self.send(turn)
            return
        await self.show(turn)

    async def _choose_area(self, turn: Turn, action: str, key: str) -> None:
        assert turn.state is not None
        data: dict[str, Any] = turn.state.data
        allowed = await areas_of(turn)
        if action == "all" and turn.person.role is Role.ADMIN:
            data["areas"] = allowed
        elif action == "a":
            area = next((a for a in allowed if area_key(a) == key), None)
            if area is None:
                log.info("refused BIN area %r to person %s", key, turn.person.id)
                turn.say(turn.t("access.refused"))
                return
            chosen = data["areas"]
            data["areas"] = [a for a in chosen if a != area] if area in chosen else [*chosen, area]
        elif action == "n" and not data["areas"]:
            turn.notice(turn.label("bin.choose_area"))
            return
        elif action == "n":
            turn.state.step = "text"
        await self.show(turn)

    async def on_input(self, turn: Turn, event: events.Event) -> None:
        assert turn.state is not None
        step = turn.state.step
        if step == "text" and isinstance(event, events.Text) and event.text.strip():
            if len(event.text) > TEXT_LIMIT:
                turn.say(
                    turn.t(
                        "bin.text_too_long",
                        limit=turn.texts.number(TEXT_LIMIT),
                        length=turn.texts.number(len(event.text)),
                    )
                )
            else:
                turn.state.data["text"] = event.text.strip()
                turn.state.step = "photo"
        elif step == "photo" and isinstance(event, events.Photo):
            turn.state.data["photo"] = event.file_id
            turn.state.step = "answers"
        else:
            turn.say(turn.t(STEP_HELP[step]))
        turn.pressed = False
        await self.show(turn)

    async def ask_stop(self, turn: Turn) -> None:
        turn.end()
        turn.say(turn.t("bin.compose_stopped"), edit=True)

    def title(self, texts: Texts) -> str:
        return texts.plain("bin.compose_title")

    # -- kept for later -------------------------------------------------------------------
    def paused(self, turn: Turn) -> bool:
        return bool(turn.state and turn.state.data.get("paused"))

    def pause(self, turn: Turn) -> None:
        assert turn.state is not None
        turn.state.data["paused"] = True
        # Fresh buttons: a step's old "Verder" must not count as an answer to the offer.
        turn.move(turn.state.step)

    async def _resume(self, turn: Turn, action: str) -> None:
        """The answer to the offer: continue where he was, start over, or discard."""
        if action == CONTINUE:
            await self._continue(turn)
        elif action == RESTART:
            turn.end()  # replaced, not kept beside the new one
            await self.start(turn, "")  # among the wijken he has now, if any
        elif action == DISCARD:
            turn.end()
            turn.say(turn.t("bin.compose_stopped"), edit=True)
        else:
            offer_resume(turn, self.title(turn.texts))

    async def _continue(self, turn: Turn) -> None:
        """The step he was at, after what he wrote so far, among the wijken he still has."""
        assert turn.state is not None
        data: dict[str, Any] = turn.state.data
        data.pop("paused")
        allowed = await areas_of(turn)
        if not allowed:  # no longer an officer of any wijk
            turn.end()
            turn.say(turn.t("access.refused"), edit=True)
            return
        data["areas"] = [a for a in data["areas"] if a in allowed]
        if not data["areas"] and STEPS.index(turn.state.step) > STEPS.index("areas"):
            turn.state.step = "areas"
        if data.get("text") and data["areas"] and turn.state.step != "preview":
            turn.say(turn.t("bin.draft_intro"), edit=True)
            if data.get("photo"):
                turn.replies.append(StoredPhoto(data["photo"]))
            kind = AlertKind(data["kind"])
            turn.replies.append(Message(alert_html(turn.texts, kind, data["areas"], data["text"])))
            turn.pressed = False  # the step comes below what he wrote, as a message of its own
        await self.show(turn)

    # -- sending ----------------------------------------------------------------------------
    @staticmethod
    async def _allowed(turn: Turn, areas: list[str]) -> list[str]:
        """The chosen wijken this person may still send to (roles change, areas too)."""
        allowed = set(await areas_of(turn))
        return [a for a in areas if a in allowed]

    async def send(self, turn: Turn) -> None:
        assert turn.state is not None
        data: dict[str, Any] = turn.state.data
        areas = await self._allowed(turn, data["areas"])
        if not areas:
            turn.end()
            turn.say(turn.t("access.refused"))
            return
        reach = await bin_members.reachable(turn.conn, areas)
        if not reach:  # the last member left since the preview: it now says so
            await self.show(turn)
            return
        turn.end()
        kind = AlertKind(data["kind"])
        paid = turn.zone.bin_paid_broadcast and kind is AlertKind.WARNING
        alert = await bin_alerts.create(
            turn.conn,
            sender_id=turn.person.id,
            kind=kind,
            areas=areas,
            text=data["text"],
            photo_file_id=data.get("photo"),
            answers=data["answers"],
            paid=paid,
            recipients=reach,
            now=turn.now,
        )
        # What every member gets, kept with the alert: the outbox queues it a slice of members
        # at a time as it sends (dialogs/bin/fan_out.py), rather than all of them in this turn.
        html = alert_html(turn.texts, kind, areas, alert.text)
        keyboard = alert_keyboard(turn.texts, alert.id, alert.answers)
        message = dump_one(Message(Html(html), keyboard, paid_broadcast=paid))
        photo = None
        if alert.photo_file_id:
            photo = dump_one(StoredPhoto(alert.photo_file_id, paid_broadcast=paid))
        await bin_alerts.set_to_queue(turn.conn, alert.id, photo, message)
        turn.wake_outbox()
        await audit.record(turn.conn, turn.person.id, "bin.alert", turn.now, "bin_alert", alert.id)
        log.info("person %s sent BIN alert %s to %s member(s)", turn.person.id, alert.id, reach)
        turn.say(turn.texts.tn("bin.sending", reach), edit=True)
