"""Belgian public holidays and working days: reminders go out on working days only.

The ten legal holidays are a small table of our own: six on fixed dates and three that follow
Easter, which is computed (the Gregorian computus), so no year needs to be added by hand.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from dialogs.engine.texts import N_

FIXED = {
    (1, 1): N_("holiday.new_year"),
    (5, 1): N_("holiday.labour_day"),
    (7, 21): N_("holiday.national_day"),
    (8, 15): N_("holiday.assumption"),
    (11, 1): N_("holiday.all_saints"),
    (11, 11): N_("holiday.armistice"),
    (12, 25): N_("holiday.christmas"),
}
AFTER_EASTER = {
    1: N_("holiday.easter_monday"),
    39: N_("holiday.ascension"),
    50: N_("holiday.whit_monday"),
}


def easter(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


@cache
def public_holidays(year: int) -> dict[date, str]:
    """The year's legal holidays, each with the message key of its name."""
    days = {date(year, month, day): key for (month, day), key in FIXED.items()}
    sunday = easter(year)
    days |= {sunday + timedelta(days=offset): key for offset, key in AFTER_EASTER.items()}
    return dict(sorted(days.items()))


def holiday(day: date) -> str | None:
    """The message key of the holiday on this day, if it is one."""
    return public_holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and holiday(day) is None


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def first_working_day_of_week(day: date) -> date | None:
    """Usually Monday; Tuesday after Easter or Whit Monday."""
    monday = week_start(day)
    return next(
        (d for d in (monday + timedelta(days=n) for n in range(5)) if is_working_day(d)), None
    )
