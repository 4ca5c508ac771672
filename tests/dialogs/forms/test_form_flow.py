"""The form runner through the engine: every question type, skip, condition, back, stop,
the summary with changes, and resuming on a new engine over the same database."""

from __future__ import annotations

from typing import Any

from bot.runtime import open_runtime
from bot.settings import Settings
from dialogs.engine import events
from dialogs.engine.engine import Engine
from storage import dialog_states, form_responses, people
from storage.dialog_states import DialogState
from tests.dialogs.conftest import Chat, Clock


async def answers_of(engine: Engine, telegram_id: int = 1001) -> dict[str, Any]:
    async with engine.db.transaction() as conn:
        person = await people.by_telegram_id(conn, telegram_id)
        assert person is not None
        responses = await form_responses.list_for_person(conn, person.id)
    assert len(responses) == 1
    return responses[0].answers


async def state_of(engine: Engine, telegram_id: int = 1001) -> DialogState | None:
    async with engine.db.transaction() as conn:
        person = await people.by_telegram_id(conn, telegram_id)
        assert person is not None
        return await dialog_states.get(conn, person.id)


async def saved_state(engine: Engine, telegram_id: int = 1001) -> DialogState:
    """The state of a form the person is in; the test expects one."""
    state = await state_of(engine, telegram_id)
    assert state is not None
    return state


async def walk_to_summary(chat: Chat) -> None:
    await chat.send("/proef")
    assert "vraag 1 van 8" in chat.text  # the location question may still come
    await chat.press("Vaak")
    assert "vraag 2 van 8" in chat.text and "Waar voel je je" in chat.text
    await chat.event(events.Location(51.05, 3.72))
    await chat.press("Te snel rijden")
    await chat.press("✅ Te snel rijden")  # toggled off again
    await chat.press("Vandalisme")
    await chat.press("Klaar")
    assert "rapportcijfer" in chat.text
    await chat.press("7")
    await chat.send("12")
    await chat.event(events.Photo("photo-1"))
    await chat.send("<b>&</b> aan de kerk")
    await chat.press("Ja")
    assert "overzicht" in chat.text


async def test_every_question_type_is_answered_and_stored(chat: Chat, engine: Engine) -> None:
    await walk_to_summary(chat)
    assert "<b>&</b> aan de kerk" in chat.text  # shown back intact, as text
    await chat.press("✅ Versturen")
    assert "Bedankt" in chat.text
    assert await answers_of(engine) == {
        "gevoel": "vaak",
        "waar": {"latitude": 51.05, "longitude": 3.72},
        "problemen": ["vandalisme"],
        "rapport": 7,
        "jaren": 12,
        "foto": "photo-1",
        "opmerking": "<b>&</b> aan de kerk",
        "bellen": True,
    }
    assert await state_of(engine) is None


async def test_the_count_never_grows_as_a_question_turns_away(chat: Chat) -> None:
    await chat.send("/proef")
    assert "vraag 1 van 8" in chat.text
    await chat.press("Nooit")  # the location question no longer applies: one fewer
    assert "vraag 2 van 7" in chat.text and "Welke problemen" in chat.text
    await chat.press("Te snel rijden")  # ticks on the current question change no count
    assert "vraag 2 van 7" in chat.text
    await chat.press("Klaar")
    assert "vraag 3 van 7" in chat.text and "rapportcijfer" in chat.text
    await chat.press("« Terug")
    await chat.press("« Terug")
    await chat.press("Vaak")  # a changed answer brings it back
    assert "vraag 2 van 8" in chat.text and "Waar voel je je" in chat.text


async def test_condition_hides_a_question_and_its_answer(chat: Chat, engine: Engine) -> None:
    await walk_to_summary(chat)
    await chat.press("Wijzig: Onveiligheidsgevoel")
    await chat.press("Nooit")
    assert "overzicht" in chat.text and "Plaats" not in chat.text
    await chat.press("✅ Versturen")
    assert "waar" not in await answers_of(engine)


async def test_skip_and_back(chat: Chat, engine: Engine) -> None:
    await chat.send("/proef")
    await chat.press("Nooit")
    assert "Buurtproblemen" not in chat.labels and "Overslaan" in chat.labels
    await chat.press("Overslaan")
    assert "rapportcijfer" in chat.text
    await chat.press("« Terug")
    assert "Welke problemen" in chat.text
    await chat.press("« Terug")
    assert "Hoe vaak" in chat.text
    assert "« Terug" not in chat.labels  # nothing before the first question


async def test_required_questions_cannot_be_skipped(chat: Chat) -> None:
    await chat.send("/proef")
    assert "Overslaan" not in chat.labels
    await chat.send("soms")  # typed where a button is expected
    assert "knoppen" in chat.text
    await chat.press("Soms")
    await chat.press("Overslaan")
    await chat.press("Klaar")  # optional multi may be left empty
    await chat.press("5")
    await chat.send("veel")
    assert "getal" in chat.text
    await chat.send("200")
    assert "van 0 tot 120" in chat.text
    await chat.send("3,5")
    assert "foto" in chat.text.lower()


async def test_text_over_the_limit_is_refused_and_nothing_is_lost(
    chat: Chat, engine: Engine
) -> None:
    await walk_to_summary(chat)
    await chat.press("Wijzig: Opmerking")
    before = (await saved_state(engine)).data["answers"]["opmerking"]
    await chat.send("x" * 5000)
    assert "te lang" in chat.text and "5.000" in chat.text
    assert (await saved_state(engine)).data["answers"]["opmerking"] == before


async def test_the_limit_counts_characters_as_the_person_sees_them(
    chat: Chat, engine: Engine
) -> None:
    await walk_to_summary(chat)
    await chat.press("Wijzig: Opmerking")
    await chat.send("👍🏽" * 1001)
    assert "te lang: 1.001 tekens, hoogstens 1.000" in chat.text  # as the prompt writes it
    await chat.send("e\u0301" * 1000)
    assert "te lang" not in chat.text
    await chat.press("Wijzig: Opmerking")
    await chat.send("👍🏽" * 505)
    assert "te lang" not in chat.text
    assert (await saved_state(engine)).data["answers"]["opmerking"] == "👍🏽" * 505


async def test_stop_keeps_answers_and_start_offers_to_continue(chat: Chat, engine: Engine) -> None:
    await chat.send("/proef")
    await chat.press("Zelden")
    await chat.send("/stop")
    assert "Proefvragenlijst: wil je stoppen?" in chat.text
    await chat.press("Nee, verder")
    assert "Welke problemen" in chat.text
    await chat.press("Stoppen")
    await chat.press("Ja, stoppen")
    assert "bewaard" in chat.text
    await chat.send("hallo")  # no form waits for an answer now
    assert "/help" in chat.text
    await chat.send("/start")
    assert "verdergaan" in chat.text.lower()
    await chat.press("Verdergaan")
    assert "Welke problemen" in chat.text
    assert (await saved_state(engine)).data["answers"] == {"gevoel": "zelden"}


async def test_start_over_and_discard(chat: Chat, engine: Engine) -> None:
    await chat.send("/proef")
    await chat.press("Zelden")
    await chat.send("/proef")
    await chat.press("Opnieuw beginnen")
    assert "vraag 1 van" in chat.text
    assert (await saved_state(engine)).data["answers"] == {}
    await chat.send("/proef")
    await chat.press("Wissen")
    assert "gewist" in chat.text
    assert await state_of(engine) is None


async def test_resume_on_a_new_engine_after_a_restart(settings: Settings, clock: Clock) -> None:
    first = await open_runtime(settings, clock)
    chat = Chat(first.engine)
    await chat.send("/proef")
    await chat.press("Altijd")
    await first.close()

    second = await open_runtime(settings, clock)
    try:
        chat.engine = second.engine
        await chat.send("Kerkstraat")  # answers the location question asked before the restart
        assert "Welke problemen" in chat.text
        state = await saved_state(second.engine)
        assert state.data["answers"] == {"gevoel": "altijd", "waar": {"place": "Kerkstraat"}}
    finally:
        await second.close()


async def test_old_and_forged_buttons_change_nothing(chat: Chat, engine: Engine) -> None:
    await chat.send("/proef")
    old = chat.data_of("Nooit")
    await chat.press("Vaak")
    state = await saved_state(engine)
    for data in (old, "forged:a:1", "x" * 64, "", "ÿ:a:1", state.token + ":a:99"):
        await chat.event(events.Button(data))
        assert "niet meer geldig" in chat.text or "Waar voel je je" in chat.text
        after = await saved_state(engine)
        assert after.step == state.step and after.data == state.data


async def test_summary_change_returns_to_summary(chat: Chat, engine: Engine) -> None:
    await walk_to_summary(chat)
    await chat.press("Wijzig: Rapportcijfer")
    await chat.press("9")
    assert "overzicht" in chat.text and "Rapportcijfer: 9" in chat.text
    await chat.press("✅ Versturen")
    assert (await answers_of(engine))["rapport"] == 9


async def test_unsupported_input_in_a_form_gets_a_clear_answer(chat: Chat) -> None:
    await chat.send("/proef")
    await chat.press("Soms")
    await chat.event(events.Unsupported("sticker"))
    assert "locatie" in chat.text.lower()
    await chat.event(events.Edited())
    assert "aangepast" in chat.text
