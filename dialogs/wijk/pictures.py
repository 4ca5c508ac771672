"""The pictures that follow the message: what the figures look like as charts.

Everything a chart shows is worked out here, in the turn, with the reader's texts; the
drawing itself is deferred, so it runs after the transaction in a worker thread.
"""

from __future__ import annotations

from dialogs.engine.replies import Deferred, Picture
from dialogs.engine.texts import N_, Html, Texts
from dialogs.wijk import charts
from dialogs.wijk.figures import AreaFigures
from dialogs.wijk.report import TREND_ORDER, Labels, mark, percent
from storage.scans import Trend

TOP_BARS = 10
TREND_LEGEND = {
    Trend.WORSE: N_("chart.trend.worse"),
    Trend.NEW: N_("chart.trend.new"),
    Trend.UNCHANGED: N_("chart.trend.unchanged"),
    Trend.IMPROVED: N_("chart.trend.improved"),
    Trend.SOLVED: N_("chart.trend.solved"),
}
TREND_COLOUR = {
    Trend.WORSE: charts.VERMILLION,
    Trend.NEW: charts.ORANGE,
    Trend.UNCHANGED: charts.GREY,
    Trend.IMPROVED: charts.SKY_BLUE,
    Trend.SOLVED: charts.BLUISH_GREEN,
}


def deferred(chart: charts.Chart, caption: Html) -> Deferred:
    return Deferred(lambda: Picture(charts.render(chart), caption))


def trend_bars(texts: Texts, labels: Labels, figures: AreaFigures) -> charts.StackedBars:
    shown = [p for p in figures.ranked if any(p.trends.values())][:TOP_BARS]
    return charts.StackedBars(
        title=texts.plain("chart.trends.title"),
        categories=tuple(labels.problem(p.problem) for p in shown),
        series=tuple(
            charts.Series(
                texts.plain(TREND_LEGEND[trend]),
                TREND_COLOUR[trend],
                tuple(p.trends[trend] for p in shown),
            )
            for trend in TREND_ORDER
        ),
        axis=texts.plain("chart.trends.axis"),
        empty=texts.plain("chart.empty"),
    )


def mark_line(texts: Texts, figures: AreaFigures) -> charts.Line:
    means = figures.quarter_means()
    return charts.Line(
        title=texts.plain("chart.marks.title"),
        steps=tuple(texts.plain("chart.quarter", year=y, quarter=q) for (y, q), _ in means),
        values=tuple(value for _, value in means),
        value_labels=tuple("" if value is None else mark(texts, value) for _, value in means),
        axis=texts.plain("chart.marks.axis"),
        low=1,
        high=10,
        empty=texts.plain("chart.empty"),
    )


def heat_map(texts: Texts, labels: Labels, areas: list[AreaFigures]) -> charts.HeatMap:
    """Areas x problems: the share of each area's scanned contacts that named the problem."""
    named = {p for area in areas for p, figure in area.problems.items() if figure.named}
    columns = [p for p in labels.problems if p in named] + sorted(named - set(labels.problems))
    values = tuple(tuple(_share(area, p) for p in columns) for area in areas)
    cells = tuple(
        tuple("–" if v is None else texts.plain("chart.percent", percent=percent(v)) for v in row)
        for row in values
    )
    return charts.HeatMap(
        title=texts.plain("chart.heat.title"),
        rows=tuple(area.area or "" for area in areas),
        columns=tuple(labels.problem(p) for p in columns),
        values=values,
        cell_labels=cells,
        legend=texts.plain("chart.heat.legend"),
        empty=texts.plain("chart.empty"),
    )


def _share(area: AreaFigures, problem: str) -> float | None:
    """None for an area without scans: nothing known, which is not the same as 0%."""
    if not area.now.scanned:
        return None
    figure = area.problems.get(problem)
    return figure.named / area.now.scanned if figure else 0.0
