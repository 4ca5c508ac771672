"""An alert is queued a slice of members at a time, as the outbox asks for more: nothing per
member in the sender's turn, each member once however the slices fall, and a restart between
two slices loses no one."""

from __future__ import annotations

from collections import Counter

from dialogs.bin.alert_text import finished
from dialogs.bin.fan_out import AlertFeeder
from dialogs.engine.engine import Engine
from storage import bin_alerts, bin_members, outbox, people
from storage.outbox import OutboxStatus
from storage.people import Role
from tests.dialogs.bin.bin_seed import OFFICER, join, link_code, person
from tests.dialogs.bin.test_compose import write


async def alert_rows(engine: Engine, alert_id: int) -> Counter[int]:
    async with engine.db.transaction() as conn:
        rows = await conn.execute_fetchall(
            "SELECT chat_id FROM outbox WHERE dedupe_key LIKE ?", (f"bin.alert:{alert_id}:%",)
        )
    return Counter(int(row[0]) for row in rows)


async def test_members_are_queued_in_slices_each_once_across_a_restart(engine: Engine) -> None:
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    code = await link_code(officer, "Centrum")
    members = [await join(engine, 9001 + n, code) for n in range(7)]
    officer.feeds = False  # the outbox is not running: nothing asks for more
    await write(officer, ["Centrum"], "Grijze bestelwagen")
    await officer.press("📣 Versturen")
    assert "7 leden" in officer.text
    async with engine.db.transaction() as conn:
        (alert,) = await bin_alerts.latest(conn)
    assert not alert.all_queued
    assert await alert_rows(engine, alert.id) == Counter()  # nothing per member in the turn

    async with engine.db.transaction() as conn:  # the lane asks for three
        assert await AlertFeeder().feed(conn, engine.clock(), False, 3) == 3
        assert await AlertFeeder().feed(conn, engine.clock(), True, 3) == 0  # not paid
    # Meanwhile one member leaves, and someone new joins.
    async with engine.db.transaction() as conn:
        leaver = await people.by_telegram_id(conn, 9006)
        assert leaver is not None
        await bin_members.leave(conn, leaver.id, ["Centrum"])
        newcomer = await people.create(
            conn, telegram_id=9100, name="Nieuw", role=Role.RESIDENT, now=engine.clock()
        )
        await bin_members.join(conn, newcomer.id, "Centrum", engine.clock())
    # A restart: a new feeder, reading where the last slice ended from the database.
    fed = 0
    for _ in range(10):
        async with engine.db.transaction() as conn:
            fed += await AlertFeeder().feed(conn, engine.clock(), False, 2)
            alert = await bin_alerts.get(conn, alert.id) or alert
            assert await bin_alerts.queueing(conn) is not alert.all_queued
    assert alert.all_queued
    got = await alert_rows(engine, alert.id)
    expected = {m.sender.telegram_id for m in members if m.sender.telegram_id != 9006}
    assert set(got) == expected | {9100}
    assert set(got.values()) == {1}
    assert fed == len(got) - 3


async def test_an_alert_is_not_finished_while_members_wait_to_be_queued(engine: Engine) -> None:
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    code = await link_code(officer, "Centrum")
    for n in range(3):
        await join(engine, 9001 + n, code)
    officer.feeds = False
    await write(officer, ["Centrum"], "Grijze bestelwagen")
    await officer.press("📣 Versturen")
    async with engine.db.transaction() as conn:
        (alert,) = await bin_alerts.latest(conn)
        await AlertFeeder().feed(conn, engine.clock(), False, 1)
        # The one queued row went out; two members are still to queue.
        (row,) = await outbox.claim(conn, engine.clock(), stale_before=engine.clock(), limit=5)
        await outbox.finish_sent(conn, [row.id], engine.clock())
        counts = await outbox.progress(conn, alert.batch)
        alert = await bin_alerts.get(conn, alert.id) or alert
    assert counts == Counter({OutboxStatus.SENT: 1})
    assert not finished(alert, counts)
