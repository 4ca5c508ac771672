"""The figures of a wijk on a small zone whose answers are worked out by hand (tests/wijk_seed)."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from dialogs.engine.engine import Engine
from dialogs.engine.texts import Html
from dialogs.forms.model import load_forms
from dialogs.wijk.figures import (
    AreaFigures,
    Period,
    by_area,
    combine,
    crime_matches,
    load,
    period_of,
)
from dialogs.wijk.pictures import mark_line
from dialogs.wijk.report import Labels, report
from storage import contacts, people, scans
from storage.analysis import Scope
from storage.contacts import NewContact
from storage.people import Role
from storage.scans import FilledBy, NewScan, Trend
from tests.dialogs.conftest import plain
from tests.wijk_seed import LONG_AGO, Seeded, seed

BRUSSELS = ZoneInfo("Europe/Brussels")
TODAY = date(2026, 3, 2)


@pytest.fixture
async def seeded(engine: Engine) -> Seeded:
    async with engine.db.transaction() as conn:
        return await seed(conn)


async def figures_of(
    engine: Engine, code: str, scope: Scope
) -> tuple[Period, dict[str, AreaFigures]]:
    period = period_of(code, TODAY)
    assert period is not None
    labels = Labels(load_forms()["sectorscan"])
    async with engine.db.transaction() as conn:
        return period, await load(conn, period, scope, BRUSSELS, labels.problems)


def test_the_default_period_is_the_last_twelve_months_against_the_twelve_before() -> None:
    period = period_of("12m", TODAY)
    assert period == Period("12m", date(2025, 4, 1), date(2026, 4, 1))
    assert period.previous() == Period("12m", date(2024, 4, 1), date(2025, 4, 1))
    assert period_of("y2025", TODAY) == Period("y2025", date(2025, 1, 1), date(2026, 1, 1))
    assert period_of("y2031", TODAY) is None
    assert period_of("nonsense", TODAY) is None


async def test_an_officers_area_counted_by_hand(engine: Engine, seeded: Seeded) -> None:
    _period, found = await figures_of(
        engine, "12m", Scope(areas=("Centrum",), officer_id=seeded.officer_id)
    )
    centrum = found["Centrum"]
    now, before = centrum.now, centrum.before

    # Contacts 1, 2 and 3 were scanned, of the 4 in his network there; one voice each, the
    # latest scan: contact 3's "altijd" earlier in the period no longer counts.
    assert (now.scanned, now.network) == (3, 4)
    assert [round(now.share(f), 4) for f in ("nooit", "zelden", "soms", "vaak", "altijd")] == [
        0,
        0.3333,
        0.3333,
        0.3333,
        0,
    ]
    assert now.mean_mark == pytest.approx((7 + 8 + 5) / 3)
    assert (before.scanned, before.share("soms"), before.mean_mark) == (1, 1.0, 6)

    problems = centrum.problems
    assert (problems["te_snel_rijden"].named, problems["te_snel_rijden"].named_before) == (2, 1)
    assert (problems["drugsoverlast"].named, problems["drugsoverlast"].named_before) == (2, 0)
    assert (problems["sluikstorten"].named, problems["sluikstorten"].named_before) == (0, 1)
    # Every comparison in the period counts, contact 3's second scan included.
    assert problems["te_snel_rijden"].trends == {**dict.fromkeys(Trend, 0), Trend.WORSE: 1}
    assert problems["sluikstorten"].trends == {**dict.fromkeys(Trend, 0), Trend.SOLVED: 1}
    assert problems["drugsoverlast"].trends == {**dict.fromkeys(Trend, 0), Trend.UNCHANGED: 1}
    # Named by as many; the one that got worse first.
    assert [p.problem for p in centrum.ranked][:3] == [
        "te_snel_rijden",
        "drugsoverlast",
        "sluikstorten",
    ]
    # Another officer's contact in the same area is not his to see.
    assert "horeca" not in problems

    # The mark per quarter, over the period before and this one.
    means = dict(centrum.quarter_means())
    assert means[(2024, 2)] == 6
    assert means[(2025, 2)] == (3 + 7) / 2
    assert means[(2025, 3)] == 8
    assert means[(2026, 1)] == 5
    assert means[(2024, 3)] is None
    quarters = list(means)
    assert (quarters[0], quarters[-1], len(quarters)) == ((2024, 2), (2026, 1), 8)

    # Registered crime beside the problems, matched by id or label in any capitals.
    assert (problems["woninginbraak"].crime, problems["woninginbraak"].crime_before) == (3, 4)
    assert (problems["fietsdiefstal"].crime, problems["fietsdiefstal"].crime_before) == (2, None)
    assert "cybercrime" not in problems

    assert (centrum.meetings, centrum.concerns, centrum.supports) == (1, 2, 1)
    assert [(p.place, p.concerns, p.supports) for p in centrum.places] == [("Kerkstraat", 2, 1)]
    assert (centrum.open_actions, centrum.actions.get("done")) == (1, 1)


async def test_an_area_without_scans_and_a_period_with_one(engine: Engine, seeded: Seeded) -> None:
    period, found = await figures_of(engine, "12m", Scope(officer_id=seeded.officer_id))
    haven = by_area(found, ["Haven"], period)[0]
    assert (haven.now.scanned, haven.now.network) == (0, 1)
    assert haven.now.share("soms") == 0
    assert haven.now.mean_mark is None
    assert not haven.has_scans
    assert all(mean is None for _, mean in haven.quarter_means())

    nowhere = by_area(found, ["Nergens"], period)[0]
    assert not nowhere.has_data

    _period, year = await figures_of(
        engine, "y2024", Scope(areas=("Centrum",), officer_id=seeded.officer_id)
    )
    centrum = year["Centrum"]
    assert centrum.now.scanned == 1
    assert centrum.now.share("soms") == 1.0
    assert centrum.now.mean_mark == 6
    assert centrum.before.scanned == 0
    assert centrum.before.mean_mark is None
    assert centrum.problems["sluikstorten"].named == 1
    assert not any(centrum.problems["sluikstorten"].trends.values())


async def test_the_zone_adds_up_every_officers_areas(engine: Engine, seeded: Seeded) -> None:
    period, found = await figures_of(engine, "12m", Scope())
    centrum = found["Centrum"]
    assert centrum.now.scanned == 4  # the other officer's contact counts for an admin
    assert centrum.now.mean_mark == pytest.approx((7 + 8 + 5 + 1) / 4)
    assert centrum.problems["horeca"].named == 1

    zone = combine(period, by_area(found, ["Centrum", "Haven", "Noord"], period))
    assert zone.area is None
    assert (zone.now.scanned, zone.now.network) == (4, 6)
    assert zone.now.share("altijd") == 0.25
    assert zone.now.mean_mark == pytest.approx(21 / 4)
    assert zone.problems["te_snel_rijden"].trends[Trend.WORSE] == 1
    assert dict(zone.quarter_means())[(2025, 3)] == pytest.approx((8 + 1) / 2)


def test_crime_categories_match_a_problem_by_id_or_label() -> None:
    labels = {"woninginbraak": "Woninginbraak", "autocriminaliteit": "Diefstal uit auto's"}
    assert crime_matches(" WONINGINBRAAK ", labels) == "woninginbraak"
    assert crime_matches("diefstal uit auto's", labels) == "autocriminaliteit"
    assert crime_matches("cybercrime", labels) is None


async def test_the_mark_and_its_chart_count_each_contact_s_last_scan(engine: Engine) -> None:
    """Two scans of one contact in a quarter: the text and the chart both take the last."""
    async with engine.db.transaction() as conn:
        officer = await people.create(
            conn, telegram_id=510, name="Peeters", role=Role.OFFICER, now=LONG_AGO, area="Zuid"
        )
        new = NewContact(name="An", organisation="Bakkerij", role="Winkelier", area="Zuid")
        contact = await contacts.add(conn, officer.id, new, LONG_AGO)
        for day, mark in ((date(2026, 1, 10), 6), (date(2026, 2, 20), 5)):
            await scans.add(conn, marked_scan(contact.id, day, mark), LONG_AGO)
    _period, found = await figures_of(engine, "12m", Scope(areas=("Zuid",), officer_id=officer.id))
    zuid = found["Zuid"]
    assert zuid.now.mean_mark == 5
    assert dict(zuid.quarter_means())[(2026, 1)] == 5  # was 5,5: every scan counted
    texts = engine.texts("nl")
    assert "uit de laatste sectorscan van elke contactpersoon" in plain(
        report(texts, Labels(load_forms()["sectorscan"]), zuid, Html("Zuid"))
    )
    line = mark_line(texts, zuid)
    assert "laatste sectorscan van elke contactpersoon" in line.title
    assert line.value_labels[line.steps.index("2026 K1")] == "5"


def marked_scan(contact_id: int, visited_on: date, mark: int) -> NewScan:
    return NewScan(
        contact_id=contact_id,
        officer_id=None,
        filled_by=FilledBy.CONTACT,
        form="sectorscan",
        form_version=1,
        visited_on=visited_on,
        feeling="soms",
        mark=mark,
        priority=None,
        answers={},
        problems={},
        trends={},
    )
