"""The conversation engine: one event of one person in, the replies to show out.

Each event is handled in one database transaction: the person, their dialog state and
whatever the flow writes are stored together, so a crash between two events loses nothing
and a restart picks up at the same step.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from dialogs.engine import access, buttons, events
from dialogs.engine.emergency import emergency_of
from dialogs.engine.flow import Flow
from dialogs.engine.replies import Message, Reply, fitted
from dialogs.engine.texts import Texts
from dialogs.engine.turn import Turn
from dialogs.engine.zone import Zone
from storage import dialog_states, people
from storage.db import Database

log = logging.getLogger(__name__)

CommandHandler = Callable[[Turn, str], Awaitable[None]]


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

    async def handle(self, sender: events.Sender, event: events.Event) -> list[Reply]:
        if not sender.private_chat:
            return self._in_group(sender, event)
        async with self.db.transaction() as conn:
            now = self.clock()
            person = await people.by_telegram_id(conn, sender.telegram_id)
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
            stored = await dialog_states.get(conn, person.id) if known else None
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
            )
            self._discard_stale_form(turn)
            await self._dispatch(turn, event)
            # A read-only command for a stranger writes nothing of him, his place included.
            if known and turn.state is not None:
                await dialog_states.save(conn, turn.state)
            elif known and stored is not None:
                await dialog_states.delete(conn, person.id)
        return fitted(turn.replies)

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

    def _discard_stale_form(self, turn: Turn) -> None:
        """A form left untouched for `draft_days` is discarded, and the person told so."""
        state = turn.state
        if state is None or turn.now - state.updated_at < timedelta(days=self.zone.draft_days):
            return
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
        turn.end()

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
                if isinstance(event, events.Text) and (
                    emergency := emergency_of(event.text, turn.person.language)
                ):
                    turn.say(turn.t(emergency.answer))
                flow = self.active(turn)
                if flow is not None:
                    await flow.on_input(turn, event)
                elif isinstance(event, events.Unsupported):
                    turn.say(turn.t("input.unsupported"))
                else:
                    turn.say(turn.t("input.not_understood"))

    async def run_command(self, turn: Turn, name: str, args: str) -> None:
        handler = self.commands.get(name)
        if handler is None:
            turn.say(turn.t("command.unknown"))
        elif not access.may(turn.person.role, name):
            log.info("refused /%s to person %s (%s)", name, turn.person.id, turn.person.role)
            turn.say(turn.t("access.refused"))
        else:
            await handler(turn, args)

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
