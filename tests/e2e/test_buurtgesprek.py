"""The buurtgesprek end to end over HTTP: plan, link and flyer, concerns and supports, the
agenda as message and CSV, the closed link, the day-before reminder across a restart, and
verantwoording to exactly the residents who asked for it."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

from PIL import Image

from bot import meeting_jobs
from storage import concerns, meetings
from tests.e2e.conftest import Person, RunningBot
from tests.e2e.test_sectorscan import officer_of

REFUSED = "Dat kan ik voor jou niet doen"


async def plan_meeting(officer: Person) -> str:
    """Plans a meeting on Thursday 12 March 2026 (the clock says Monday 2 March); its code."""
    await officer.send("/buurtgesprek")
    await officer.press("➕ Buurtgesprek plannen")
    await officer.press("Inventariserend")
    await officer.send("woensdag 12/3 19u30")
    assert "12 maart 2026 is een donderdag" in officer.text  # a clear retry message
    await officer.send("12/3 19u30")
    assert "donderdag 12 maart 2026 om 19:30" in officer.text  # confirmed with the weekday
    await officer.press("Ja, klopt")
    await officer.send("Zaal De Kring, Kerkstraat 1")
    await officer.press("Centrum")
    await officer.press("Overslaan")
    await officer.press("Tot en met de dag ervoor")
    await officer.press("✅ Opslaan")
    found = re.search(r"https://t\.me/wijkbot_test_bot\?start=bg_([a-z0-9]+)", officer.seen)
    assert found is not None
    return found[1]


async def submit(
    resident: Person, problem: str, text: str, *, place: str | None = None, inform: bool
) -> None:
    await resident.press("✏️ Melding doen")
    await resident.press(problem)
    await resident.send(text)
    if place is None:
        await resident.press("Overslaan")
    else:
        await resident.send(place)
    await resident.press("Overslaan")  # no photo
    await resident.press("Overslaan")  # no idea of a solution
    await resident.press("Ja" if inform else "Nee")
    await resident.press("Nee")  # the police need not contact them
    await resident.press("✅ Versturen")
    assert "Bedankt voor je melding" in resident.seen


def agenda_groups(text: str) -> list[tuple[str, int, int]]:
    """(problem, residents, concerns) of each group in an agenda message, in order."""
    return [
        (name, int(voices), int(count))
        for name, voices, count in re.findall(
            r"^\d+\. (.+?) · 👥 (\d+) · meldingen: (\d+)$", text, re.MULTILINE
        )
    ]


def support_data(person: Person, label: str) -> str:
    button = person.last.button(label)
    assert button is not None and button.data is not None
    return button.data


async def test_the_buurtgesprek_cycle(bot: RunningBot) -> None:
    officer = await officer_of(bot)
    code = await plan_meeting(officer)
    flyer = next(m for m in officer.sim.bot_messages if m.photo is not None)
    printable = next(m for m in officer.sim.bot_messages if m.document is not None)
    assert printable.filename == "buurtgesprek-2026-03-12.pdf"
    assert flyer.filename == "buurtgesprek-2026-03-12.png"  # as uploaded, not "wijkbot.png"
    assert printable.document is not None and printable.document.startswith(b"%PDF")
    assert flyer.photo is not None
    assert Image.open(io.BytesIO(flyer.photo)).size == (1240, 1754)  # A4 at 150 dpi

    an, bert, carla = (
        bot.person(901, "Annelies"),
        bot.person(902, "Bertrand"),
        bot.person(903, "Carla"),
    )
    for resident in (an, bert, carla):
        await resident.send(f"/start bg_{code}")
        assert "donderdag 12 maart 2026 om 19:30" in resident.text
        assert "Zaal De Kring" in resident.text and "Bel 101 (of 112)" in resident.text

    # An: one concern about parking, two about graffiti; she wants to be kept informed.
    await submit(an, "Parkeeroverlast", "Auto's staan elke avond op het voetpad", inform=True)
    await an.press("✏️ Nog een melding doen")
    await an.press("Graffiti en bekladding")
    await an.send("Er wordt nu ingebroken bij de buren!")
    assert "Bel <b>101</b>" in an.sim.bot_messages[-2].html  # the emergency answer, at once
    assert "Waar gebeurt het?" in an.text  # and the form goes on
    await an.press("« Terug")
    await an.send("Graffiti op de muur van de school")
    for _ in range(3):
        await an.press("Overslaan")
    await an.press("Nee")
    await an.press("Nee")
    await an.press("✅ Versturen")
    await an.send(f"/start bg_{code}")
    await submit(an, "Graffiti en bekladding", "Nieuwe tags aan het station", inform=False)

    # Bert recognises An's parking concern (once only), and writes about dog dirt.
    await bert.send(f"/start bg_{code}")
    await bert.press("👀 Wat meldden anderen al?")
    await bert.press("Parkeeroverlast (1)")
    assert "Auto's staan elke avond op het voetpad" in bert.text
    support = support_data(bert, "👍 Ik herken 1")
    await bert.press("👍 Ik herken 1")
    await bert.press("🔔 Ja, hou me op de hoogte")
    await bert.press_data(support)
    assert "Je herkent deze melding al" in bert.text
    await bert.send(f"/start bg_{code}")
    await submit(bert, "Hondenpoep", "Hondenpoep op het speelplein", inform=False)

    # Carla writes about parking too and sees An's text right after; she recognises it and
    # Bert's dog dirt. A concern about drugs she withdraws again.
    await submit(carla, "Parkeeroverlast", "Busjes parkeren op de stoep", inform=False)
    assert "Parkeeroverlast: ook andere inwoners meldden hierover iets." in carla.text
    assert "Auto's staan elke avond op het voetpad" in carla.text
    await carla.press("👍 Ik herken 1")
    await carla.press("Nee, bedankt")
    await carla.send(f"/start bg_{code}")
    await carla.press("👀 Wat meldden anderen al?")
    await carla.press("Hondenpoep (1)")
    await carla.press("👍 Ik herken 1")
    await carla.press("Nee, bedankt")
    await carla.send(f"/start bg_{code}")
    await submit(carla, "Drugsoverlast", "Dealen aan het park", inform=False)
    await carla.send("/mijnmeldingen")
    assert "Dealen aan het park" in carla.text and "Busjes parkeren" in carla.text
    assert "Auto's staan" not in carla.text  # only her own
    await carla.press("Intrekken: 1")  # newest first: the drugs concern
    await carla.press("Ja, intrekken")
    assert "ingetrokken" in carla.text

    # Nobody learns who wrote what: no resident's name or id in another resident's chat.
    for reader, others in ((bert, (an, carla)), (carla, (an, bert)), (an, (bert, carla))):
        for other in others:
            assert other.sim.first_name not in reader.seen
            assert str(other.sim.user_id) not in reader.seen

    # The agenda: ranked by residents who raised or supported, not by number of concerns.
    await officer.send("/agenda")
    await officer.press(next(label for label in officer.labels if "Buurtgesprek Centrum" in label))
    document = officer.last
    assert document.filename == "agenda-buurtgesprek-2026-03-12.csv"
    assert document.document is not None
    message = "\n".join(m.text for m in officer.sim.bot_messages if m.text.startswith("Agenda – "))
    groups = agenda_groups(message)
    assert groups == [
        ("Parkeeroverlast", 3, 2),  # An, Bert, Carla
        ("Hondenpoep", 2, 1),  # Bert, Carla
        ("Graffiti en bekladding", 1, 2),  # An twice
    ]
    assert "Dealen aan het park" not in message  # withdrawn
    assert "Meldingen: 5 (van 3 inwoners)" in message
    for resident in (an, bert, carla):
        assert resident.sim.first_name not in message

    # The CSV says the same: the groups in the same order, every description, same counts.
    rows = list(csv.DictReader(io.StringIO(document.document.decode("utf-8-sig")), delimiter=";"))
    ranked = list(dict.fromkeys((r["Onderwerp"], int(r["Inwoners onderwerp"])) for r in rows))
    assert ranked == [(name, voices) for name, voices, _ in groups]
    assert Counter(r["Onderwerp"] for r in rows) == {name: n for name, _, n in groups}
    for row in rows:
        assert f"#{row['Nr']} {row['Beschrijving']} · 👥 {row['Inwoners melding']}" in message

    # A resident cannot get the agenda, by command or by a forged button.
    await an.send("/agenda")
    assert REFUSED in an.text
    assert bot.runtime is not None
    async with bot.runtime.db.transaction() as conn:
        meeting = await meetings.by_code(conn, code)
        assert meeting is not None
        supports = await concerns.supports_for_meeting(conn, meeting.id)
    await an.press_data(f"m:meeting_agenda:{meeting.id}")
    assert REFUSED in an.text
    await an.press_data(f"m:meeting_actions:{meeting.id}")
    assert REFUSED in an.text
    assert len(supports) == 3  # Bert's second press changed nothing

    # The day before at 11:00, each involved resident is reminded once, also after a restart.
    bot.clock.advance(days=9, hours=2)  # Wednesday 11 March, 11:00 in Brussels
    assert bot.runtime is not None
    assert await meeting_jobs.run(bot.runtime.engine) == 3
    await bot.restart()
    assert await meeting_jobs.run(bot.runtime.engine) == 0
    await bot.settle()
    for resident in (an, bert, carla):
        assert resident.seen.count("Morgen: Buurtgesprek Centrum") == 1

    # After the deadline the link is closed and says when the meeting is.
    bot.clock.advance(hours=14)  # Thursday 01:00
    dirk = bot.person(904, "Dirk")
    await dirk.send(f"/start bg_{code}")
    assert "De termijn voor meldingen" in dirk.text and "voorbij" in dirk.text
    assert "donderdag 12 maart 2026 om 19:30 in Zaal De Kring" in dirk.text
    assert "Melding doen" not in " ".join(dirk.labels if dirk.last.buttons else [])
    await an.send("/mijnmeldingen")
    assert "Intrekken" not in " ".join(an.labels if an.last.buttons else [])

    # After the meeting: a priority, an action answering both parking concerns.
    bot.clock.advance(days=1)
    await officer.send("/buurtgesprek")
    await officer.press(next(label for label in officer.labels if "Buurtgesprek Centrum" in label))
    await officer.press("🎯 Prioriteiten en acties")
    await officer.press("➕ Prioriteit kiezen")
    await officer.press("Parkeeroverlast · 👥 3")
    await officer.press("➕ Actie: Parkeeroverlast")
    await officer.send("Paaltjes plaatsen op het voetpad")
    await officer.press("Gemeente")
    await officer.press("4")
    await officer.press("3")
    await officer.send("30/6")
    await officer.press("Klaar")  # both parking concerns are chosen already
    await officer.press("✅ Opslaan")
    await officer.press("Actie openen")
    assert "Pakt meldingen #1, #2 aan. 2 inwoners krijgen bericht" in officer.text

    before = {p.sim.user_id: len(p.sim.bot_messages) for p in (an, bert, carla, dirk)}
    await officer.press("bezig")
    await officer.press("✅ bezig")  # the same status again: no change, nobody told
    news = {
        p.sim.user_id: [m.text for m in p.sim.bot_messages[before[p.sim.user_id] :]]
        for p in (an, bert, carla, dirk)
    }
    update = "De afgesproken actie “Paaltjes plaatsen op het voetpad” is nu: bezig."
    assert [update in text for text in news[an.sim.user_id]] == [True]  # she asked
    assert [update in text for text in news[bert.sim.user_id]] == [True]  # he follows
    assert "Nieuws over je melding" in news[an.sim.user_id][0]  # she wrote one
    assert "Nieuws over een melding die je herkende" in news[bert.sim.user_id][0]  # he did not
    assert news[carla.sim.user_id] == []  # she did not ask
    assert news[dirk.sim.user_id] == []
    assert "2 inwoners die op de hoogte wilden blijven, kregen bericht" in officer.text

    await an.send("/mijnmeldingen")
    assert "Actie: Paaltjes plaatsen op het voetpad – bezig" in an.text

    await officer.press("« Prioriteiten en acties")
    await officer.press("Buurtgesprek openen")
    await officer.press("✔️ Afsluiten")
    await officer.press("Ja, afsluiten")
    assert "afgesloten" in officer.text
    async with bot.runtime.db.transaction() as conn:
        kept = await concerns.list_for_meeting(conn, meeting.id)
    assert len(kept) == 5  # its concerns stay for the later comparison


async def test_reminders_skip_a_blocked_resident_and_retry_a_failed_send(bot: RunningBot) -> None:
    officer = await officer_of(bot)
    code = await plan_meeting(officer)
    residents = [
        bot.person(901 + i, name) for i, name in enumerate(("Annelies", "Bertrand", "Carla"))
    ]
    for number, resident in enumerate(residents):
        await resident.send(f"/start bg_{code}")
        await submit(resident, "Hondenpoep", f"Hondenpoep in straat {number}", inform=False)
    first, second, blocked = residents
    blocked.sim.block()
    bot.clock.advance(days=9, hours=2)  # the day before, 11:00
    assert bot.runtime is not None
    bot.delivery.dispatcher.first_backoff = 0.05
    bot.standin.fail_next("sendMessage", error_code=500, description="Internal Server Error")

    assert await meeting_jobs.run(bot.runtime.engine) == 3
    await bot.settle()  # the failed one is sent again; the blocked one is not
    assert await meeting_jobs.run(bot.runtime.engine) == 0
    assert first.seen.count("Morgen: Buurtgesprek Centrum") == 1
    assert second.seen.count("Morgen: Buurtgesprek Centrum") == 1
    assert "Morgen:" not in blocked.seen
