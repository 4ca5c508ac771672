"""Wrong codes are counted per Telegram id, across invites and meeting codes, through /vergeet."""

from __future__ import annotations

from dialogs.engine.engine import Engine
from dialogs.people.guesses import ATTEMPTS, caller_of
from storage.people import Role
from tests.dialogs import buurtgesprek_seed as seed
from tests.dialogs.conftest import Chat, Clock

GUESSER = 666
TOO_MANY = "te veel ongeldige links of codes"


async def meeting_code(engine: Engine) -> str:
    officer = await seed.person(engine, 500, Role.OFFICER)
    return (await seed.meeting(engine, officer)).code


async def test_wrong_meeting_codes_count_by_link_and_by_command(engine: Engine) -> None:
    code = await meeting_code(engine)
    guesser = Chat(engine, GUESSER, "Rader")
    for attempt in range(ATTEMPTS - 1):
        await guesser.send(f"/start bg_gok{attempt}abcdefg")
        assert "Dit buurtgesprek ken ik niet" in guesser.text
    await guesser.send("/concern_new gokgokgokgok")  # typed, not through a link
    assert "Dit buurtgesprek ken ik niet" in guesser.text
    await guesser.send(f"/start bg_{code}")
    assert TOO_MANY in guesser.text and "Zaal De Kring" not in guesser.text
    await guesser.send(f"/concern_topics {code}")
    assert TOO_MANY in guesser.text


async def test_every_kind_of_wrong_link_counts_towards_one_limit(engine: Engine) -> None:
    code = await meeting_code(engine)
    guesser = Chat(engine, GUESSER, "Rader")
    for payload in ("gok1", "bg_gokgokgokgok", "xy_onbekend", "bg_", "gok2"):
        await guesser.send(f"/start {payload}")
        assert "ken ik niet" in guesser.text
    await guesser.send(f"/start bg_{code}")
    assert TOO_MANY in guesser.text
    # Someone else is not held back by the guesser.
    other = Chat(engine, 667, "Ander")
    await other.send(f"/start bg_{code}")
    assert "Zaal De Kring" in other.text


async def test_erasing_oneself_does_not_reset_the_count(engine: Engine, clock: Clock) -> None:
    code = await meeting_code(engine)
    guesser = Chat(engine, GUESSER, "Rader")
    for attempt in range(ATTEMPTS):
        await guesser.send(f"/start gok{attempt}")
    await guesser.send("/vergeet")
    await guesser.press("Ja, wis mijn gegevens")
    assert "gewist" in guesser.text
    await guesser.send(f"/start bg_{code}")  # a new person, the same Telegram id
    assert TOO_MANY in guesser.text
    clock.advance(hours=1, minutes=1)
    await guesser.send(f"/start bg_{code}")
    assert "Zaal De Kring" in guesser.text


async def test_the_count_holds_no_telegram_id(engine: Engine) -> None:
    guesser = Chat(engine, GUESSER, "Rader")
    await guesser.send("/start gok")
    async with engine.db.transaction() as conn:
        rows = list(await conn.execute_fetchall("SELECT * FROM start_attempts"))
    assert len(rows) == 1
    caller = rows[0][0]
    key = engine.zone.guess_key
    # A keyed hash, not the id: ("666" may well occur by chance among 32 hex digits, so the
    # test asks for the hash itself rather than for the digits' absence.)
    assert caller == caller_of(key, GUESSER) and len(caller) == 32 and caller != str(GUESSER)
    assert caller_of(key, GUESSER + 1) != caller != caller_of(b"another key", GUESSER)
