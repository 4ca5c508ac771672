"""A person's language: his Telegram's when the zone offers it, /taal at any time, stored and
shown in /mijngegevens; forms in it too, and what is said to someone else in his.

The zone offers Dutch and the pseudo-language (Dutch with accented vowels, see
tests/pseudo_locale.py), so a text shows which catalog it came from.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.runtime import open_runtime
from bot.settings import Settings
from dialogs.engine import events
from dialogs.engine.engine import Engine
from dialogs.engine.replies import CommandMenu, File
from storage import people
from storage.people import Role
from tests.dialogs.conftest import Chat, Clock
from tests.dialogs.sectorscan.test_scan_flow import make
from tests.pseudo_locale import pseudo


@pytest.fixture
async def two(tmp_path: Path, clock: Clock, pseudo_language: str) -> AsyncIterator[Engine]:
    """An engine whose zone offers Dutch first, then the pseudo-language."""
    settings = Settings(  # type: ignore[call-arg]
        database=tmp_path / "two.db", languages=("nl", pseudo_language), _env_file=None
    )
    runtime = await open_runtime(settings, clock)
    yield runtime.engine
    await runtime.close()


def chat(engine: Engine, telegram_id: int, language: str | None) -> Chat:
    person = Chat(engine, telegram_id, "Alex")
    person.sender = events.Sender(telegram_id, "Alex", language=language)
    return person


async def language_of(engine: Engine, telegram_id: int) -> str:
    async with engine.db.transaction() as conn:
        person = await people.by_telegram_id(conn, telegram_id)
    assert person is not None
    return person.language


async def test_a_newcomer_gets_his_telegrams_language_when_offered(
    two: Engine, pseudo_language: str
) -> None:
    offered = chat(two, 1, f"{pseudo_language}-AT")
    await offered.send("/start")
    assert pseudo("Welkom bij wijkbot") in offered.text
    assert await language_of(two, 1) == pseudo_language
    other = chat(two, 2, "fr")  # no French in this zone: the default
    await other.send("/start")
    assert "Welkom bij wijkbot" in other.text
    assert await language_of(two, 2) == "nl"


async def test_taal_names_each_language_in_itself_and_switches(
    two: Engine, pseudo_language: str
) -> None:
    person = chat(two, 3, "nl")
    await person.send("/taal")
    assert person.labels == ["✓ Nederlands", "Deutsch"]  # named in itself, never translated
    await person.press("Deutsch")
    assert pseudo("Vanaf nu spreek ik") in person.text and "Deutsch" in person.text
    assert await language_of(two, 3) == pseudo_language
    (menu,) = [r for r in person.replies if isinstance(r, CommandMenu)]
    assert dict(menu.commands)["taal"] == pseudo("Kies de taal waarin de bot je schrijft")
    # Everything after it speaks the new language, forms included.
    await person.send("/proef")
    assert pseudo("Hoe vaak voel je je onveilig in je buurt?") in person.text
    assert pseudo("Zelden") in person.labels
    await person.send("/taal nl")  # typed with its code, in the middle of the form
    assert "Vanaf nu spreek ik Nederlands met je" in person.text
    await person.send("/start")
    assert "Hoe vaak voel je je onveilig in je buurt?" in person.text  # the same step


async def test_mijngegevens_shows_the_language(two: Engine, pseudo_language: str) -> None:
    person = chat(two, 4, pseudo_language)
    await person.send("/taal nl")
    await person.send("/mijngegevens")
    assert "Taal: Nederlands" in person.text
    (file,) = [r for r in person.replies if isinstance(r, File)]
    stored = json.loads(file.content)["persoon"]["taal"]
    assert stored == {"id": "nl", "tekst": "Nederlands"}


async def test_one_language_offered_says_so(engine: Engine) -> None:
    person = chat(engine, 5, "fr")
    await person.send("/taal")
    assert "Deze bot spreekt alleen Nederlands" in person.text and person.labels == []
    await person.send("/taal fr")  # not offered: nothing changes
    assert await language_of(engine, 5) == "nl"


async def test_revoking_an_officer_tells_him_in_his_language(
    two: Engine, pseudo_language: str
) -> None:
    admin = await make(two, 10, Role.ADMIN, "Beheerder")
    officer = await make(two, 11, Role.OFFICER, "Inspecteur Claes")
    await officer.send(f"/taal {pseudo_language}")
    await admin.send("/beheer")
    await admin.press("Inspecteur Claes")
    await admin.press("Rol intrekken")
    await admin.press("Ja, intrekken")
    told = [r for r in admin.replies if getattr(r, "to", None) == 11]
    assert told, admin.replies
    message, menu = told
    assert isinstance(menu, CommandMenu)
    assert pseudo("wijkinspecteur") in getattr(message, "html", "")
    assert all(text == pseudo(text) for _, text in menu.commands)  # his menu, in his words
    assert "Inspecteur Claes" in admin.text  # the admin reads Dutch


async def test_a_sentence_names_the_language_as_that_language_writes_it(
    tmp_path: Path, clock: Clock
) -> None:
    settings = Settings(  # type: ignore[call-arg]
        database=tmp_path / "three.db", languages=("nl", "fr", "en"), _env_file=None
    )
    runtime = await open_runtime(settings, clock)
    try:
        person = chat(runtime.engine, 5, "nl")
        await person.send("/taal")
        assert person.labels == ["✓ Nederlands", "Français", "English"]  # a list: capitals
        await person.press("Français")
        assert "je vous parle en français." in person.text  # French writes it in lower case
        await person.send("/taal en")
        assert "From now on I will speak English with you" in person.text
        await person.send("/taal nl")
        assert "Vanaf nu spreek ik Nederlands met je" in person.text
    finally:
        await runtime.close()
