"""What an officer's act tells residents reaches each of them in his own language: a cancelled
or moved meeting, and an action's new status (verantwoording).

The zone offers Dutch and the pseudo-language (tests/pseudo_locale.py); the officer reads
Dutch, one resident the pseudo-language, another Dutch.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.runtime import open_runtime
from bot.settings import Settings
from dialogs.engine.engine import Engine
from dialogs.engine.replies import Message
from storage import actions, concerns, people
from storage.actions import NewAction
from storage.people import Person, Role
from tests.dialogs import buurtgesprek_seed as seed
from tests.dialogs.conftest import Chat, Clock, plain
from tests.pseudo_locale import pseudo


@pytest.fixture
async def two(tmp_path: Path, clock: Clock, pseudo_language: str) -> AsyncIterator[Engine]:
    settings = Settings(  # type: ignore[call-arg]
        database=tmp_path / "two.db", languages=("nl", pseudo_language), _env_file=None
    )
    runtime = await open_runtime(settings, clock)
    yield runtime.engine
    await runtime.close()


async def speaking(engine: Engine, person: Person, language: str) -> None:
    async with engine.db.transaction() as conn:
        await people.set_language(conn, person.id, language, engine.clock())


def told(chat: Chat) -> dict[int, str]:
    return {r.to: plain(r.html) for r in chat.replies if isinstance(r, Message) and r.to}


async def test_a_cancelled_meeting_is_told_in_each_residents_language(
    two: Engine, pseudo_language: str
) -> None:
    officer = await seed.person(two, 500, Role.OFFICER)
    meeting = await seed.meeting(two, officer)
    other, dutch = await seed.person(two, 901), await seed.person(two, 902)
    await speaking(two, other, pseudo_language)
    await seed.concern(two, meeting, other, "Te veel auto's", supporters=(dutch,))
    chat = Chat(two, 500, "Peeters")
    await chat.event_button_data(f"m:meeting_cancel_yes:{meeting.id}")
    notices = told(chat)
    assert pseudo("gaat niet door") in notices[901] and "12 März 2026" in notices[901]
    assert "gaat niet door" in notices[902] and "12 maart 2026" in notices[902]
    assert "2 inwoners kregen bericht" in chat.text  # the officer reads his own language


async def test_an_actions_new_status_is_told_in_each_followers_language(
    two: Engine, pseudo_language: str
) -> None:
    officer = await seed.person(two, 500, Role.OFFICER)
    meeting = await seed.meeting(two, officer)
    author, supporter = await seed.person(two, 901), await seed.person(two, 902)
    await speaking(two, supporter, pseudo_language)
    concern = await seed.concern(two, meeting, author, "Busjes op de stoep", inform=True)
    async with two.db.transaction() as conn:
        await concerns.support(conn, concern.id, supporter.id, two.clock())
        await concerns.follow_support(conn, concern.id, supporter.id, True)
        await actions.add_priority(conn, meeting.id, concern.problem, two.clock())
        action = await actions.add(
            conn,
            NewAction(
                meeting_id=meeting.id,
                problem=concern.problem,
                what="Parkeercontroles",
                partner="gemeente",
                effect=3,
                feasibility=3,
                due_on=None,
                concern_ids=[concern.id],
            ),
            officer.id,
            two.clock(),
        )
    chat = Chat(two, 500, "Peeters")
    await chat.event_button_data(f"m:action_status:{action.id}_done")
    notices = told(chat)
    assert set(notices) == {901, 902}
    assert "Parkeeroverlast" in notices[901] and "Parkeercontroles" in notices[901]
    assert pseudo("Parkeeroverlast") in notices[902] and "Parkeercontroles" in notices[902]
    assert pseudo("uitgevoerd") in notices[902]
