"""The zone admin: revoking a role, handing over a network, withdrawing invites; the audit
log of who read what; slowing down guessed invite tokens."""

from __future__ import annotations

import re
from datetime import timedelta

from dialogs.engine.engine import Engine
from dialogs.engine.replies import CommandMenu, Message, Picture
from storage import audit, invites, people
from storage.people import Role
from tests.dialogs.conftest import Chat, Clock
from tests.dialogs.sectorscan.test_scan_flow import add_contact, invite_link_token, make, walk_scan


async def test_revoke_a_role_and_hand_over_the_network(engine: Engine) -> None:
    admin = await make(engine, 100, Role.ADMIN, "Teamchef")
    leaving = await make(engine, 500, Role.OFFICER, "Inspecteur Weg")
    staying = await make(engine, 501, Role.OFFICER, "Inspecteur Blijft")
    await add_contact(leaving, "Bakkerij Janssens")
    await admin.send("/beheer")
    assert "Inspecteur Weg – wijk Centrum, 1 contactpersoon" in admin.text
    await admin.press("Inspecteur Weg")
    await admin.press("Rol intrekken")
    assert "nog 1 contactpersoon" in admin.text
    await admin.press("Nee, verder")
    await admin.press("Contactpersonen overdragen")
    await admin.press("Inspecteur Blijft")
    assert "1 contactpersoon van Inspecteur Weg is overgedragen" in admin.text
    told = [r for r in admin.replies if isinstance(r, Message) and r.to == 501]
    assert told and "/contacten" in told[0].html
    await staying.send("/contacten")
    assert "Bakkerij Janssens" in staying.text

    await admin.send("/beheer")
    await admin.press("Inspecteur Weg")
    await admin.press("Rol intrekken")
    await admin.press("Ja, intrekken")
    assert [r.to for r in admin.replies if isinstance(r, Message | CommandMenu)][-2:] == [500, 500]
    await leaving.send("/contacten")
    assert "Dat kan ik voor jou niet doen" in leaving.text
    async with engine.db.transaction() as conn:
        actions = [e.action for e in await audit.since(conn, engine.clock() - timedelta(1))]
    assert "role.remove" in actions and "contacts.transfer" in actions


async def test_an_admin_invites_an_officer_from_beheer(engine: Engine) -> None:
    admin = await make(engine, 100, Role.ADMIN, "Teamchef")
    await make(engine, 500, Role.OFFICER, "Inspecteur Peeters")  # wijk Centrum
    await admin.send("/beheer")
    await admin.press("➕ Wijkinspecteur of beheerder uitnodigen")
    await admin.press("Een wijkinspecteur")
    await admin.send("Inspecteur Claes")
    assert admin.labels[0] == "Centrum"  # the zone's wijken, or a new one typed
    await admin.send("Noord")
    assert "Wijk: Noord" in admin.text and "Naam: Inspecteur Claes" in admin.text
    await admin.press("✅ Link maken")
    assert "Uitnodiging voor Inspecteur Claes als wijkinspecteur van de wijk Noord" in admin.text
    assert "Hij werkt één keer, tot maandag 16 maart 2026 om 10:00" in admin.text
    assert any(isinstance(r, Picture) for r in admin.replies)  # the QR code
    found = re.search(r"start=([A-Za-z0-9_-]+)", admin.text)
    assert found is not None
    token = found[1]

    newcomer = Chat(engine, 600, "Claes")
    await newcomer.send(f"/start {token}")
    async with engine.db.transaction() as conn:
        claes = await people.by_telegram_id(conn, 600)
        logged = [e.action for e in await audit.since(conn, engine.clock() - timedelta(1))]
    assert claes is not None and claes.role is Role.OFFICER
    assert (claes.name, claes.area) == ("Inspecteur Claes", "Noord")
    assert "invite.create" in logged


async def test_an_admin_invites_another_admin_without_a_wijk(engine: Engine) -> None:
    admin = await make(engine, 100, Role.ADMIN, "Teamchef")
    await admin.send("/beheer")
    await admin.press("➕ Wijkinspecteur of beheerder uitnodigen")
    await admin.press("Een beheerder")
    await admin.send("Commissaris Wouters")
    assert "Wijk" not in admin.text  # straight to the summary
    await admin.press("✅ Link maken")
    assert "Uitnodiging voor Commissaris Wouters als beheerder van de zone." in admin.text
    async with engine.db.transaction() as conn:
        (invite,) = await invites.list_open(conn, engine.clock())
    assert (invite.role, invite.area) == (Role.ADMIN, None)
    found = re.search(r"start=([A-Za-z0-9_-]+)", admin.text)
    assert found is not None
    wouters = Chat(engine, 601, "Wouters")
    await wouters.send(f"/start {found[1]}")
    assert "Je bent nu beheerder van de zone. Met /help" in wouters.text
    assert "wijk" not in wouters.text  # no "(wijk: -)" for a role without one


async def test_an_admin_withdraws_an_invite(engine: Engine) -> None:
    admin = await make(engine, 100, Role.ADMIN, "Teamchef")
    now = engine.clock()
    async with engine.db.transaction() as conn:
        _invite, token = await invites.create(
            conn, role=Role.OFFICER, now=now, expires_at=now + timedelta(days=14), name="Nieuw"
        )
    await admin.send("/beheer")
    await admin.press("Openstaande uitnodigingen")
    assert "wijkinspecteur: Nieuw" in admin.text
    await admin.press("Intrekken: Nieuw")
    assert "(0)" in admin.text
    newcomer = Chat(engine, 600, "Nieuw")
    await newcomer.send(f"/start {token}")
    assert "ken ik niet" in newcomer.text


async def test_others_cannot_use_admin_buttons(engine: Engine) -> None:
    officer = await make(engine, 500, Role.OFFICER, "Inspecteur")
    await make(engine, 501, Role.OFFICER, "Collega")
    for data in ("m:admin_revoke_yes:2", "m:admin_transfer_to:2_1", "m:beheer:", "m:audit:"):
        await officer.event_button_data(data)
        assert "Dat kan ik voor jou niet doen" in officer.text
    async with engine.db.transaction() as conn:
        still = await people.by_telegram_id(conn, 501)
    assert still is not None and still.role is Role.OFFICER


async def test_the_audit_log_records_reads_without_their_content(engine: Engine) -> None:
    officer = await make(engine, 500, Role.OFFICER, "Inspecteur Peeters")
    contact_id = await add_contact(officer, "Bakkerij Geheim")
    await officer.send("/contacten")
    await officer.press(next(label for label in officer.labels if "Geheim" in label))
    token = await invite_link_token(officer, contact_id)
    contact = Chat(engine, 777, "An")
    await contact.send(f"/start {token}")
    await contact.press("Sectorscan starten")
    await walk_scan(contact, ["Drugsoverlast"], remark="vertrouwelijke opmerking")
    async with engine.db.transaction() as conn:
        entries = await audit.since(conn, engine.clock() - timedelta(days=1))
        async with conn.execute("SELECT * FROM audit_log") as cursor:
            raw = " ".join(str(value) for row in await cursor.fetchall() for value in row)
    actions = {(e.action, e.subject_kind) for e in entries}
    assert {
        ("contacts.list", None),
        ("contact.read", "contact"),
        ("scan.summary", "scan"),
        ("role.grant", "person"),
    } <= actions
    assert "Geheim" not in raw and "vertrouwelijke" not in raw and "Drugs" not in raw
    admin = await make(engine, 100, Role.ADMIN, "Teamchef")
    await admin.send("/audit")
    said = admin.text
    assert "Inspecteur Peeters bekeek de lijst met contactpersonen" in said
    assert "Inspecteur Peeters bekeek de fiche van contactpersoon Bakkerij Geheim" in said
    assert "An kreeg een rol, uitgenodigd door Inspecteur Peeters" in said
    assert "Inspecteur Peeters las de samenvatting van de sectorscan van Bakkerij Geheim" in said
    assert "2 mrt 2026 10:00 · " in said
    assert "contact.read" not in said and "person 2" not in said


async def test_wrong_start_payloads_are_slowed_down(engine: Engine, clock: Clock) -> None:
    guesser = Chat(engine, 666, "Rader")
    for attempt in range(5):
        await guesser.send(f"/start gok{attempt}")
        assert "ken ik niet" in guesser.text
    await guesser.send("/start gok5")
    assert "te veel" in guesser.text
    now = clock.now
    async with engine.db.transaction() as conn:
        _invite, token = await invites.create(
            conn, role=Role.OFFICER, now=now, expires_at=now + timedelta(days=14)
        )
    await guesser.send(f"/start {token}")
    assert "te veel" in guesser.text  # even a good one waits until the hour has passed
    clock.advance(hours=1, minutes=1)
    await guesser.send(f"/start {token}")
    assert re.search("Je bent nu wijkinspecteur", guesser.text)
