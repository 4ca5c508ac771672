"""Every command and every button, tried by every role, against a table kept by hand.

The table is written out here rather than read from dialogs/engine/access.py, so that a change of
who may do what has to be made twice, on purpose: a new command without a row fails.
"""

from __future__ import annotations

import logging

import pytest

from dialogs.engine import access
from dialogs.engine.engine import Engine
from storage import actions
from storage.actions import NewAction
from storage.people import Role
from tests.dialogs import buurtgesprek_seed as seed
from tests.dialogs.conftest import Chat
from tests.dialogs.sectorscan.test_scan_flow import add_contact, make

ADMIN, OFFICER, CONTACT, RESIDENT = Role.ADMIN, Role.OFFICER, Role.CONTACT, Role.RESIDENT
ALL = {ADMIN, OFFICER, CONTACT, RESIDENT}
STAFF = {ADMIN, OFFICER}

EXPECTED: dict[str, set[Role]] = {
    "start": ALL,
    "help": ALL,
    "proef": ALL,
    "privacy": ALL,
    "mijngegevens": ALL,
    "vergeet": ALL,
    "vergeet_ja": ALL,
    "stop": ALL,
    "contacten": STAFF,
    "contact": STAFF,
    "contact_add": STAFF,
    "contact_edit": STAFF,
    "contact_stop": STAFF,
    "contact_stop_yes": STAFF,
    "contact_invite": STAFF,
    "scan": {ADMIN, OFFICER, CONTACT},
    "scan_for": STAFF,
    "scan_send": STAFF,
    "scan_last": STAFF,
    "bezoeken": STAFF,
    "visit_when": STAFF,
    "visit_plan": STAFF,
    "visit_later": STAFF,
    "digest_set": STAFF,
    "wijk": STAFF,
    "wijk_show": STAFF,
    "wijk_areas": STAFF,
    "zone": {ADMIN},
    "zone_show": {ADMIN},
    "export": STAFF,
    "export_area": STAFF,
    "export_go": STAFF,
    "fwd": STAFF,
    "fwd_to": STAFF,
    "bin": ALL,
    "bin_join": ALL,
    "bin_leave": ALL,
    "bin_seen": ALL,
    "melding": ALL,
    "signalen": STAFF,
    "signal": STAFF,
    "signal_status": STAFF,
    "signal_fwd": STAFF,
    "signal_agenda": STAFF,
    "signal_agenda_to": STAFF,
    "bin_members": STAFF,
    "bin_link": STAFF,
    "bin_new": STAFF,
    "bin_sent": STAFF,
    "buurtgesprek": STAFF,
    "agenda": STAFF,
    "mijnmeldingen": ALL,
    "meeting": STAFF,
    "meeting_plan": STAFF,
    "meeting_edit": STAFF,
    "meeting_link": STAFF,
    "meeting_agenda": STAFF,
    "concern_photo": STAFF,
    "meeting_cancel": STAFF,
    "meeting_cancel_yes": STAFF,
    "meeting_close": STAFF,
    "meeting_close_yes": STAFF,
    "meeting_actions": STAFF,
    "concern_merge": STAFF,
    "concern_merge_pick": STAFF,
    "concern_merge_into": STAFF,
    "concern_unmerge": STAFF,
    "action": STAFF,
    "action_priority": STAFF,
    "action_priority_add": STAFF,
    "action_new": STAFF,
    "action_status": STAFF,
    "concern_meeting": ALL,
    "concern_new": ALL,
    "concern_topics": ALL,
    "concern_topic": ALL,
    "concern_support": ALL,
    "concern_follow": ALL,
    "concern_withdraw": ALL,
    "concern_withdraw_yes": ALL,
    "beheer": {ADMIN},
    "audit": {ADMIN},
    "admin_officer": {ADMIN},
    "admin_revoke": {ADMIN},
    "admin_revoke_yes": {ADMIN},
    "admin_transfer": {ADMIN},
    "admin_transfer_to": {ADMIN},
    "admin_invite": {ADMIN},
    "admin_invites": {ADMIN},
    "admin_invite_revoke": {ADMIN},
}


def test_the_table_covers_every_command() -> None:
    assert set(access.COMMANDS) == set(EXPECTED)


@pytest.mark.parametrize("role", [ADMIN, OFFICER, CONTACT, RESIDENT])
@pytest.mark.parametrize("command", sorted(EXPECTED))
async def test_role_may_or_may_not(
    engine: Engine, caplog: pytest.LogCaptureFixture, role: Role, command: str
) -> None:
    person = await make(engine, 700, role, "Persoon")
    caplog.set_level(logging.INFO, logger="dialogs.engine.engine")
    # As a typed command, and as a button that names the same command.
    await person.send(f"/{command}")
    await person.event_button_data(f"m:{command}:1")
    refused = [r for r in caplog.records if r.getMessage().startswith(f"refused /{command} ")]
    if role in EXPECTED[command]:
        assert refused == []
    else:
        assert len(refused) == 2
        assert "Dat kan ik voor jou niet doen" in person.text


@pytest.mark.parametrize(
    "command",
    [
        "contact",
        "contact_edit",
        "contact_stop",
        "contact_stop_yes",
        "contact_invite",
        "scan_for",
        "scan_send",
        "scan_last",
        "visit_when",
        "visit_later",
    ],
)
async def test_a_forged_button_naming_another_officers_contact(
    engine: Engine, command: str
) -> None:
    owner = await make(engine, 500, Role.OFFICER, "Eigenaar")
    contact_id = await add_contact(owner, "Bakkerij Anders")
    other = await make(engine, 501, Role.OFFICER, "Collega")
    await other.event_button_data(f"m:{command}:{contact_id}")
    assert "Dat kan ik voor jou niet doen" in other.text
    assert "Bakkerij" not in other.text
    resident = Chat(engine, 777, "Bewoner")
    await resident.event_button_data(f"m:{command}:{contact_id}")
    assert "Dat kan ik voor jou niet doen" in resident.text


MEETING_BUTTONS = [
    "meeting",
    "concern_photo",
    "meeting_edit",
    "meeting_link",
    "meeting_agenda",
    "meeting_cancel",
    "meeting_cancel_yes",
    "meeting_close",
    "meeting_close_yes",
    "meeting_actions",
    "concern_merge",
    "concern_merge_pick",
    "concern_merge_into",
    "concern_unmerge",
    "action",
    "action_priority",
    "action_priority_add",
    "action_new",
    "action_status",
]


@pytest.mark.parametrize("command", MEETING_BUTTONS)
async def test_a_forged_button_naming_another_officers_meeting(
    engine: Engine, command: str
) -> None:
    owner = await seed.person(engine, 500, Role.OFFICER)
    meeting = await seed.meeting(engine, owner)
    concern = await seed.concern(engine, meeting, await seed.person(engine, 900), "Geheime tekst")
    async with engine.db.transaction() as conn:
        await actions.add_priority(conn, meeting.id, concern.problem, engine.clock())
        action = await actions.add(
            conn,
            NewAction(
                meeting_id=meeting.id,
                problem=concern.problem,
                what="Geheime actie",
                partner="gemeente",
                effect=3,
                feasibility=3,
                due_on=None,
                concern_ids=[concern.id],
            ),
            owner.id,
            engine.clock(),
        )
    other = await make(engine, 501, OFFICER, "Collega")
    arguments = (
        f"{meeting.id}",
        f"{meeting.id}_{concern.id}",
        f"{concern.id}",
        f"{concern.id}_{concern.id}",
        f"{meeting.id}_{concern.problem}",
        f"{action.id}",
        f"{action.id}_done",
    )
    for arg in arguments:
        await other.event_button_data(f"m:{command}:{arg}")
        assert "Geheime" not in other.text
        assert "Zaal De Kring" not in other.text, (command, arg)


async def test_forwarding_another_officers_concern_or_scan_is_refused(engine: Engine) -> None:
    meeting = await seed.meeting(engine, await seed.person(engine, 500, OFFICER))
    concern = await seed.concern(engine, meeting, await seed.person(engine, 900), "Geheime tekst")
    other = await make(engine, 501, OFFICER, "Collega")
    for data in (f"m:fwd:c{concern.id}", f"m:fwd:m{meeting.id}"):
        await other.event_button_data(data)
        assert "Dat kan ik voor jou niet doen" in other.text and "Geheime" not in other.text
