"""/start and /help speak to the person's role: a resident's welcome and emergency line are
not an officer's."""

from __future__ import annotations

import pytest

from dialogs.engine.engine import Engine
from storage import people
from storage.people import Role
from tests.dialogs.conftest import Chat

RESIDENT_WELCOME = "je zorgen voor een buurtgesprek"
EMERGENCY = "Dringend politie nodig? Bel 101 (of 112)."


async def chat_as(engine: Engine, role: Role) -> Chat:
    async with engine.db.transaction() as conn:
        await people.create(
            conn, telegram_id=700, name="Sam", role=role, now=engine.clock(), area="Centrum"
        )
    return Chat(engine, 700, "Sam")


@pytest.mark.parametrize(
    ("role", "welcome", "last_line"),
    [
        (Role.RESIDENT, RESIDENT_WELCOME, EMERGENCY),
        (Role.CONTACT, "één keer per jaar de sectorscan in", EMERGENCY),
        (Role.OFFICER, "Als wijkinspecteur houd je hier je netwerk", "Een vragenlijst laten"),
        (Role.ADMIN, "Als beheerder van de zone nodig je", "Wie wanneer welke"),
    ],
)
async def test_each_role_gets_its_own_welcome_and_help(
    engine: Engine, role: Role, welcome: str, last_line: str
) -> None:
    chat = await chat_as(engine, role)
    await chat.send("/start")
    assert "Welkom bij wijkbot, Sam." in chat.text and welcome in chat.text
    await chat.send("/help")
    assert chat.text.strip().splitlines()[-1].startswith(last_line)
    if role in (Role.OFFICER, Role.ADMIN):
        await chat.send("/start")
        assert RESIDENT_WELCOME not in chat.text and EMERGENCY not in chat.text
