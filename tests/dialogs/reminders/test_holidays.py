"""Belgian public holidays and working days."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs.reminders.holidays import (
    easter,
    first_working_day_of_week,
    holiday,
    is_working_day,
    public_holidays,
)


@pytest.mark.parametrize(
    ("year", "sunday"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),  # the latest possible
        (2285, date(2285, 3, 22)),  # the earliest possible
    ],
)
def test_easter(year: int, sunday: date) -> None:
    assert easter(year) == sunday


def test_the_ten_legal_holidays_of_2026() -> None:
    assert list(public_holidays(2026)) == [
        date(2026, 1, 1),
        date(2026, 4, 6),  # Paasmaandag
        date(2026, 5, 1),
        date(2026, 5, 14),  # Hemelvaart
        date(2026, 5, 25),  # Pinkstermaandag
        date(2026, 7, 21),
        date(2026, 8, 15),
        date(2026, 11, 1),
        date(2026, 11, 11),
        date(2026, 12, 25),
    ]
    assert holiday(date(2026, 4, 6)) == "holiday.easter_monday"
    assert holiday(date(2026, 4, 7)) is None


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 3, 2), True),  # a Monday
        (date(2026, 3, 6), True),  # a Friday
        (date(2026, 3, 7), False),  # Saturday
        (date(2026, 3, 8), False),  # Sunday
        (date(2026, 5, 1), False),  # Dag van de Arbeid, a Friday
        (date(2026, 7, 21), False),
        (date(2027, 5, 6), False),  # Hemelvaart 2027
    ],
)
def test_working_days(day: date, working: bool) -> None:
    assert is_working_day(day) is working


def test_first_working_day_of_a_week() -> None:
    assert first_working_day_of_week(date(2026, 3, 5)) == date(2026, 3, 2)
    # Easter Monday and Whit Monday move the week's start to Tuesday.
    assert first_working_day_of_week(date(2026, 4, 9)) == date(2026, 4, 7)
    assert first_working_day_of_week(date(2026, 5, 29)) == date(2026, 5, 26)
