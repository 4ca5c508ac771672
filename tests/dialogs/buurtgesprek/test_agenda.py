"""The agenda as a model, as messages under Telegram's limit, and as CSV."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

import pytest

import locales
from dialogs.buurtgesprek import agenda
from dialogs.engine.limits import MESSAGE_LIMIT, visible_length
from dialogs.engine.texts import Texts
from dialogs.forms.model import load_forms
from dialogs.sectorscan.problem_list import Problems
from storage.concerns import Concern, Support
from storage.meetings import Meeting, MeetingKind

AT = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)
MEETING = Meeting(
    id=1,
    code="abcdefghij",
    officer_id=1,
    kind=MeetingKind.INVENTORY,
    starts_at=datetime(2026, 3, 12, 18, 30, tzinfo=UTC),
    place="Zaal De Kring",
    area="Centrum",
    intake_until=datetime(2026, 3, 11, 23, 0, tzinfo=UTC),
    created_at=AT,
    updated_at=AT,
    cancelled_at=None,
    closed_at=None,
)


@pytest.fixture(scope="module")
def texts() -> Texts:
    return Texts(locales.translations("nl"), "nl_BE", "Europe/Brussels")


@pytest.fixture(scope="module")
def problems() -> Problems:
    return Problems.of(load_forms()["sectorscan"])


def concern(
    concern_id: int, author: int | None, problem: str, text: str | None, **more: object
) -> Concern:
    return Concern.model_validate(
        {
            "id": concern_id,
            "meeting_id": 1,
            "author_id": author,
            "problem": problem,
            "description": text,
            "merged_into": None,
            "created_at": AT,
            "updated_at": AT,
            **more,
        }
    )


def support(support_id: int, concern_id: int, person: int | None) -> Support:
    return Support(
        id=support_id, concern_id=concern_id, person_id=person, keep_informed=False, created_at=AT
    )


def test_groups_rank_by_different_residents_not_by_concerns(problems: Problems) -> None:
    found = [
        concern(1, 10, "graffiti", "a"),
        concern(2, 10, "graffiti", "b"),  # the same resident again
        concern(3, 10, "graffiti", "c"),
        concern(4, 11, "hondenpoep", "d"),
        concern(5, None, "hondenpoep", "e"),  # an erased author still counts, once
        concern(6, 12, "drugsoverlast", "f"),
    ]
    supports = [support(1, 4, 12), support(2, 6, 11), support(3, 6, 10), support(4, 3, 10)]
    built = agenda.build(MEETING, found, supports, problems)
    assert [(g.problem, g.voices, g.concerns) for g in built.groups] == [
        ("hondenpoep", 3, 2),
        ("drugsoverlast", 3, 1),  # ties: more concerns first, then the list's order
        ("graffiti", 1, 3),
    ]
    assert (built.concerns, built.authors, built.supports, built.residents) == (6, 4, 4, 4)
    assert [i.number for g in built.groups for i in g.items] == [1, 2, 3, 4, 5, 6]


def test_a_merged_concern_joins_its_residents(problems: Problems) -> None:
    found = [
        concern(1, 10, "parkeeroverlast", "Voetpad"),
        concern(2, 11, "parkeeroverlast", "Stoep", merged_into=1),
    ]
    supports = [support(1, 1, 12), support(2, 2, 12), support(3, 2, 13)]
    built = agenda.build(MEETING, found, supports, problems)
    (group,) = built.groups
    (item,) = group.items
    assert (item.voices, item.supports, [m.concern.id for m in item.merged]) == (4, 3, [2])
    assert built.item(2) is item.merged[0]


def test_long_agendas_split_between_whole_lines(texts: Texts, problems: Problems) -> None:
    long = "lang " * 199 + "<b>&"  # 1 000 characters that need escaping
    found = [
        concern(i, 100 + i, ["parkeeroverlast", "drugsoverlast"][i % 2], f"#{i}# {long}")
        for i in range(1, 31)
    ]
    found = [c.model_copy(update={"solution": "idee " * 100, "place": "Kerkstraat"}) for c in found]
    built = agenda.build(MEETING, found, [], problems)
    shown = agenda.messages(texts, built, problems)
    assert len(shown) > 5
    assert all(visible_length(text) <= MESSAGE_LIMIT for text in shown)
    joined = "\n".join(shown)
    for i in range(1, 31):
        assert joined.count(f"#{i}# ") == 1  # every concern once, never cut
    for text in shown:
        assert text.count("<b>") == text.count("</b>")  # no tag split over two messages
        assert "&lt;b&gt;&amp;" in text
    assert shown[0].startswith("<b>Agenda – Buurtgesprek Centrum</b>")
    assert sum("(vervolg)" in text for text in shown) >= 4


def test_the_csv_matches_and_keeps_formulas_as_text(texts: Texts, problems: Problems) -> None:
    found = [
        concern(1, 10, "parkeeroverlast", '=HYPERLINK("http://x")', place="+32 Kerkstraat"),
        concern(2, 11, "parkeeroverlast", 'Stoep; altijd "vol"', merged_into=1),
        concern(3, 12, "anders", "Lawaai", latitude=51.05, longitude=3.72, photo_file_id="x"),
    ]
    built = agenda.build(MEETING, found, [support(1, 3, 10)], problems)
    content = agenda.csv_file(texts, built, problems)
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    header, *body = rows
    assert header[:4] == ["Rang onderwerp", "Onderwerp", "Inwoners onderwerp", "Nr"]
    assert [row[:7] for row in body] == [
        ["1", "Parkeeroverlast", "2", "1", '\'=HYPERLINK("http://x")', "2", "0"],
        ["1", "Parkeeroverlast", "2", "2", 'Stoep; altijd "vol"', "", ""],
        ["2", "Iets anders", "2", "3", "Lawaai", "2", "1"],
    ]
    assert body[0][7] == "'+32 Kerkstraat" and body[1][12] == "1"
    assert body[2][8:11] == ["51.05000", "3.72000", "Ja"]
    assert body[0][13] == "2026-03-05 13:00"  # local time
    text = "\n".join(agenda.messages(texts, built, problems))
    assert re.search(r"<b>#1</b> =HYPERLINK\(.+\) · 👥 2", text)
    assert agenda.csv_name(texts, MEETING) == "agenda-buurtgesprek-2026-03-12.csv"
