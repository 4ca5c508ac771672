"""Retention with a controlled clock: each rule removes what it must and nothing else."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from dialogs.engine import events
from dialogs.engine.engine import Engine
from dialogs.forms.model import identifying_questions, load_forms
from dialogs.people.retention import apply_retention
from storage import (
    analysis,
    concerns,
    contacts,
    dialog_states,
    inbox,
    invites,
    meetings,
    outbox,
    people,
    scans,
)
from storage.analysis import Scope, Span
from storage.contacts import NewContact
from storage.outbox import OutboxStatus
from storage.people import Role
from storage.scans import FilledBy, NewScan, Trend
from tests.dialogs import buurtgesprek_seed as seed
from tests.dialogs.conftest import Chat, Clock

ALL_YEARS = Span(
    since=date(2019, 1, 1),
    until=date(2027, 1, 1),
    since_at=datetime(2019, 1, 1, tzinfo=UTC),
    until_at=datetime(2027, 1, 1, tzinfo=UTC),
)


async def run(engine: Engine, clock: Clock) -> dict[str, int]:
    today = engine.texts("nl").local(clock.now).date()
    return await apply_retention(
        engine.db, clock.now, today, engine.zone, identifying_questions(load_forms())
    )


async def test_untouched_forms_go_after_thirty_days(engine: Engine, clock: Clock) -> None:
    old, recent = Chat(engine, 1, "Oud"), Chat(engine, 2, "Recent")
    await old.send("/proef")
    clock.advance(days=20)
    await recent.send("/proef")
    clock.advance(days=11)
    assert (await run(engine, clock))["dialog_states"] == 1
    async with engine.db.transaction() as conn:
        old_person = await people.by_telegram_id(conn, 1)
        recent_person = await people.by_telegram_id(conn, 2)
        assert old_person is not None and recent_person is not None
        assert await dialog_states.get(conn, old_person.id) is None
        assert await dialog_states.get(conn, recent_person.id)


async def test_expired_invites_go_used_and_valid_ones_stay(engine: Engine, clock: Clock) -> None:
    now = clock.now
    async with engine.db.transaction() as conn:
        admin = await people.create(conn, telegram_id=9, name="A", role=Role.ADMIN, now=now)
        expired, _ = await invites.create(
            conn, role=Role.OFFICER, now=now, expires_at=now + timedelta(days=1)
        )
        valid, _ = await invites.create(
            conn, role=Role.OFFICER, now=now, expires_at=now + timedelta(days=30)
        )
        used, _ = await invites.create(
            conn, role=Role.OFFICER, now=now, expires_at=now + timedelta(days=1)
        )
        await invites.mark_used(conn, used.id, admin.id, now)
    clock.advance(days=2)
    assert (await run(engine, clock))["invites"] == 1
    async with engine.db.transaction() as conn:
        left = {i.id for i in await invites.list_open(conn, clock.now)}
        assert left == {valid.id}
        assert await invites.get(conn, used.id) is not None
        assert await invites.get(conn, expired.id) is None


async def test_scans_older_than_five_years_become_anonymous(engine: Engine, clock: Clock) -> None:
    async with engine.db.transaction() as conn:
        officer = await people.create(
            conn, telegram_id=5, name="O", role=Role.OFFICER, now=clock.now
        )
        contact = await contacts.add(
            conn,
            officer.id,
            NewContact(name="An", organisation="Bakkerij", role="winkelier", area="Centrum"),
            clock.now,
        )
        for year, remark in ((2020, "oud en herkenbaar"), (2024, "recent")):
            await scans.add(
                conn,
                NewScan(
                    contact_id=contact.id,
                    officer_id=officer.id,
                    filled_by=FilledBy.CONTACT,
                    form="sectorscan",
                    form_version=1,
                    visited_on=date(year, 3, 1),
                    feeling="soms",
                    mark=6,
                    priority=None,
                    answers={"gevoel": "soms", "opmerking": remark},
                    problems={"drugsoverlast": "veel"},
                    trends={"drugsoverlast": Trend.WORSE},
                ),
                clock.now,
            )
    # 2 March 2026: the 2020 scan is more than five years old, the 2024 one is not.
    assert (await run(engine, clock))["scans"] == 1
    async with engine.db.transaction() as conn:
        kept = await scans.list_for_contact(conn, contact.id)
        assert [s.visited_on.year for s in kept] == [2024]
        assert kept[0].answers["opmerking"] == "recent"
        trends = await analysis.trends(conn, ALL_YEARS, Scope(areas=("Centrum",)))
        # The zone's figures are unchanged: both scans still count.
        assert [(t.problem, t.trend, t.scans) for t in trends] == [("drugsoverlast", "worse", 2)]
        async with conn.execute(
            "SELECT c.anonymous, c.name, a.question FROM scans s JOIN contacts c"
            " ON c.id = s.contact_id LEFT JOIN scan_answers a ON a.scan_id = s.id"
            " WHERE s.visited_on < '2021-01-01' ORDER BY a.question"
        ) as cursor:
            rows = [tuple(row) for row in await cursor.fetchall()]
    assert rows == [(1, "", "gevoel")]  # the remark went, the archive contact has no name
    assert (await run(engine, clock))["scans"] == 0  # nothing left to do the next day


async def test_concern_texts_go_twelve_months_after_the_meeting(
    engine: Engine, clock: Clock
) -> None:
    officer = await seed.person(engine, 500, Role.OFFICER)
    resident = await seed.person(engine, 600)
    old = await seed.meeting(engine, officer, starts=clock.now - timedelta(days=400))
    recent = await seed.meeting(engine, officer, starts=clock.now - timedelta(days=300))
    gone = await seed.concern(engine, old, resident, "oude tekst", supporters=(officer,))
    kept = await seed.concern(engine, recent, resident, "recente tekst")
    async with engine.db.transaction() as conn:
        await meetings.close(conn, old.id, clock.now - timedelta(days=390))
        await meetings.close(conn, recent.id, clock.now - timedelta(days=290))
    assert (await run(engine, clock))["concerns"] == 1
    async with engine.db.transaction() as conn:
        erased, left = await concerns.get(conn, gone.id), await concerns.get(conn, kept.id)
    assert erased is not None and erased.description is None and erased.author_id is None
    assert erased.problem == gone.problem  # the agenda's counts stay
    assert left is not None and left.description == "recente tekst"
    assert (await run(engine, clock))["concerns"] == 0


async def test_update_outcomes_go_after_a_day_and_sent_messages_after_a_month(
    engine: Engine, clock: Clock
) -> None:
    chat = Chat(engine, 1, "Jan")
    await engine.handle(chat.sender, events.Command("help"), update_id=70)
    async with engine.db.transaction() as conn:
        for key in ("sent", "waiting"):
            await outbox.enqueue(
                conn, chat_id=1, cause="test", dedupe_key=key, payload="{}", now=clock.now
            )
        (sent, _) = await outbox.claim(conn, clock.now, stale_before=clock.now, limit=2)
        await outbox.finish(conn, sent.id, OutboxStatus.SENT, clock.now)
    clock.advance(hours=23)
    assert (await run(engine, clock))["inbox"] == 0
    clock.advance(hours=2)
    assert (await run(engine, clock))["inbox"] == 1
    clock.advance(days=30)
    assert (await run(engine, clock))["outbox"] == 1
    async with engine.db.transaction() as conn:
        assert await inbox.get(conn, 70) is None
        assert [row.dedupe_key for row in await outbox.since(conn, 0)] == ["waiting"]
