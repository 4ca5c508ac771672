"""Priorities and actions through the engine, and who hears of a status change."""

from __future__ import annotations

from dialogs.engine.engine import Engine
from dialogs.engine.replies import Message
from storage import actions, concerns
from storage.actions import ActionStatus
from storage.people import Role
from tests.dialogs import buurtgesprek_seed as seed
from tests.dialogs.conftest import Chat, Clock


def told(chat: Chat) -> list[int]:
    return sorted(r.to for r in chat.replies if isinstance(r, Message) and r.to is not None)


async def test_status_changes_reach_followers_of_the_chosen_concerns_only(
    engine: Engine, clock: Clock
) -> None:
    owner = await seed.person(engine, 500, Role.OFFICER)
    officer = Chat(engine, 500, "Peeters")
    meeting = await seed.meeting(engine, owner)
    r1, r2, r3, r4, r5 = [await seed.person(engine, i) for i in (901, 902, 903, 904, 905)]
    kept = await seed.concern(engine, meeting, r1, "Voetpad", inform=True)
    duplicate = await seed.concern(engine, meeting, r2, "Stoep", inform=True, supporters=(r3,))
    await seed.concern(engine, meeting, r4, "Oprit", inform=True)
    await seed.concern(engine, meeting, r5, "Iets over honden", "hondenpoep", inform=True)
    async with engine.db.transaction() as conn:
        await concerns.merge(conn, duplicate.id, kept.id, clock())
        await concerns.follow_support(conn, duplicate.id, r3.id, True)

    clock.now = seed.after(seed.STARTS, days=1)
    await officer.event_button_data(f"m:meeting_actions:{meeting.id}")
    await officer.press("➕ Prioriteit kiezen")
    assert officer.labels[:2] == ["Parkeeroverlast · 👥 4", "Hondenpoep · 👥 1"]
    await officer.press("Parkeeroverlast · 👥 4")
    await officer.press("➕ Actie: Parkeeroverlast")
    await officer.send("Paaltjes")
    await officer.send("Wegendienst")  # a partner that is not on the buttons
    await officer.press("5")
    await officer.press("2")
    await officer.send("1/3/2026")
    assert "Die dag is al voorbij" in officer.text
    await officer.press("Overslaan")
    assert officer.labels[:2] == ["✅ #1 Voetpad", "✅ #3 Oprit"]  # merged #2 rides along
    await officer.press("✅ #3 Oprit")  # this action does not answer the driveway
    await officer.press("Klaar")
    assert "Partner: Wegendienst" in officer.text and "Tegen: <i>" not in officer.text
    await officer.press("✅ Opslaan")
    async with engine.db.transaction() as conn:
        (action,) = await actions.list_for_meeting(conn, meeting.id)
    assert (action.partner, action.effect, action.feasibility) == ("Wegendienst", 5, 2)
    assert action.due_on is None and action.concern_ids == [kept.id]

    await officer.press("Actie openen")
    await officer.press("uitgevoerd")
    assert told(officer) == [901, 902, 903]  # the author, the merged author, a follower
    told_officer = next(r for r in officer.replies if isinstance(r, Message) and r.to)
    assert "De afgesproken actie “Paaltjes” is nu: <b>uitgevoerd</b>" in told_officer.html
    await officer.press("✅ uitgevoerd")
    assert told(officer) == []
    async with engine.db.transaction() as conn:
        done = await actions.get(conn, action.id)
    assert done is not None and done.status is ActionStatus.DONE


async def test_another_officer_cannot_change_an_action(engine: Engine, clock: Clock) -> None:
    owner = await seed.person(engine, 500, Role.OFFICER)
    meeting = await seed.meeting(engine, owner)
    clock.now = seed.after(seed.STARTS, days=1)
    async with engine.db.transaction() as conn:
        await actions.add_priority(conn, meeting.id, "parkeeroverlast", clock())
        action = await actions.add(
            conn,
            actions.NewAction(
                meeting_id=meeting.id,
                problem="parkeeroverlast",
                what="Geheime actie",
                partner=None,
                effect=3,
                feasibility=3,
                due_on=None,
                concern_ids=[],
            ),
            owner.id,
            clock(),
        )
    await seed.person(engine, 501, Role.OFFICER)
    colleague = Chat(engine, 501, "Collega")
    for data in (f"m:action:{action.id}", f"m:action_status:{action.id}_done"):
        await colleague.event_button_data(data)
        assert "Dat kan ik voor jou niet doen" in colleague.text
        assert "Geheime" not in colleague.text
    async with engine.db.transaction() as conn:
        unchanged = await actions.get(conn, action.id)
    assert unchanged is not None and unchanged.status is ActionStatus.PLANNED


async def test_merge_and_actions_from_the_agenda_before_the_intake_ends(
    engine: Engine, clock: Clock
) -> None:
    owner = await seed.person(engine, 500, Role.OFFICER)
    officer = Chat(engine, 500, "Peeters")
    meeting = await seed.meeting(engine, owner)
    r1, r2 = [await seed.person(engine, i) for i in (901, 902)]
    await seed.concern(engine, meeting, r1, "Voetpad")
    await seed.concern(engine, meeting, r2, "Stoep")
    assert clock() < meeting.intake_until  # concerns still come in

    await officer.send("/agenda")
    await officer.press(officer.labels[0])
    assert "Voetpad" in officer.text
    assert officer.labels == [
        "🔀 Dubbele meldingen samenvoegen",
        "🎯 Prioriteiten en acties",
        "Buurtgesprek openen",
    ]
    await officer.press("🔀 Dubbele meldingen samenvoegen")
    assert "Kies een onderwerp" in officer.text and "Parkeeroverlast (2)" in officer.labels

    await officer.send("/agenda")
    await officer.press(officer.labels[0])
    await officer.press("🎯 Prioriteiten en acties")
    assert "Prioriteiten en acties" in officer.text
    assert "Meldingen komen nog binnen tot" in officer.text
    await officer.press("➕ Prioriteit kiezen")
    await officer.press("Parkeeroverlast · 👥 2")
    assert "➕ Actie: Parkeeroverlast" in officer.labels

    await officer.event_button_data(f"m:meeting:{meeting.id}")  # and on the meeting's card
    assert "🎯 Prioriteiten en acties" in officer.labels
