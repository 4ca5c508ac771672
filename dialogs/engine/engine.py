"""The conversation engine: one event of one person in, the replies to show out.

Each event is handled in one database transaction: the person, their dialog state, whatever
the flow writes, the messages it owes others (the outbox) and the replies it gives (the inbox,
by update id) are stored together. So a crash between two events loses nothing, a restart
picks up at the same step, and an update that comes again gets the same replies without
running twice.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from dialogs.engine import access, buttons, events, log_context, outgoing, reply_codec
from dialogs.engine.emergency import emergency_of
from dialogs.engine.flow import Flow
from dialogs.engine.outgoing import Feeder
from dialogs.engine.replies import CommandMenu, Message, Reply, StoredPhoto, fitted
from dialogs.engine.texts import Texts
from dialogs.engine.turn import FormOpen, Turn
from dialogs.engine.zone import Zone
from storage import blocked_people, dialog_states, inbox, people
from storage.db import Database, savepoint
from storage.dialog_states import DialogState

log = logging.getLogger(__name__)

CommandHandler = Callable[[Turn, str], Awaitable[None]]

WAITING = "waiting"  # where a state keeps the forms that wait behind it
INTERRUPTED = "interrupted"  # the command that waits for "keep the form or stop it?"
# The answers to that question: keep the form for later, stop it, or go back to it.
KEEP, DROP, BACK = "ik", "id", "ib"


def flows_in(state: DialogState | None) -> set[str]:
    """The flows a stored state holds: the current one and those kept for later."""
    if state is None:
        return set()
    return {state.flow, *(waiting["flow"] for waiting in state.data.get(WAITING, []))}


class Engine:
    def __init__(
        self,
        db: Database,
        texts: Callable[[str], Texts],
        clock: Callable[[], datetime],
        zone: Zone | None = None,
    ) -> None:
        self.db = db
        self.zone = zone or Zone()
        self.texts = texts  # by language; a language the zone does not offer gives the default
        self.clock = clock
        self.flows: dict[str, Flow] = {}
        self.commands: dict[str, CommandHandler] = {}
        self.start_links: dict[str, CommandHandler] = {}
        # Called after a commit that queued messages in the outbox: the channel's dispatcher.
        self.on_queued: Callable[[], None] | None = None
        # Queue more of a sending to many just before the outbox claims: (conn, now, paid
        # lane, room) -> rows queued. Called by the dispatcher inside its claim transaction.
        self.feeders: list[Feeder] = []

    @property
    def default_language(self) -> str:
        return self.zone.default_language

    def add_flow(self, flow: Flow) -> None:
        self.flows[flow.name] = flow

    def add_command(self, name: str, handler: CommandHandler) -> None:
        if name not in access.COMMANDS:
            raise ValueError(f"command /{name} has no access rule")
        self.commands[name] = handler

    def add_start_link(self, prefix: str, handler: CommandHandler) -> None:
        """Deep links `/start <prefix>_<rest>` call `handler(turn, rest)`.

        Invite tokens are URL-safe base64 and may contain "_" too, so a prefix is at least
        one character that an invite's first part is unlikely to equal; the handler must
        still treat `rest` as untrusted input.
        """
        if not prefix.isalpha() or prefix in self.start_links:
            raise ValueError(f"bad or duplicate start link prefix {prefix!r}")
        self.start_links[prefix] = handler

    async def handle(
        self, sender: events.Sender, event: events.Event, *, update_id: int | None = None
    ) -> list[Reply]:
        """The replies to one event; `update_id` is the channel's id of it, when it has one."""
        if not sender.private_chat:
            return self._in_group(sender, event)
        async with self.db.transaction() as conn:
            if update_id is not None and (done := await inbox.get(conn, update_id)) is not None:
                # The channel gave this update again (after a crash): the same replies,
                # nothing runs twice and no button is called stale.
                log.info("update %s came again; its replies are given again", update_id)
                return list(reply_codec.load(done.replies))
            now = self.clock()
            found = await people.writer(conn, sender.telegram_id)
            person, blocked = found if found is not None else (None, False)
            known = person is not None or not _read_only(event)
            if person is None:
                person = self._newcomer(sender, now)
                if known:
                    person = await people.create(
                        conn,
                        telegram_id=person.telegram_id,
                        name=person.name,
                        role=person.role,
                        now=now,
                        language=person.language,
                    )
            elif blocked and await blocked_people.clear(conn, person.id):
                log.info("person %s writes again and can be reached", person.id)
            log_context.person_id.set(person.id)
            stored = await dialog_states.get(conn, person.id) if known else None
            waiting = stored.data.pop(WAITING, []) if stored is not None else []
            turn = Turn(
                conn,
                person,
                self.texts(person.language),
                now,
                stored,
                self.zone,
                self.texts,
                pressed=isinstance(event, events.Button),
                known=known,
                waiting=[DialogState.model_validate(w) for w in waiting],
            )
            if update_id is not None:
                turn.update_key = f"u{update_id}"
            self._discard_stale_form(turn)
            await self._dispatch(turn, event)
            self._bring_back_waiting(turn)
            # A read-only command for a stranger writes nothing of him, his place included.
            if known and turn.state is not None:
                if turn.waiting:
                    turn.state.data[WAITING] = [w.model_dump(mode="json") for w in turn.waiting]
                await dialog_states.save(conn, turn.state)
            elif known and stored is not None:
                await dialog_states.delete(conn, person.id)
            answers = fitted(_answers(turn))
            queued = await outgoing.queue(conn, turn.outgoing, now, update_id) or turn.outbox_woken
            if update_id is not None:
                kept = reply_codec.storable(answers, turn.texts)
                await inbox.record(conn, update_id, sender.telegram_id, reply_codec.dump(kept), now)
        if queued and self.on_queued is not None:
            self.on_queued()
        return answers

    def _newcomer(self, sender: events.Sender, now: datetime) -> people.Person:
        """A resident as he would be stored; stored only when the event needs him."""
        return people.Person(
            id=0,
            telegram_id=sender.telegram_id,
            name=sender.name[:100],
            role=people.Role.RESIDENT,
            area=None,
            # Telegram's language when the zone offers it, else the zone's default.
            language=self.zone.language_of(sender.language),
            created_at=now,
            updated_at=now,
        )

    def _stale(self, turn: Turn, state: DialogState) -> bool:
        """A form left untouched for `draft_days` is discarded, and the person told so."""
        if turn.now - state.updated_at < timedelta(days=self.zone.draft_days):
            return False
        flow = self.flows.get(state.flow)
        title = flow.title(turn.texts) if flow is not None else state.flow
        turn.say(
            turn.t(
                "form.expired",
                title=title,
                date=turn.texts.date(state.updated_at),
                days=self.zone.draft_days,
            )
        )
        return True

    def _discard_stale_form(self, turn: Turn) -> None:
        if turn.state is not None and self._stale(turn, turn.state):
            # The forms waiting behind it were touched even longer ago.
            for state in reversed(turn.waiting):
                self._stale(turn, state)
            turn.clear()

    def _bring_back_waiting(self, turn: Turn) -> None:
        """The dialog ended: the form kept for later most recently becomes the current one."""
        while turn.state is None and turn.waiting:
            state = turn.waiting.pop()
            flow = self.flows.get(state.flow)
            if flow is None or self._stale(turn, state):
                continue
            turn.state = state
            turn.say(turn.t("form.waiting", title=flow.title(turn.texts)))

    def active(self, turn: Turn) -> Flow | None:
        """The flow waiting for this person's answer, if any."""
        if turn.state is None:
            return None
        flow = self.flows.get(turn.state.flow)
        if flow is None:  # a flow this version no longer has: forget its state
            turn.end()
            return None
        return None if flow.paused(turn) else flow

    async def _dispatch(self, turn: Turn, event: events.Event) -> None:
        match event:
            case events.Command(name=name, args=args):
                await self.run_command(turn, name, args)
            case events.Button(data=data):
                await self._button(turn, data)
            case events.Edited():
                turn.say(turn.t("input.edited"))
            case _:
                # Said on top of the form's own handling: the person's answer still counts.
                # Not to staff: they are the police, and what they type (a BIN alert about
                # thieves at the station) reads like an emergency without being one.
                warned = False
                if (
                    isinstance(event, events.Text)
                    and turn.person.role not in access.STAFF
                    and (emergency := emergency_of(event.text, turn.person.language))
                ):
                    turn.say(turn.t(emergency.answer))
                    warned = True
                flow = self.active(turn)
                if flow is not None:
                    assert turn.state is not None
                    turn.state.data.pop(INTERRUPTED, None)  # answering the form goes on with it
                    await flow.on_input(turn, event)
                elif isinstance(event, events.Unsupported):
                    turn.say(turn.t("input.unsupported"))
                elif not warned:  # after an emergency warning, "not understood" only distracts
                    # Staff are not pointed to 101, as /help does not point them there.
                    staff = turn.person.role in access.STAFF
                    turn.say(
                        turn.t("input.not_understood_staff")
                        if staff
                        else turn.t("input.not_understood")
                    )

    async def run_command(self, turn: Turn, name: str, args: str) -> None:
        handler = self.commands.get(name)
        if handler is None:
            turn.say(turn.t("command.unknown"))
        elif not access.may(turn.person.role, name):
            log.info("refused /%s to person %s (%s)", name, turn.person.id, turn.person.role)
            turn.say(turn.t("access.refused"))
        else:
            await self._guarded(turn, name, args, handler)

    async def _guarded(self, turn: Turn, name: str, args: str, handler: CommandHandler) -> None:
        """Run a command; if it would replace a form being answered, ask first.

        What the command did before it began its own dialog is undone (a savepoint), so it
        runs again, whole, once the person has said what happens to the form.
        """
        flow = self.active(turn)
        if flow is None or not flow.resumable:
            await handler(turn, args)
            return
        assert turn.state is not None
        turn.guard, shown = turn.state, len(turn.replies)
        kept = turn.state.model_copy(deep=True)
        try:
            async with savepoint(turn.conn):
                await handler(turn, args)
        except FormOpen:
            del turn.replies[shown:]
            turn.state = kept
            self._ask_keep_or_stop(turn, flow, name, args)
        finally:
            turn.guard = None

    def _ask_keep_or_stop(self, turn: Turn, flow: Flow, name: str, args: str) -> None:
        assert turn.state is not None
        turn.state.data[INTERRUPTED] = {"command": name, "args": args}
        turn.move(turn.state.step)
        turn.say(
            turn.t("form.interrupt", title=flow.title(turn.texts)),
            (
                (turn.button(turn.label("form.interrupt_keep"), KEEP),),
                (turn.button(turn.label("form.interrupt_drop"), DROP),),
                (turn.button(turn.label("form.interrupt_back"), BACK),),
            ),
        )

    async def _keep_or_stop(self, turn: Turn, flow: Flow, action: str) -> None:
        """The answer to "keep the form or stop it?"; then the command that asked runs."""
        assert turn.state is not None
        command = turn.state.data.pop(INTERRUPTED)
        if action == BACK:
            await flow.show(turn)
            return
        if action == KEEP:
            flow.pause(turn)
            turn.say(turn.t("form.kept", title=flow.title(turn.texts)), edit=True)
        else:
            turn.end()
            turn.say(turn.t("form.stopped_dropped", title=flow.title(turn.texts)), edit=True)
        turn.pressed = False  # the command answers in messages of its own
        await self.run_command(turn, command["command"], command["args"])

    async def _button(self, turn: Turn, data: str) -> None:
        payload = buttons.unpack(data)
        if payload is not None and payload.token == buttons.MENU:
            await self.run_command(turn, payload.action, payload.arg)
            return
        flow = self.flows.get(turn.state.flow) if turn.state else None
        if (
            payload is None
            or flow is None
            or turn.state is None
            or (payload.token != turn.state.token)
        ):
            # An old message, or data this bot never sent: say so, and show where we are.
            turn.notice(turn.t("button.stale"))
            if flow is not None:
                turn.pressed = False
                turn.say(turn.t("button.stale_moved_on"))
                await flow.show(turn)
            else:
                turn.say(turn.t("button.stale_nothing"))
            return
        if turn.state.data.get(INTERRUPTED) and payload.action in (KEEP, DROP, BACK):
            await self._keep_or_stop(turn, flow, payload.action)
            return
        turn.state.data.pop(INTERRUPTED, None)
        await flow.on_button(turn, payload.action, payload.arg)

    def _in_group(self, sender: events.Sender, event: events.Event) -> list[Reply]:
        # Only the zone's own groups get an answer, and never with personal data: a command
        # there only points to the private chat.
        if sender.chat_id in self.zone.groups and isinstance(event, events.Command):
            return [Message(self.texts(self.default_language).t("group.private_only"))]
        return []


def _read_only(event: events.Event) -> bool:
    """A command (typed, or a menu button) that only reads what is stored about the sender."""
    if isinstance(event, events.Command):
        return access.read_only(event.name)
    if isinstance(event, events.Button):
        payload = buttons.unpack(event.data)
        return (
            payload is not None
            and payload.token == buttons.MENU
            and (access.read_only(payload.action))
        )
    return False


def _answers(turn: Turn) -> list[Reply]:
    """The replies for the person's own chat; one addressed to anyone else is told instead."""
    own = turn.person.telegram_id
    answers: list[Reply] = []
    for reply in turn.replies:
        to = getattr(reply, "to", None)
        if to is None or to == own:
            answers.append(reply)
        elif isinstance(reply, Message | CommandMenu | StoredPhoto):
            turn.tell(reply, cause="reply")
        else:
            raise ValueError(f"{type(reply).__name__} to another chat cannot be queued")
    return answers
