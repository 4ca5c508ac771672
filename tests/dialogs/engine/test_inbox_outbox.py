"""The engine's inbox and outbox: an update given twice runs once and gets the same replies;
what a turn owes others is queued once per cause, behind the replies of the turn itself."""

from __future__ import annotations

from dialogs.engine import buttons, events
from dialogs.engine.engine import Engine
from dialogs.engine.replies import Message, Reply
from storage import dialog_states, inbox, outbox, people, scan_requests
from storage.people import Role
from tests.dialogs.conftest import Chat, plain
from tests.dialogs.sectorscan.test_scan_flow import add_contact, invite_link_token, make


def texts(replies: list[Reply]) -> list[str]:
    return [plain(r.html) for r in replies if isinstance(r, Message)]


async def test_an_update_given_again_gets_the_same_replies_and_runs_once(engine: Engine) -> None:
    jan = Chat(engine, 1001, "Jan")
    await jan.send("/proef")
    press = events.Button(jan.data_of("Soms"))
    first = await engine.handle(jan.sender, press, update_id=41)
    async with engine.db.transaction() as conn:
        person = await people.by_telegram_id(conn, 1001)
        assert person is not None
        after_first = await dialog_states.get(conn, person.id)
    again = await engine.handle(jan.sender, press, update_id=41)
    assert texts(again) == texts(first) and "niet meer geldig" not in " ".join(texts(again))
    async with engine.db.transaction() as conn:
        assert await dialog_states.get(conn, person.id) == after_first  # moved on once
        await inbox.mark_answered(conn, [41], engine.clock())
    # Once the replies reached Telegram they are not kept: nothing to give, nothing runs.
    assert await engine.handle(jan.sender, press, update_id=41) == []


async def test_an_invite_link_is_never_kept_for_a_replay(engine: Engine) -> None:
    officer = await make(engine, 500, Role.OFFICER, "Inspecteur Peeters")
    await add_contact(officer)
    await officer.send("/contacten")
    await officer.press(next(label for label in officer.labels if "Bakkerij" in label))
    invite = events.Button(officer.data_of("Uitnodigen"))
    shown = await engine.handle(officer.sender, invite, update_id=7)
    assert any("start=" in text for text in texts(shown))
    async with engine.db.transaction() as conn:
        kept = await inbox.get(conn, 7)
    assert kept is not None and "start=" not in kept.replies
    replayed = await engine.handle(officer.sender, invite, update_id=7)
    assert "kan ik niet opnieuw tonen" in " ".join(texts(replayed))


async def test_scan_sturen_twice_tells_the_contact_once(engine: Engine) -> None:
    officer = await make(engine, 500, Role.OFFICER, "Inspecteur Peeters")
    contact_id = await add_contact(officer)
    contact = Chat(engine, 777, "An")
    await contact.send(f"/start {await invite_link_token(officer, contact_id)}")
    send = buttons.pack(buttons.MENU, "scan_send", contact_id)
    await officer.event_button_data(send)
    told = [r for r in officer.replies if isinstance(r, Message) and r.to == 777]
    assert len(told) == 1 and "sectorscan klaargezet" in plain(told[0].html)
    await officer.event_button_data(send)
    assert [r for r in officer.replies if isinstance(r, Message) and r.to == 777] == []
    async with engine.db.transaction() as conn:
        rows = await outbox.for_chat(conn, 777)
        request = await scan_requests.open_for_contact(conn, contact_id)
    assert request is not None
    assert [row.dedupe_key for row in rows] == [f"scan.ready:{request.id}:777"]


async def test_what_a_turn_owes_waits_for_the_turns_own_replies(engine: Engine) -> None:
    officer = await make(engine, 500, Role.OFFICER, "Inspecteur Peeters")
    contact_id = await add_contact(officer)
    contact = Chat(engine, 777, "An")
    await contact.send(f"/start {await invite_link_token(officer, contact_id)}")
    woken: list[int] = []
    engine.on_queued = lambda: woken.append(1)
    send = events.Button(buttons.pack(buttons.MENU, "scan_send", contact_id))
    await engine.handle(officer.sender, send, update_id=90)
    assert woken == [1]
    now = engine.clock()
    async with engine.db.transaction() as conn:
        assert await outbox.claim(conn, now, stale_before=now, limit=10) == []
        await inbox.mark_answered(conn, [90], now)
        (row,) = await outbox.claim(conn, now, stale_before=now, limit=10)
    assert (row.chat_id, row.cause, row.update_id) == (777, "scan.ready", 90)
