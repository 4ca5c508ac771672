"""The figures of a wijk (or the whole zone) for a period, set against the period before.

Storage counts per area; this module turns the counts into what people read: shares of the
feeling of safety, the mean report mark, problems ranked with their trends, registered crime
beside the perceived problems. The computation is pure, so it is tested on hand-made counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import aiosqlite

from dialogs.sectorscan.visit_rule import add_months
from storage import analysis, crime
from storage.analysis import Scope, Span
from storage.scans import Trend

FEELINGS = ("nooit", "zelden", "soms", "vaak", "altijd")
DEFAULT_PERIOD = "12m"
PERIOD_MONTHS = 12
YEARS_BACK = 10  # how far back a calendar year may be asked for
OPEN_STATUSES = ("planned", "in_progress")


@dataclass(frozen=True, slots=True)
class Period:
    """[start, end) in local dates; `code` names it in button data ("12m", "y2025")."""

    code: str
    start: date
    end: date

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month

    def previous(self) -> Period:
        return Period(self.code, add_months(self.start, -self.months), self.start)

    def span(self, timezone: ZoneInfo) -> Span:
        return Span(
            since=self.start,
            until=self.end,
            since_at=datetime.combine(self.start, time(), timezone),
            until_at=datetime.combine(self.end, time(), timezone),
        )

    @property
    def year(self) -> int | None:
        return self.start.year if self.code.startswith("y") else None


def period_of(code: str, today: date) -> Period | None:
    """The period a code names: the last 12 whole months (this one included) or a year."""
    if code == DEFAULT_PERIOD:
        end = add_months(today.replace(day=1), 1)
        return Period(code, add_months(end, -PERIOD_MONTHS), end)
    if code.startswith("y") and code[1:].isdigit():
        year = int(code[1:])
        if today.year - YEARS_BACK <= year <= today.year:
            return Period(code, date(year, 1, 1), date(year + 1, 1, 1))
    return None


def period_codes(today: date) -> list[str]:
    """The periods offered with buttons: the last 12 months and the two years before this."""
    return [DEFAULT_PERIOD, f"y{today.year - 1}", f"y{today.year - 2}"]


@dataclass(slots=True)
class Feelings:
    """How the contacts of one period feel: one voice per contact, his latest scan."""

    network: int = 0  # contacts in the network during the period
    counts: dict[str, int] = field(default_factory=dict)  # feeling -> contacts
    mark_sum: int = 0
    mark_count: int = 0

    @property
    def scanned(self) -> int:
        return sum(self.counts.values())

    def share(self, feeling: str) -> float:
        """The share of scanned contacts with this feeling; 0 when nobody was scanned."""
        answered = sum(n for f, n in self.counts.items() if f in FEELINGS)
        return self.counts.get(feeling, 0) / answered if answered else 0.0

    @property
    def mean_mark(self) -> float | None:
        return self.mark_sum / self.mark_count if self.mark_count else None

    def add(self, other: Feelings) -> None:
        self.network += other.network
        for feeling, n in other.counts.items():
            self.counts[feeling] = self.counts.get(feeling, 0) + n
        self.mark_sum += other.mark_sum
        self.mark_count += other.mark_count


@dataclass(slots=True)
class ProblemFigure:
    problem: str
    named: int = 0  # contacts naming it in the period
    named_before: int = 0
    trends: dict[Trend, int] = field(default_factory=lambda: dict.fromkeys(Trend, 0))
    crime: int | None = None  # registered facts of a matching category, if any were imported
    crime_before: int | None = None


@dataclass(slots=True)
class AreaFigures:
    area: str | None  # None for the whole zone
    period: Period
    now: Feelings = field(default_factory=Feelings)
    before: Feelings = field(default_factory=Feelings)
    problems: dict[str, ProblemFigure] = field(default_factory=dict)
    # (year, quarter) -> (sum of marks, marks), over the period before and this one
    quarters: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    places: list[analysis.PlaceCount] = field(default_factory=list)
    meetings: int = 0
    concerns: int = 0
    supports: int = 0
    actions: dict[str, int] = field(default_factory=dict)  # status -> actions

    def problem(self, problem: str) -> ProblemFigure:
        if problem not in self.problems:
            self.problems[problem] = ProblemFigure(problem)
        return self.problems[problem]

    @property
    def ranked(self) -> list[ProblemFigure]:
        """Named most first; among equals, the most worsened, then the most trends."""
        return sorted(
            self.problems.values(),
            key=lambda p: (-p.named, -p.trends[Trend.WORSE], -sum(p.trends.values()), p.problem),
        )

    @property
    def open_actions(self) -> int:
        return sum(self.actions.get(status, 0) for status in OPEN_STATUSES)

    @property
    def has_scans(self) -> bool:
        return self.now.scanned > 0 or self.before.scanned > 0

    @property
    def has_data(self) -> bool:
        return self.has_scans or bool(self.concerns or self.meetings or self.actions)

    def quarter_means(self) -> list[tuple[tuple[int, int], float | None]]:
        """Every quarter from the start of the period before to the end of this one."""
        start = self.period.previous().start
        year, quarter = start.year, (start.month - 1) // 3 + 1
        last = add_months(self.period.end, -1)
        end = (last.year, (last.month - 1) // 3 + 1)
        means: list[tuple[tuple[int, int], float | None]] = []
        while (year, quarter) <= end:
            total, count = self.quarters.get((year, quarter), (0, 0))
            means.append(((year, quarter), total / count if count else None))
            year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        return means


def crime_matches(category: str, problem_labels: dict[str, str]) -> str | None:
    """The problem a crime category stands for: its id or its label, in any capitals."""
    wanted = category.strip().casefold()
    for problem, label in problem_labels.items():
        if wanted in (problem.casefold(), label.casefold()):
            return problem
    return None


@dataclass(slots=True)
class Counts:
    """Everything storage counted for one period and one scope, for all its areas."""

    network: list[analysis.AreaCount] = field(default_factory=list)
    feelings: list[analysis.FeelingCount] = field(default_factory=list)
    problems: list[analysis.ProblemCount] = field(default_factory=list)
    trends: list[analysis.TrendCount] = field(default_factory=list)
    quarters: list[analysis.QuarterMarks] = field(default_factory=list)
    places: list[analysis.PlaceCount] = field(default_factory=list)
    concerns: list[analysis.ConcernTotals] = field(default_factory=list)
    actions: list[analysis.ActionCount] = field(default_factory=list)
    crime: list[crime.CrimeTotal] = field(default_factory=list)


async def count(conn: aiosqlite.Connection, span: Span, scope: Scope, *, full: bool) -> Counts:
    """The counts of one span; `full` adds what only the current period shows."""
    counts = Counts(
        network=await analysis.network_sizes(conn, span, scope),
        feelings=await analysis.feelings(conn, span, scope),
        problems=await analysis.problems_named(conn, span, scope),
        crime=await crime.totals(conn, span.since, span.until, scope.areas),
    )
    if full:
        counts.trends = await analysis.trends(conn, span, scope)
        counts.places = await analysis.places_named(conn, span, scope)
        counts.concerns = await analysis.concern_totals(conn, span, scope)
        counts.actions = await analysis.action_counts(conn, span, scope)
    return counts


async def load(
    conn: aiosqlite.Connection,
    period: Period,
    scope: Scope,
    timezone: ZoneInfo,
    problem_labels: dict[str, str],
) -> dict[str, AreaFigures]:
    """The figures of every area in scope that has anything to show, by area."""
    previous = period.previous()
    now = await count(conn, period.span(timezone), scope, full=True)
    before = await count(conn, previous.span(timezone), scope, full=False)
    both = Span(
        since=previous.start,
        until=period.end,
        since_at=previous.span(timezone).since_at,
        until_at=period.span(timezone).until_at,
    )
    quarters = await analysis.marks_by_quarter(conn, both, scope)
    return build(period, now, before, quarters, problem_labels)


def build(
    period: Period,
    now: Counts,
    before: Counts,
    quarters: Iterable[analysis.QuarterMarks],
    problem_labels: dict[str, str],
) -> dict[str, AreaFigures]:
    figures: dict[str, AreaFigures] = {}

    def of(area: str) -> AreaFigures:
        if area not in figures:
            figures[area] = AreaFigures(area, period)
        return figures[area]

    for counts, is_now in ((now, True), (before, False)):
        for network in counts.network:
            area = of(network.area)
            (area.now if is_now else area.before).network += network.count
        for feeling in counts.feelings:
            area = of(feeling.area)
            feelings = area.now if is_now else area.before
            key = feeling.feeling or ""
            feelings.counts[key] = feelings.counts.get(key, 0) + feeling.contacts
            feelings.mark_sum += feeling.mark_sum
            feelings.mark_count += feeling.mark_count
        for named in counts.problems:
            figure = of(named.area).problem(named.problem)
            if is_now:
                figure.named += named.contacts
            else:
                figure.named_before += named.contacts
        for total in counts.crime:
            problem = crime_matches(total.category, problem_labels)
            if problem is None:
                continue
            figure = of(total.area).problem(problem)
            if is_now:
                figure.crime = (figure.crime or 0) + total.count
            else:
                figure.crime_before = (figure.crime_before or 0) + total.count
    for trend in now.trends:
        of(trend.area).problem(trend.problem).trends[Trend(trend.trend)] += trend.scans
    for marks in quarters:
        area = of(marks.area)
        mark_sum, mark_count = area.quarters.get((marks.year, marks.quarter), (0, 0))
        area.quarters[(marks.year, marks.quarter)] = (
            mark_sum + marks.mark_sum,
            mark_count + marks.mark_count,
        )
    for place in now.places:
        of(place.area).places.append(place)
    for held in now.concerns:
        area = of(held.area)
        area.meetings += held.meetings
        area.concerns += held.concerns
        area.supports += held.supports
    for action in now.actions:
        area = of(action.area)
        area.actions[action.status] = area.actions.get(action.status, 0) + action.actions
    return figures


def combine(period: Period, parts: Iterable[AreaFigures], places: int = 5) -> AreaFigures:
    """Several areas as one, for the zone: counts add up, means are recomputed from sums."""
    total = AreaFigures(None, period)
    for part in parts:
        total.now.add(part.now)
        total.before.add(part.before)
        for problem, figure in part.problems.items():
            into = total.problem(problem)
            into.named += figure.named
            into.named_before += figure.named_before
            for trend, n in figure.trends.items():
                into.trends[trend] += n
            if figure.crime is not None:
                into.crime = (into.crime or 0) + figure.crime
            if figure.crime_before is not None:
                into.crime_before = (into.crime_before or 0) + figure.crime_before
        for key, (mark_sum, marks) in part.quarters.items():
            have_sum, have = total.quarters.get(key, (0, 0))
            total.quarters[key] = (have_sum + mark_sum, have + marks)
        total.places += part.places
        total.meetings += part.meetings
        total.concerns += part.concerns
        total.supports += part.supports
        for status, n in part.actions.items():
            total.actions[status] = total.actions.get(status, 0) + n
    # Each area sent its own top places; the zone's top ones are among them.
    total.places = sorted(total.places, key=lambda p: -(p.concerns + p.supports))[:places]
    return total


def by_area(
    figures: dict[str, AreaFigures], areas: Iterable[str], period: Period
) -> list[AreaFigures]:
    """One entry per area asked for, an empty one where nothing was counted."""
    return [figures.get(area) or AreaFigures(area, period) for area in areas]
