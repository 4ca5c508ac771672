"""Typed Dutch dates and times, as officers type them in a chat."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

import locales
from dialogs.engine.texts import Texts
from dialogs.forms.dutch_dates import DateError, moment_text, read, read_day, read_moment

TODAY = date(2026, 3, 2)  # a Monday


@pytest.fixture(scope="module")
def texts() -> Texts:
    return Texts(locales.translations("nl"), "nl_BE", "Europe/Brussels")


@pytest.mark.parametrize(
    ("typed", "day", "at"),
    [
        ("12/3 19u30", date(2026, 3, 12), time(19, 30)),
        ("12/03 19:30", date(2026, 3, 12), time(19, 30)),
        ("12-3-2026 19.30", date(2026, 3, 12), time(19, 30)),
        ("12.03.26 om 19.30 uur", date(2026, 3, 12), time(19, 30)),
        ("12 maart 19:30", date(2026, 3, 12), time(19, 30)),
        ("Donderdag 12 maart om 19u", date(2026, 3, 12), time(19, 0)),
        ("do 12 mrt 2026 19h30", date(2026, 3, 12), time(19, 30)),
        ("12de maart 20 uur", date(2026, 3, 12), time(20, 0)),
        ("morgen 20u", date(2026, 3, 3), time(20, 0)),
        ("Overmorgen om 19u30", date(2026, 3, 4), time(19, 30)),
        ("vandaag 20:00", date(2026, 3, 2), time(20, 0)),
        ("donderdag 8 uur \u2019s avonds", date(2026, 3, 5), time(20, 0)),
        ("maandag 19u", date(2026, 3, 9), time(19, 0)),  # the next Monday, not today
        ("1/2 19u", date(2027, 2, 1), time(19, 0)),  # already past this year: next year
        ("3 sept 10u", date(2026, 9, 3), time(10, 0)),
        ("15 april", date(2026, 4, 15), None),
        ("  12/3   19u30 ", date(2026, 3, 12), time(19, 30)),
    ],
)
def test_common_ways_of_typing(texts: Texts, typed: str, day: date, at: time | None) -> None:
    result = read(typed, TODAY, texts)
    assert (result.day, result.time) == (day, at)


@pytest.mark.parametrize(
    ("typed", "key", "shown"),
    [
        ("volgende keer", "dates.not_understood", "12/3 19u30"),
        ("12/3 19u30 of 20u", "dates.not_understood", "bijvoorbeeld"),
        ("12/3 13/3 19u", "dates.not_understood", "bijvoorbeeld"),
        ("19u30", "dates.no_day", "Welke dag?"),
        ("31/2 19u", "dates.no_such_day", "Die dag bestaat niet (31/2)"),
        ("12/13 19u", "dates.no_such_day", "Die dag bestaat niet (12/13)"),
        ("12/3 25u", "dates.no_such_time", "Dat uur bestaat niet (25u)"),
        ("12/3 19:75", "dates.no_such_time", "Dat uur bestaat niet"),
        ("woensdag 12 maart 19u", "dates.weekday_mismatch", "12 maart 2026 is een donderdag"),
    ],
)
def test_wrong_ones_get_a_clear_retry_message(
    texts: Texts, typed: str, key: str, shown: str
) -> None:
    with pytest.raises(DateError) as caught:
        read(typed, TODAY, texts)
    assert caught.value.key == key
    assert shown in caught.value.message(texts)


def test_a_moment_needs_a_time_and_lies_ahead(texts: Texts) -> None:
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 10:00 in Brussels
    moment = read_moment("12 maart 19:30", now, texts)
    assert moment == datetime(2026, 3, 12, 18, 30, tzinfo=UTC)
    assert moment_text(texts, moment) == "donderdag 12 maart 2026 om 19:30"
    with pytest.raises(DateError) as caught:
        read_moment("12 maart", now, texts)
    assert caught.value.key == "dates.no_time"
    with pytest.raises(DateError) as caught:
        read_moment("vandaag 9u", now, texts)
    assert caught.value.key == "dates.past"
    # Summer time: the same wall clock is another UTC hour.
    assert read_moment("2/7 19u30", now, texts) == datetime(2026, 7, 2, 17, 30, tzinfo=UTC)


def test_a_day_from_today_on(texts: Texts) -> None:
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert read_day("vandaag", now, texts) == date(2026, 3, 2)
    assert read_day("15/4", now, texts) == date(2026, 4, 15)
    with pytest.raises(DateError) as caught:
        read_day("1/3/2026", now, texts)
    assert caught.value.key == "dates.past_day"
