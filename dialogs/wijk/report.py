"""The short message that opens the view of a wijk or the zone: figures first, in words."""

from __future__ import annotations

from dialogs.engine.texts import N_, Html, Texts
from dialogs.forms.model import Form
from dialogs.sectorscan.visit_rule import add_months
from dialogs.wijk.figures import FEELINGS, AreaFigures, Feelings, Period
from storage.scans import Trend

TOP_PROBLEMS = 8
TOP_PLACES = 5
# Worse and new first: what needs attention leads, as in the scan summary.
TREND_ORDER = (Trend.WORSE, Trend.NEW, Trend.UNCHANGED, Trend.IMPROVED, Trend.SOLVED)
TREND_LABEL = {
    Trend.WORSE: N_("wijk.trend.worse"),
    Trend.NEW: N_("wijk.trend.new"),
    Trend.UNCHANGED: N_("wijk.trend.unchanged"),
    Trend.IMPROVED: N_("wijk.trend.improved"),
    Trend.SOLVED: N_("wijk.trend.solved"),
}


class Labels:
    """Labels of the problems and feelings as the sectorscan form names them."""

    def __init__(self, form: Form) -> None:
        self.problems = {o.id: o.label for o in form.question("problemen").options}
        self.feelings = {o.id: o.label for o in form.question("gevoel").options}

    def problem(self, problem: str) -> str:
        return self.problems.get(problem, problem)


def period_name(texts: Texts, period: Period) -> str:
    if period.year is not None:
        return texts.plain("wijk.period.year", year=period.year)
    return texts.plain("wijk.period.months", months=period.months)


def period_line(texts: Texts, period: Period) -> Html:
    last = add_months(period.end, -1)  # periods run from the first of a month to another
    return texts.t(
        "wijk.period",
        name=period_name(texts, period),
        start=texts.date(period.start, "MMMM y"),
        end=texts.date(last, "MMMM y"),
    )


def percent(share: float) -> int:
    return round(share * 100)


def mark(texts: Texts, value: float | None) -> str:
    return "-" if value is None else texts.number(round(value, 1))


def feelings_line(texts: Texts, labels: Labels, feelings: Feelings) -> Html:
    return Html(
        " · ".join(
            texts.t(
                "wijk.feeling_share",
                feeling=labels.feelings.get(f, f).lower(),
                percent=percent(feelings.share(f)),
            )
            for f in FEELINGS
        )
    )


def report(texts: Texts, labels: Labels, figures: AreaFigures, title: Html) -> Html:
    """The figures in a few lines: scans, feeling, mark, problems, crime, meetings, actions."""
    t = texts.t
    now, before = figures.now, figures.before
    lines = [title, period_line(texts, figures.period), ""]
    if not figures.has_data:
        lines.append(t("wijk.no_data"))
        return Html("\n".join(lines))
    lines.append(
        t(
            "wijk.scanned",
            scanned=now.scanned,
            network=texts.plain_n("count.contacts", max(now.network, now.scanned)),
            before=before.scanned,
            before_network=texts.plain_n("count.contacts", max(before.network, before.scanned)),
        )
    )
    if now.scanned:
        lines.append(t("wijk.feeling", shares=feelings_line(texts, labels, now)))
    if before.scanned:
        lines.append(t("wijk.feeling_before", shares=feelings_line(texts, labels, before)))
    if now.scanned or before.scanned:
        lines.append(
            t("wijk.mark", mark=mark(texts, now.mean_mark), before=mark(texts, before.mean_mark))
        )
    lines += _problems(texts, labels, figures)
    lines += _crime(texts, labels, figures)
    lines.append("")
    lines.append(
        t(
            "wijk.meetings",
            meetings=texts.number(figures.meetings),
            concerns=texts.plain_n("count.concerns", figures.concerns),
            supports=texts.plain_n("count.supports", figures.supports),
        )
    )
    if figures.places:
        places = ", ".join(
            texts.plain("wijk.place", place=p.place, residents=p.concerns + p.supports)
            for p in figures.places[:TOP_PLACES]
        )
        lines.append(t("wijk.places", places=places))
    lines.append(
        t(
            "wijk.actions",
            open=figures.open_actions,
            done=figures.actions.get("done", 0),
            not_feasible=figures.actions.get("not_feasible", 0),
        )
    )
    return Html("\n".join(lines))


def _problems(texts: Texts, labels: Labels, figures: AreaFigures) -> list[str]:
    ranked = [p for p in figures.ranked if p.named or any(p.trends.values())]
    if not ranked:
        return []
    lines = ["", texts.t("wijk.problems")]
    for place, figure in enumerate(ranked[:TOP_PROBLEMS], start=1):
        trends = ", ".join(
            texts.plain(TREND_LABEL[trend], n=figure.trends[trend])
            for trend in TREND_ORDER
            if figure.trends[trend]
        )
        values = {
            "place": place,
            "problem": labels.problem(figure.problem),
            "named": figure.named,
            "before": figure.named_before,
        }
        if trends:
            lines.append(texts.t("wijk.problem_trends", trends=trends, **values))
        else:
            lines.append(texts.t("wijk.problem", **values))
    if len(ranked) > TOP_PROBLEMS:
        lines.append(texts.t("wijk.problems_more", count=len(ranked) - TOP_PROBLEMS))
    return lines


def _crime(texts: Texts, labels: Labels, figures: AreaFigures) -> list[str]:
    matched = [p for p in figures.ranked if p.crime is not None or p.crime_before is not None]
    if not matched:
        return []
    lines = ["", texts.t("wijk.crime")]
    for figure in sorted(matched, key=lambda p: -(p.crime or 0)):
        lines.append(
            texts.t(
                "wijk.crime_line",
                problem=labels.problem(figure.problem),
                count=texts.plain_n("count.facts", figure.crime or 0),
                before=figure.crime_before or 0,
                named=texts.plain_n("count.contacts", figure.named),
            )
        )
    return lines


def area_line(texts: Texts, figures: AreaFigures) -> Html:
    """One line of an area in the zone's list: scanned, mark, and how many feel unsafe often."""
    now = figures.now
    unsafe = "-"
    if now.scanned:
        unsafe = texts.plain(
            "chart.percent", percent=percent(now.share("vaak") + now.share("altijd"))
        )
    return texts.t(
        "zone.area_line",
        area=figures.area or "",
        scanned=now.scanned,
        network=max(now.network, now.scanned),
        mark=mark(texts, now.mean_mark),
        unsafe=unsafe,
    )
