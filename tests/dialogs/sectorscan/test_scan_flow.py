"""The sectorscan through the engine: contacts, invites, scans by contact and officer, and
the comparison with the previous scan."""

from __future__ import annotations

import re

import pytest

from dialogs.engine.engine import Engine
from dialogs.engine.replies import Message, Picture
from storage import contacts, people, scans
from storage.people import Role
from storage.scans import FilledBy, Trend
from tests.dialogs.conftest import Chat, Clock, plain


async def make(engine: Engine, telegram_id: int, role: Role, name: str) -> Chat:
    async with engine.db.transaction() as conn:
        await people.create(
            conn, telegram_id=telegram_id, name=name, role=role, now=engine.clock(), area="Centrum"
        )
    return Chat(engine, telegram_id, name)


@pytest.fixture
async def officer(engine: Engine) -> Chat:
    return await make(engine, 500, Role.OFFICER, "Inspecteur Peeters")


async def add_contact(officer: Chat, organisation: str = "Bakkerij <Ons> & Zn") -> int:
    await officer.send("/contacten")
    await officer.press("➕ Contactpersoon toevoegen")
    await officer.send("An Janssens")
    await officer.send(organisation)
    await officer.press("Winkelier")
    await officer.press("Centrum")  # the officer's own wijk, a button
    await officer.press("Overslaan")
    await officer.send("Kerkstraat 1")
    await officer.press("✅ Opslaan")
    assert "bewaard in je netwerk" in officer.text
    async with officer.engine.db.transaction() as conn:
        owner = await people.by_telegram_id(conn, 500)
        assert owner is not None
        listed = await contacts.list_for_officer(conn, owner.id)
    return listed[-1].id


async def invite_link_token(officer: Chat, contact_id: int) -> str:
    await officer.send("/contacten")
    await officer.press(next(label for label in officer.labels if "Bakkerij" in label))
    await officer.press("Uitnodigen")
    assert any(isinstance(r, Picture) and r.png.startswith(b"\x89PNG") for r in officer.replies)
    match = re.search(r"start=([A-Za-z0-9_-]+)", officer.text)
    assert match is not None
    return match[1]


async def walk_scan(
    chat: Chat,
    problems: list[str],
    compare: dict[str, str] | None = None,
    mark: str = "6",
    remark: str | None = None,
    evolution: str = "Gelijk gebleven",
    avoid: tuple[str, ...] = (),
) -> None:
    await chat.press("Soms")
    await chat.press(evolution)
    for option in avoid:
        await chat.press(option)
    await chat.press("Klaar")
    for problem in problems:
        await chat.press(problem)
    await chat.press("Klaar")
    for _ in problems:  # "Veel" on each problem's row; a chosen one shows as "✅ Veel"
        await chat.event_button(chat.labels.index("Veel"))
    await chat.press("Klaar")
    if compare is not None:
        assert "Bij het vorige bezoek" in chat.text
        for problem, answer in compare.items():
            row = chat.labels.index("▸ " + problem)
            options = chat.labels[row + 1 : row + 5]
            await chat.event_button(row + 1 + options.index(answer))
        await chat.press("Klaar")
    await chat.press(problems[0])  # tackle first
    await chat.press(mark)
    if remark is None:
        await chat.press("Overslaan")
    else:
        await chat.send(remark)
    await chat.press("Nee")
    assert "overzicht" in chat.text
    await chat.press("✅ Versturen")


async def test_contact_invited_answers_first_and_second_scan(
    engine: Engine, officer: Chat, clock: Clock
) -> None:
    contact_id = await add_contact(officer)
    token = await invite_link_token(officer, contact_id)
    contact = Chat(engine, 777, "An")
    await contact.send(f"/start {token}")
    assert "contactpersoon van Inspecteur Peeters, voor de wijk Centrum" in contact.text
    assert "Alleen je wijkinspecteur en de beheerders van de zone zien je antwoorden" in (
        contact.text
    )
    await contact.press("Sectorscan starten")
    assert "vraag 1 van 9" in contact.text
    await walk_scan(contact, ["Drugsoverlast", "Hondenpoep"])
    to_officer = [r for r in contact.replies if isinstance(r, Message) and r.to == 500]
    assert len(to_officer) == 1 and "Eerste sectorscan" in to_officer[0].html
    assert "Bakkerij &lt;Ons&gt; &amp; Zn" in to_officer[0].html

    await contact.send("/scan")
    assert "al ingevuld" in contact.text  # not due again for a year

    clock.advance(days=366)
    await contact.send("/scan")
    assert "vraag 1 van 10" in contact.text  # the comparison adds a screen to the first's 9
    await walk_scan(
        contact,
        ["Drugsoverlast", "Fietsdiefstal"],
        {"Drugsoverlast": "Verslechterd", "Hondenpoep": "Opgelost"},
        mark="4",
    )
    summary = next(r.html for r in contact.replies if isinstance(r, Message) and r.to == 500)
    worse, new, solved = (summary.index(k) for k in ("Verslechterd", "Nieuw", "Opgelost"))
    assert worse < new < solved
    assert "Rapportcijfer: <b>4</b> (vorige keer: 6)" in summary

    async with engine.db.transaction() as conn:
        latest = await scans.latest_for_contact(conn, contact_id)
    assert latest is not None and latest.filled_by is FilledBy.CONTACT
    assert latest.trends == {
        "drugsoverlast": Trend.WORSE,
        "hondenpoep": Trend.SOLVED,
        "fietsdiefstal": Trend.NEW,
    }
    assert latest.problems == {"drugsoverlast": "veel", "fietsdiefstal": "veel"}


async def test_officer_led_scan_during_a_visit(engine: Engine, officer: Chat) -> None:
    contact_id = await add_contact(officer, "Basisschool De Linde")
    await officer.send("/scan")
    await officer.press("Basisschool De Linde – An Janssens")
    assert "Vul de antwoorden van de contactpersoon in" in officer.text
    await walk_scan(officer, ["Te snel rijden"])
    assert "ingevuld tijdens je bezoek" in officer.text
    async with engine.db.transaction() as conn:
        scan = await scans.latest_for_contact(conn, contact_id)
        contact = await contacts.get(conn, contact_id)
    assert scan is not None and scan.filled_by is FilledBy.OFFICER
    assert contact is not None and contact.last_visit == scan.visited_on


async def test_the_officer_is_thanked_as_the_officer(engine: Engine, officer: Chat) -> None:
    await add_contact(officer, "Basisschool De Linde")
    await officer.send("/scan")
    await officer.press("Basisschool De Linde – An Janssens")
    await walk_scan(officer, ["Te snel rijden"])
    assert "Bewaard, bedankt" in officer.text
    assert "Verstuurd" not in officer.text and "Je wijkinspecteur krijgt" not in officer.text


async def test_a_paused_scan_of_a_handed_over_contact_is_not_stored(
    engine: Engine, officer: Chat
) -> None:
    contact_id = await add_contact(officer, "Basisschool De Linde")
    admin = await make(engine, 100, Role.ADMIN, "Teamchef")
    await make(engine, 501, Role.OFFICER, "Inspecteur Claes")
    await officer.send("/scan")
    await officer.press("Basisschool De Linde – An Janssens")
    await officer.press("Stoppen")
    await officer.press("Ja, stoppen")
    await admin.send("/beheer")
    await admin.press("Inspecteur Peeters")
    await admin.press("Contactpersonen overdragen")
    await admin.press("Inspecteur Claes")
    await admin.press("Ja, overdragen")
    await officer.send("/start")
    await officer.press("Verdergaan")
    await walk_scan(officer, ["Te snel rijden"])
    assert "niet bewaard" in officer.text and "niet meer jouw contactpersoon" in officer.text
    assert "Verstuurd" not in officer.text and "Dat kan ik voor jou niet doen" not in officer.text
    async with engine.db.transaction() as conn:
        assert await scans.latest_for_contact(conn, contact_id) is None
    await officer.send("/start")
    assert "Je was nog bezig" not in officer.text  # nothing half-done is kept


async def test_nobody_sees_what_is_not_theirs(engine: Engine, officer: Chat) -> None:
    contact_id = await add_contact(officer)
    other = await make(engine, 501, Role.OFFICER, "Inspecteur Claes")
    await other.send("/contacten")
    assert "Bakkerij" not in other.text
    for command in ("contact", "contact_edit", "contact_invite", "scan_for", "scan_send"):
        for arg in (str(contact_id), "999"):
            await other.event_button_data(f"m:{command}:{arg}")
            assert "Dat kan ik voor jou niet doen" in other.text
    resident = Chat(engine, 900, "Bewoner")
    await resident.send("/contacten")
    assert "Dat kan ik voor jou niet doen" in resident.text
    await resident.send("/scan")
    assert "Dat kan ik voor jou niet doen" in resident.text


async def test_an_invite_works_once(engine: Engine, officer: Chat) -> None:
    contact_id = await add_contact(officer)
    token = await invite_link_token(officer, contact_id)
    first, second = Chat(engine, 777, "An"), Chat(engine, 778, "Iemand anders")
    await first.send(f"/start {token}")
    await second.send(f"/start {token}")
    assert "al gebruikt" in second.text
    await first.send(f"/start {token}")
    assert "al gebruikt" in first.text


async def test_a_stopped_scan_is_offered_again_and_discarded_after_thirty_days(
    engine: Engine, officer: Chat, clock: Clock
) -> None:
    contact_id = await add_contact(officer)
    token = await invite_link_token(officer, contact_id)
    contact = Chat(engine, 777, "An")
    await contact.send(f"/start {token}")
    await contact.press("Sectorscan starten")
    await contact.press("Vaak")
    await contact.press("Stoppen")
    await contact.press("Ja, stoppen")
    clock.advance(days=10)
    await contact.send("/start")
    assert "Je was nog bezig: Sectorscan." in contact.text
    await contact.press("Verdergaan")
    assert "beter of slechter" in contact.text  # the second question: the first was kept
    await contact.press("Stoppen")
    await contact.press("Ja, stoppen")
    clock.advance(days=31)
    await contact.send("/scan")
    expired = "Sectorscan: je begon eraan op 12 maart 2026, maar na 30 dagen zonder antwoord"
    assert expired in contact.text
    assert "vraag 1 van 9" in contact.text  # and a fresh scan starts, as it is still due


async def test_the_count_holds_while_problems_are_ticked_and_drops_without_any(
    engine: Engine, officer: Chat
) -> None:
    contact = Chat(engine, 777, "An")
    await contact.send(f"/start {await invite_link_token(officer, await add_contact(officer))}")
    await contact.press("Sectorscan starten")
    assert "vraag 1 van 9" in contact.text
    await contact.press("Soms")
    await contact.press("Gelijk gebleven")
    await contact.press("Klaar")
    assert "vraag 4 van 9" in contact.text
    await contact.press("Drugsoverlast")
    assert "vraag 4 van 9" in contact.text  # ticking changes no count
    await contact.press("✅ Drugsoverlast")
    assert "vraag 4 van 9" in contact.text  # nor does unticking: Klaar decides
    await contact.press("Klaar")  # no problems: nothing to weigh, nothing to tackle first
    assert "vraag 5 van 7" in contact.text and "rapportcijfer" in contact.text


async def test_a_contact_added_yesterday_is_not_overdue(
    engine: Engine, officer: Chat, clock: Clock
) -> None:
    await add_contact(officer, "Apotheek Centrum")
    clock.advance(days=1)
    await officer.send("/contacten")
    assert "In orde; laatste sectorscan: nog geen, volgende tegen 2 maart 2027" in officer.text
    assert "te laat" not in officer.text
    await officer.send("/bezoeken")
    assert "Geen bezoeken nodig" in officer.text
    clock.advance(days=340)  # within a month of the year: due soon
    await officer.send("/contacten")
    assert "Bezoek nodig tegen 2 maart 2027" in officer.text


async def test_the_officer_reads_the_last_scan_again_from_the_card(
    engine: Engine, officer: Chat, clock: Clock
) -> None:
    await add_contact(officer, "Basisschool De Linde")

    async def card() -> None:
        await officer.send("/contacten")
        await officer.press(next(label for label in officer.labels if "De Linde" in label))

    await card()
    assert "Laatste sectorscan lezen" not in officer.labels  # nothing to read yet
    await officer.press("Sectorscan afnemen (tijdens bezoek)")
    await walk_scan(officer, ["Te snel rijden"])
    assert "Evolutie het voorbije jaar: Gelijk gebleven" in officer.text
    assert "Vermijden: geen" in officer.text

    clock.advance(days=370)
    await card()
    await officer.press("Sectorscan afnemen (tijdens bezoek)")
    await walk_scan(
        officer,
        ["Drugsoverlast"],
        {"Te snel rijden": "Opgelost"},
        evolution="Slechter",
        avoid=("Niet buitengaan als het donker is", "Drukke evenementen mijden"),
    )
    received = summary_of(officer)
    assert "Evolutie het voorbije jaar: Slechter (vorige keer: Gelijk gebleven)" in received
    assert "Vermijden: Niet buitengaan als het donker is, Drukke evenementen mijden" in received

    await card()
    await officer.press("Laatste sectorscan lezen")
    assert summary_of(officer) == received  # the same summary as when it came in
    assert "Opgelost: Te snel rijden" in officer.text
    assert "« Terug naar de contactpersoon" in officer.labels


def summary_of(chat: Chat) -> str:
    return next(
        plain(r.html) for r in chat.replies if isinstance(r, Message) and "Sectorscan:" in r.html
    )


async def test_a_problem_called_worse_or_unchanged_is_a_problem_now(
    engine: Engine, officer: Chat, clock: Clock
) -> None:
    contact_id = await add_contact(officer, "Basisschool De Linde")
    await officer.send("/scan")
    await officer.press("Basisschool De Linde – An Janssens")
    await walk_scan(officer, ["Drugsoverlast", "Hondenpoep", "Graffiti en bekladding"])
    clock.advance(days=370)
    await officer.send("/scan")
    await officer.press("Basisschool De Linde – An Janssens")
    await walk_scan(
        officer,
        ["Fietsdiefstal"],  # the earlier problems not ticked again
        {
            "Drugsoverlast": "Verslechterd",
            "Hondenpoep": "Onveranderd",
            "Graffiti en bekladding": "Opgelost",
        },
    )
    async with engine.db.transaction() as conn:
        latest = await scans.latest_for_contact(conn, contact_id)
    assert latest is not None
    assert latest.problems == {"fietsdiefstal": "veel", "drugsoverlast": None, "hondenpoep": None}
    assert "Problemen nu: Fietsdiefstal (Veel), Drugsoverlast, Hondenpoep" in summary_of(officer)


async def test_the_comparison_says_that_worse_or_unchanged_counts_as_a_problem_now(
    engine: Engine, officer: Chat, clock: Clock
) -> None:
    await add_contact(officer, "Basisschool De Linde")
    await officer.send("/scan")
    await officer.press("Basisschool De Linde – An Janssens")
    await walk_scan(officer, ["Drugsoverlast"])
    clock.advance(days=370)
    await officer.send("/scan")
    await officer.press("Basisschool De Linde – An Janssens")
    for label in ("Soms", "Gelijk gebleven", "Klaar", "Klaar"):
        await officer.press(label)
    assert "Bij het vorige bezoek" in officer.text
    assert "telt mee als een probleem van nu" in officer.text
