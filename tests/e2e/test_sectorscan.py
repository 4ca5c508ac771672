"""The sectorscan end to end over HTTP: network, invite, scans, comparison, access."""

from __future__ import annotations

import re
from datetime import timedelta

from storage import contacts, invites, people, scans
from storage.people import Role
from storage.scans import Trend
from tests.e2e.conftest import Person, RunningBot


async def officer_of(bot: RunningBot, telegram_id: int = 500, name: str = "Peeters") -> Person:
    assert bot.runtime is not None
    now = bot.clock()
    async with bot.runtime.db.transaction() as conn:
        _invite, token = await invites.create(
            conn,
            role=Role.OFFICER,
            now=now,
            expires_at=now + timedelta(days=14),
            name=f"Inspecteur {name}",
            area="Centrum",
        )
    officer = bot.person(telegram_id, name)
    await officer.send(f"/start {token}")
    return officer


async def add_contact(officer: Person, organisation: str) -> None:
    await officer.send("/contacten")
    await officer.press("➕ Contactpersoon toevoegen")
    for answer in ("An Janssens", organisation):
        await officer.send(answer)
    await officer.press("Winkelier")
    await officer.press("Centrum")  # the officer's own wijk, a button
    await officer.press("Overslaan")
    await officer.press("Overslaan")
    await officer.press("✅ Opslaan")
    assert "bewaard in je netwerk" in officer.text


async def answer_scan(
    person: Person,
    problems: list[str],
    compare: dict[str, str],
    remark: str = "Veel <b>lawaai</b> & vuil",
    *,
    send: bool = True,
) -> None:
    """Every step of the scan; the summary is sent unless `send` is False."""
    await person.press("Soms")
    await person.press("Slechter")
    await person.press("Niet buitengaan als het donker is")
    await person.press("Klaar")
    for problem in problems:
        await person.press(problem)
    await person.press("Klaar")
    for _ in problems:
        await person.press("Veel")  # the first row still without an answer
    await person.press("Klaar")
    if compare:
        assert "Bij het vorige bezoek" in person.text
        labels = person.labels
        assert [label for label in labels if label.startswith("▸")] == [
            "▸ " + problem for problem in compare
        ]
        for problem, answer in compare.items():
            rows = person.last.buttons
            heading = next(i for i, row in enumerate(rows) if row[0].label == "▸ " + problem)
            button = next(b for b in rows[heading + 1] if b.label == answer)
            assert button.data is not None
            await person.press_data(button.data)
        await person.press("Klaar")
    await person.press(problems[0])
    await person.press("5")
    await person.send(remark)
    await person.press("Ja")
    if send:
        await person.press("✅ Versturen")


async def test_contact_is_invited_and_scans_twice(bot: RunningBot) -> None:
    officer = await officer_of(bot)
    await add_contact(officer, "Bakkerij Janssens")
    await officer.send("/contacten")
    assert "In orde; laatste sectorscan: nog geen, volgende tegen 2 maart 2027" in officer.text
    await officer.press(next(label for label in officer.labels if "Bakkerij" in label))
    await officer.press("Uitnodigen")
    link = re.search(r"https://t\.me/wijkbot_test_bot\?start=([\w-]+)", officer.seen)
    assert link is not None
    assert officer.sim.bot_messages[-1].photo is not None  # the QR code to show on a phone

    contact = bot.person(777, "An")
    await contact.send(f"/start {link[1]}")
    assert "contactpersoon van Inspecteur Peeters, voor de wijk Centrum" in contact.text
    await contact.press("Sectorscan starten")
    await answer_scan(contact, ["Drugsoverlast", "Parkeeroverlast"], {})
    assert "Bedankt" in contact.text
    assert "Eerste sectorscan" in officer.text
    assert "Veel &lt;b&gt;lawaai&lt;/b&gt; &amp; vuil" in officer.last.html

    bot.clock.advance(days=365)
    await officer.send("/contacten")
    await officer.press(next(label for label in officer.labels if "Bakkerij" in label))
    await officer.press("Sectorscan klaarzetten")
    assert "heeft je jaarlijkse sectorscan klaargezet" in contact.text
    await contact.press("Sectorscan starten")
    await answer_scan(
        contact,
        ["Drugsoverlast", "Fietsdiefstal"],
        {"Parkeeroverlast": "Opgelost", "Drugsoverlast": "Verslechterd"},
    )
    summary = officer.text
    assert summary.index("Verslechterd: Drugsoverlast") < summary.index("Nieuw: Fietsdiefstal")
    assert summary.index("Nieuw") < summary.index("Opgelost: Parkeeroverlast")

    assert bot.runtime is not None
    async with bot.runtime.db.transaction() as conn:
        person = await people.by_telegram_id(conn, 777)
        assert person is not None
        contact_row = await contacts.by_person(conn, person.id)
        assert contact_row is not None
        latest = await scans.latest_for_contact(conn, contact_row.id)
    assert latest is not None and latest.trends == {
        "drugsoverlast": Trend.WORSE,
        "parkeeroverlast": Trend.SOLVED,
        "fietsdiefstal": Trend.NEW,
    }
    assert contact_row.last_visit == latest.visited_on


async def test_officer_scans_during_a_visit_and_others_see_nothing(bot: RunningBot) -> None:
    officer = await officer_of(bot)
    await add_contact(officer, "Café Sport")
    await officer.send("/scan")
    await officer.press("Café Sport – An Janssens")
    await answer_scan(officer, ["Overlast door horeca"], {})
    assert "ingevuld tijdens je bezoek" in officer.seen

    colleague = await officer_of(bot, 501, "Claes")
    await colleague.send("/contacten")
    assert "Café Sport" not in colleague.text
    await colleague.press_data("m:contact:1")
    assert "Dat kan ik voor jou niet doen" in colleague.text
    await colleague.press_data("m:scan_for:1")
    assert "Dat kan ik voor jou niet doen" in colleague.text

    resident = bot.person(900, "Bewoner")
    await resident.send("/contacten")
    assert "Dat kan ik voor jou niet doen" in resident.text


async def test_a_contact_cannot_reuse_an_officer_invite(bot: RunningBot) -> None:
    officer = await officer_of(bot)
    await add_contact(officer, "Bakkerij Janssens")
    await officer.press("Contactpersoon openen")
    await officer.press("Uitnodigen")
    token = re.search(r"start=([\w-]+)", officer.seen)
    assert token is not None
    contact = bot.person(777, "An")
    await contact.send(f"/start {token[1]}")
    await contact.send("/contacten")
    assert "Dat kan ik voor jou niet doen" in contact.text
    assert bot.runtime is not None
    now = bot.clock()
    async with bot.runtime.db.transaction() as conn:
        _invite, officer_token = await invites.create(
            conn, role=Role.OFFICER, now=now, expires_at=now + timedelta(days=1), name="X"
        )
    await contact.send(f"/start {officer_token}")
    assert "Je bent hier al contactpersoon" in contact.text
    async with bot.runtime.db.transaction() as conn:
        contact_person = await people.by_telegram_id(conn, 777)
    assert contact_person is not None and contact_person.role is Role.CONTACT
