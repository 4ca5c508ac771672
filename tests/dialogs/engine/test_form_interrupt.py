"""Another command while a form is open: keep the form for later or stop it, then the command.

Nothing is thrown away without a word: a kept form waits behind the new one and comes back
when that one ends; commands that belong to the form (or start the same one) do not ask.
"""

from __future__ import annotations

import pytest

from dialogs.engine import access
from dialogs.engine.access import EVERYONE, CommandRule
from dialogs.engine.engine import Engine
from dialogs.engine.turn import Turn
from storage import dialog_states, form_responses, people
from storage.people import Role
from tests.dialogs.conftest import Chat, Clock
from tests.dialogs.sectorscan.test_scan_flow import add_contact, make


@pytest.fixture
async def officer(engine: Engine) -> Chat:
    return await make(engine, 500, Role.OFFICER, "Inspecteur Peeters")


async def flows_of(engine: Engine, telegram_id: int) -> tuple[str | None, list[str]]:
    """The current dialog's flow and the flows waiting behind it, as stored."""
    async with engine.db.transaction() as conn:
        person = await people.by_telegram_id(conn, telegram_id)
        assert person is not None
        state = await dialog_states.get(conn, person.id)
    if state is None:
        return None, []
    return state.flow, [w["flow"] for w in state.data.get("waiting", [])]


async def scan_halfway(officer: Chat) -> None:
    """The walk of the issue: a scan begun, stopped, continued from /start."""
    await add_contact(officer, "Basisschool De Linde")
    await officer.send("/scan")
    await officer.press("Basisschool De Linde – An Janssens")
    await officer.press("Vaak")
    await officer.press("Stoppen")
    await officer.press("Ja, stoppen")
    await officer.send("/start")
    await officer.press("Verdergaan")
    assert "beter of slechter" in officer.text


async def test_a_new_form_asks_and_the_kept_one_comes_back_with_its_answers(
    engine: Engine, officer: Chat
) -> None:
    await scan_halfway(officer)
    await officer.send("/buurtgesprek")
    await officer.press("➕ Buurtgesprek plannen")
    assert "Sectorscan: je bent er nog mee bezig. Wil je dit bewaren" in officer.text
    assert await flows_of(engine, 500) == ("sectorscan", [])  # nothing replaced yet
    await officer.press("Bewaren, later verdergaan")
    assert "Sectorscan: bewaard voor later" in officer.text  # not "gestopt": it was kept
    assert "Wat voor buurtgesprek" in officer.text  # then the command runs
    assert await flows_of(engine, 500) == ("meeting_plan", ["sectorscan"])

    await officer.press("Stoppen")
    await officer.press("Ja, stoppen")
    assert "Sectorscan wacht nog op je" in officer.text
    await officer.send("/start")
    assert "Je was nog bezig: Sectorscan" in officer.text
    await officer.press("Verdergaan")
    assert "beter of slechter" in officer.text  # where it was, the first answer kept
    await officer.press("« Terug")
    assert "Hoe vaak voel je je onveilig" in officer.text


async def test_stopping_the_form_drops_it_and_runs_the_command(
    engine: Engine, officer: Chat
) -> None:
    await scan_halfway(officer)
    await officer.send("/proef")
    await officer.press("Stoppen, niet bewaren")
    assert "niets bewaard" in officer.text and "Proefvragenlijst" in officer.text
    assert await flows_of(engine, 500) == ("proef", [])


async def test_back_to_the_form_runs_nothing(engine: Engine, officer: Chat) -> None:
    await scan_halfway(officer)
    await officer.send("/proef")
    await officer.press("« Terug naar de vragen")
    assert "beter of slechter" in officer.text
    assert await flows_of(engine, 500) == ("sectorscan", [])
    await officer.press("Beter")  # and the form goes on
    assert "Doe je een van deze dingen" in officer.text


async def test_commands_of_the_same_form_and_lookups_do_not_ask(
    engine: Engine, officer: Chat
) -> None:
    await scan_halfway(officer)
    for command in ("/help", "/contacten", "/privacy"):
        await officer.send(command)
        assert "nog bezig met" not in officer.text
    await officer.send("/scan")  # the same form: offered to continue, not asked about
    assert "nog bezig met" not in officer.text
    assert "Je was nog bezig: Sectorscan" in officer.text
    await officer.send("/contacten")  # and the same scan from the contact's card
    await officer.press(next(label for label in officer.labels if "De Linde" in label))
    await officer.press("Sectorscan afnemen (tijdens bezoek)")
    assert "nog bezig met" not in officer.text
    assert "Je was nog bezig: Sectorscan" in officer.text
    await officer.press("Verdergaan")
    assert "beter of slechter" in officer.text
    await officer.send("/stop")
    assert "wil je stoppen" in officer.text


async def test_a_form_kept_with_stop_waits_without_asking(engine: Engine, officer: Chat) -> None:
    await officer.send("/proef")
    await officer.press("Vaak")
    await officer.press("Stoppen")
    await officer.press("Ja, stoppen")
    await officer.send("/contacten")
    await officer.press("➕ Contactpersoon toevoegen")
    assert "nog bezig met" not in officer.text  # it was kept already
    assert await flows_of(engine, 500) == ("contact_add", ["proef"])


async def test_what_the_command_did_before_asking_is_undone(
    engine: Engine, officer: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def probe(turn: Turn, _args: str) -> None:
        await form_responses.add(
            turn.conn,
            person_id=turn.person.id,
            form="probe",
            form_version=1,
            answers={},
            now=turn.now,
        )
        turn.begin("proef", "gevoel", {"answers": {}, "trail": [], "context": {}})

    monkeypatch.setitem(access.COMMANDS, "probe", CommandRule(EVERYONE))
    engine.add_command("probe", probe)

    async def stored() -> int:
        async with engine.db.transaction() as conn:
            return len(await form_responses.list_for_person(conn, 1))

    await officer.send("/contacten")
    await officer.press("➕ Contactpersoon toevoegen")
    await officer.send("/probe")
    assert "Contactpersoon: je bent er nog mee bezig" in officer.text
    assert await stored() == 0
    await officer.press("Bewaren, later verdergaan")
    assert await stored() == 1


async def test_a_kept_form_goes_after_thirty_days_untouched(
    engine: Engine, officer: Chat, clock: Clock
) -> None:
    await scan_halfway(officer)
    await officer.send("/proef")
    await officer.press("Bewaren, later verdergaan")
    clock.advance(days=31)
    await officer.send("/start")
    assert "Proefvragenlijst" in officer.text and "Sectorscan" in officer.text
    assert "gewist" in officer.text
    assert await flows_of(engine, 500) == (None, [])


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_every_flow_title_can_open_a_sentence(engine: Engine, language: str) -> None:
    """The shared texts put a flow's title first ("Nieuw BIN-bericht: gestopt."), so every
    title starts with a capital, as a heading would, in every language."""
    texts = engine.texts(language)
    titles = {name: flow.title(texts) for name, flow in engine.flows.items()}
    assert {"bin_alert", "visit_date", "proef"} <= set(titles)
    assert [(name, t) for name, t in titles.items() if t[:1] != t[:1].upper()] == []
