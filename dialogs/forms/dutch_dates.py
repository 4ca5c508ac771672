"""Reading a date and time the way a Dutch speaker types it in a chat.

"12/3 19u30", "12-03-2026 19.30", "12 maart 19:30", "do 12 mrt om 19u", "morgen 20u",
"donderdag 8 uur 's avonds". Month and weekday names come from babel's locale data; the
few other words (today, tomorrow, "om", "'s avonds", ...) from the catalog, so another
language gets its own words with its texts. Anything left over that is not one of those
words makes the whole answer not understood: guessing wrong is worse than asking again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dialogs.engine.texts import N_, Html, Texts

_ORDINAL = re.compile(r"\b(\d{1,2})(?:ste|de|e)\b")
_NUMERIC_DATE = re.compile(
    r"(?<![\d:.])(\d{1,2})\s*([/-])\s*(\d{1,2})(?:\s*\2\s*(\d{4}|\d{2}))?(?![\d:])"
    r"|(?<![\d:.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d:])"
)
_CLOCK = re.compile(r"(?<![\d/.-])(\d{1,2})\s*[:.]\s*(\d{2})(?![\d.:/])")
_TOKEN = re.compile(r"[^\W\d_]+|\d+")


class DateError(Exception):
    """A typed date that cannot be used; `message(texts)` says why and how to type it."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def message(self, texts: Texts) -> Html:
        return texts.t(self.key, **self.values)


NOT_UNDERSTOOD = N_("dates.not_understood")
NOT_UNDERSTOOD_DAY = N_("dates.not_understood_day")
NO_DAY = N_("dates.no_day")
NO_TIME = N_("dates.no_time")
NO_SUCH_DAY = N_("dates.no_such_day")
NO_SUCH_TIME = N_("dates.no_such_time")
WEEKDAY_MISMATCH = N_("dates.weekday_mismatch")
PAST = N_("dates.past")
PAST_DAY = N_("dates.past_day")


@dataclass(frozen=True, slots=True)
class Typed:
    day: date
    time: time | None


@dataclass(frozen=True, slots=True)
class _Words:
    months: dict[str, int]
    weekdays: dict[str, int]  # Monday = 0
    relative: dict[str, int]  # word -> days from today
    hour_marks: list[str]
    afternoon: set[str]
    filler: set[str]


def _word_list(texts: Texts, key: str) -> list[str]:
    return [w.strip().lower() for w in texts.plain(key).split(",") if w.strip()]


def _words(texts: Texts) -> _Words:
    locale = texts.locale
    months: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                months[name.lower().rstrip(".")] = number
    for name, number in list(months.items()):
        for end in range(3, len(name)):  # "sept", "okt", "febr"
            months.setdefault(name[:end], number)
    weekdays: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated", "short"):
            for number, name in locale.days[context][width].items():
                weekdays[name.lower().rstrip(".")] = number
    relative = {}
    for pair in _word_list(texts, N_("dates.relative")):
        word, _, days = pair.partition("=")
        relative[word.strip()] = int(days)
    return _Words(
        months=months,
        weekdays=weekdays,
        relative=relative,
        hour_marks=sorted(_word_list(texts, N_("dates.hour_marks")), key=len, reverse=True),
        afternoon=set(_word_list(texts, N_("dates.afternoon"))),
        filler=set(_word_list(texts, N_("dates.filler"))),
    )


def read(text: str, today: date, texts: Texts) -> Typed:
    """The day and, when typed, the time; raises DateError for anything else."""
    words = _words(texts)
    rest = _ORDINAL.sub(r"\1", " " + text.lower().replace("\u2019", "'") + " ")
    day: date | None = None

    if found := _NUMERIC_DATE.search(rest):
        d, m, y = (found[1], found[3], found[4]) if found[1] else (found[5], found[6], found[7])
        day = _day(int(d), int(m), int(y) if y else None, today)
        rest = rest[: found.start()] + " " + rest[found.end() :]

    clock, rest = _clock(rest, words)

    tokens = _TOKEN.findall(rest)
    weekday: int | None = None
    afternoon = False
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.isdigit() and i + 1 < len(tokens) and tokens[i + 1] in words.months:
            if day is not None:
                raise DateError(NOT_UNDERSTOOD)
            month = words.months[tokens[i + 1]]
            year = None
            if i + 2 < len(tokens) and tokens[i + 2].isdigit() and len(tokens[i + 2]) == 4:
                year = int(tokens[i + 2])
                i += 1
            day = _day(int(token), month, year, today)
            i += 2
            continue
        if token in words.relative and day is None:
            day = today + timedelta(days=words.relative[token])
        elif token in words.weekdays and weekday is None:
            weekday = words.weekdays[token]
        elif token in words.afternoon:
            afternoon = True
        elif token not in words.filler and token not in words.hour_marks:  # "19.30 uur"
            raise DateError(NOT_UNDERSTOOD)
        i += 1

    if day is None and weekday is not None:
        ahead = (weekday - today.weekday() - 1) % 7 + 1  # the next one, never today
        day = today + timedelta(days=ahead)
    if day is None:
        raise DateError(NO_DAY)
    if weekday is not None and day.weekday() != weekday:
        raise DateError(
            WEEKDAY_MISMATCH,
            date=texts.date(day),
            weekday=texts.locale.days["format"]["wide"][day.weekday()],
        )
    if clock is not None and afternoon and clock.hour < 12:
        clock = clock.replace(hour=clock.hour + 12)
    return Typed(day, clock)


def _clock(rest: str, words: _Words) -> tuple[time | None, str]:
    """The time of day in `rest`, and `rest` without it."""
    marks = "|".join(re.escape(mark) for mark in words.hour_marks) or r"(?!)"
    by_mark = re.compile(rf"(?<![\d/.:-])(\d{{1,2}})\s*(?:{marks})(?:\s*(\d{{2}}))?(?![^\W\d_]|\d)")
    found = [m for pattern in (_CLOCK, by_mark) for m in pattern.finditer(rest)]
    if not found:
        return None, rest
    if len(found) > 1:
        raise DateError(NOT_UNDERSTOOD)
    match = found[0]
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour > 23 or minute > 59:
        raise DateError(NO_SUCH_TIME, time=match[0].strip())
    return time(hour, minute), rest[: match.start()] + " " + rest[match.end() :]


def _day(day: int, month: int, year: int | None, today: date) -> date:
    """A date; without a year, the first one from today on."""
    if year is not None and year < 100:
        year += 2000
    try:
        if year is not None:
            return date(year, month, day)
        found = date(today.year, month, day) if _exists(today.year, month, day) else None
        if found is None or found < today:
            found = date(today.year + 1, month, day)
        return found
    except ValueError:
        raise DateError(NO_SUCH_DAY, day=day, month=month) from None


def _exists(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def read_moment(text: str, now: datetime, texts: Texts) -> datetime:
    """A moment in the future with a day and a time of day, in the zone's time zone."""
    local_now = texts.local(now)
    typed = read(text, local_now.date(), texts)
    if typed.time is None:
        raise DateError(NO_TIME)
    moment = datetime.combine(typed.day, typed.time, tzinfo=texts.timezone)
    if moment <= local_now:
        raise DateError(PAST)
    return moment


def read_day(text: str, now: datetime, texts: Texts) -> date:
    """A day from today on; a time typed with it is ignored."""
    today = texts.local(now).date()
    try:
        day = read(text, today, texts).day
    except DateError as problem:
        if problem.key in (NOT_UNDERSTOOD, NO_DAY):  # those examples ask for an hour too
            raise DateError(NOT_UNDERSTOOD_DAY) from None
        raise
    if day < today:
        raise DateError(PAST_DAY)
    return day


def moment_text(texts: Texts, moment: datetime) -> str:
    """ "donderdag 12 maart 2026 om 19:30": how a moment is confirmed back."""
    return texts.plain("dates.moment", day=texts.weekday_date(moment), time=texts.time(moment))
