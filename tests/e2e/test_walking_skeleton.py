"""The walking skeleton end to end: welcome, help by role, invites, the demo form with a
restart in the middle, stale buttons, long and HTML-like text."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage import form_responses, invites, people
from storage.people import Role
from tests.e2e.conftest import INTERVENTIE, RunningBot


async def make_invite(bot: RunningBot, role: Role, days: int = 14, area: str = "Centrum") -> str:
    assert bot.runtime is not None
    now = bot.clock()
    async with bot.runtime.db.transaction() as conn:
        _invite, token = await invites.create(
            conn,
            role=role,
            now=now,
            expires_at=now + timedelta(days=days),
            name="Inspecteur Peeters",
            area=area,
        )
    return token


async def role_of(bot: RunningBot, telegram_id: int) -> Role | None:
    assert bot.runtime is not None
    async with bot.runtime.db.transaction() as conn:
        person = await people.by_telegram_id(conn, telegram_id)
    return person.role if person else None


async def test_a_new_person_is_welcomed(bot: RunningBot) -> None:
    jan = bot.person(1001, "Jan")
    await jan.send("/start")
    assert "Welkom bij wijkbot, Jan" in jan.seen
    assert "Dringend politie nodig? Bel 101 (of 112)." in jan.seen
    assert "/privacy" in jan.seen
    await jan.send("/privacy")
    assert "Hoe lang" in jan.text and "Telegram bewaart zelf" in jan.text
    assert await role_of(bot, 1001) is Role.RESIDENT


async def test_the_command_menu_is_registered_in_dutch(bot: RunningBot) -> None:
    default = bot.standin.commands[next(k for k in bot.standin.commands if "default" in k[0])]
    names = [c["command"] for c in default]
    assert names[:2] == ["start", "help"] and "contacten" not in names
    assert all(c["description"] for c in default)


async def test_help_differs_by_role_and_an_invite_makes_an_officer(bot: RunningBot) -> None:
    resident = bot.person(1001, "Jan")
    await resident.send("/help")
    assert "/contacten" not in resident.text and "/proef" in resident.text

    token = await make_invite(bot, Role.OFFICER)
    officer = bot.person(2002, "Piet")
    await officer.send(f"/start {token}")
    assert "Je bent nu wijkinspecteur van de wijk Centrum." in officer.text
    assert await role_of(bot, 2002) is Role.OFFICER
    await officer.send("/help")
    assert "/contacten" in officer.text and "wijkinspecteur" in officer.text
    scoped = [k for k in bot.standin.commands if "2002" in k[0]]
    assert scoped, bot.standin.commands.keys()
    assert "contacten" in [c["command"] for c in bot.standin.commands[scoped[0]]]

    # The same invite a second time, by someone else: refused, nothing changes.
    other = bot.person(3003, "Mia")
    await other.send(f"/start {token}")
    assert "al gebruikt" in other.text
    assert await role_of(bot, 3003) is Role.RESIDENT


async def test_an_expired_or_unknown_invite_is_refused(bot: RunningBot) -> None:
    token = await make_invite(bot, Role.ADMIN, days=1)
    bot.clock.advance(days=2)
    late = bot.person(4004, "Laat")
    await late.send(f"/start {token}")
    assert "verlopen" in late.text
    await late.send("/start onbekend-token")
    assert "ken ik niet" in late.text
    assert await role_of(bot, 4004) is Role.RESIDENT


async def test_demo_form_survives_a_restart_and_shows_text_intact(bot: RunningBot) -> None:
    jan = bot.person(1001, "Jan")
    await jan.send("/help")
    await jan.press("Proefvragenlijst starten")
    assert "vraag 1 van 8" in jan.text
    question = jan.last.message_id
    await jan.press("Soms")
    assert jan.last.message_id == question  # answered in place: the question was edited
    assert "Waar voel je je" in jan.text
    await jan.send("Kerkstraat")
    await jan.press("Te snel rijden")
    await jan.press("Klaar")

    await bot.restart()

    await jan.press("7")  # a button shown before the restart still answers its question
    assert "Hoeveel jaar" in jan.text
    await jan.send("12")
    await jan.press("Overslaan")  # no photo
    await jan.send("x" * 5000)
    assert "te lang" in jan.text and "5.000" in jan.text
    await jan.send("<b>&</b>")
    await jan.press("Ja")
    assert "<b>&</b>" in jan.text  # shown back as typed, not as markup
    await jan.press("✅ Versturen")
    assert "Bedankt" in jan.text

    assert bot.runtime is not None
    async with bot.runtime.db.transaction() as conn:
        person = await people.by_telegram_id(conn, 1001)
        assert person is not None
        [response] = await form_responses.list_for_person(conn, person.id)
    assert response.answers == {
        "gevoel": "soms",
        "waar": {"place": "Kerkstraat"},
        "problemen": ["te_snel_rijden"],
        "rapport": 7,
        "jaren": 12,
        "foto": None,
        "opmerking": "<b>&</b>",
        "bellen": True,
    }


async def test_a_button_from_an_old_message_is_answered_politely(bot: RunningBot) -> None:
    jan = bot.person(1001, "Jan")
    await jan.send("/proef")
    first = jan.last.message_id
    await jan.press("Nooit")
    await jan.send("/proef")  # a second form message; the first one's buttons are old now
    await jan.press("Verdergaan")
    await jan.sim.press("Te snel rijden", message_id=first)
    await bot.settle()
    assert "al voorbij" in jan.seen
    answers = [c for c in bot.standin.calls("answerCallbackQuery") if c.get("text")]
    assert any("niet meer geldig" in c["text"] for c in answers)
    await jan.press_data("vervalst:x:1", first)
    assert "niet meer geldig" in bot.standin.calls("answerCallbackQuery")[-1].get("text", "")


async def test_odd_messages_get_a_clear_answer(bot: RunningBot) -> None:
    jan = bot.person(1001, "Jan")
    await jan.send("/onbekend")
    assert "ken ik niet" in jan.text
    await jan.sim.send_sticker()
    await bot.settle()
    assert "kan ik niet verwerken" in jan.text
    await jan.sim.send_voice()
    await bot.settle()
    assert "kan ik niet verwerken" in jan.text
    await jan.send("Er wordt nu ingebroken bij de buren!")
    emergency = [m for m in jan.sim.bot_messages if "Is er nu iets aan de hand?" in m.text]
    assert len(emergency) == 1 and "<b>101</b>" in emergency[0].html


async def test_stop_asks_first(bot: RunningBot) -> None:
    jan = bot.person(1001, "Jan")
    await jan.send("/stop")
    assert "geen vragenlijst" in jan.text
    await jan.send("/proef")
    await jan.send("/stop")
    assert "wil je stoppen?" in jan.text
    await jan.press("Ja, stoppen")
    assert "bewaard" in jan.text


async def test_groups_get_no_personal_data_and_others_are_ignored(bot: RunningBot) -> None:
    served = bot.standin.group(INTERVENTIE, "Interventie")
    other = bot.standin.group(-100999, "Buurtgroep")
    jan = bot.person(1001, "Jan")
    for group in (served, other):
        await group.send(jan.sim, "/start")
        await group.send(jan.sim, "/help@wijkbot_test_bot")
    await bot.settle()
    said = [m.text for m in bot.standin.chats[INTERVENTIE].messages if m.from_bot]
    assert len(said) == 2 and all("privégesprek" in text for text in said)
    assert not [m for m in bot.standin.chats[-100999].messages if m.from_bot]
    assert jan.sim.bot_messages == []  # nothing about Jan went to his private chat either


async def test_an_error_is_told_and_loses_no_answer(
    bot: RunningBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    jan = bot.person(1001, "Jan")
    await jan.send("/proef")
    await jan.press("Soms")
    assert bot.runtime is not None

    async def broken(_turn: object, _args: str) -> None:
        raise RuntimeError("boom")

    monkeypatch.setitem(bot.runtime.engine.commands, "help", broken)
    await jan.send("/help")
    assert "er ging iets mis" in jan.text
    monkeypatch.undo()
    await jan.send("Markt")  # the location question asked before the error
    assert "Welke problemen" in jan.text
