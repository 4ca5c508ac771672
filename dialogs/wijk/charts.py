"""Charts as PNG: problems with their trends, the report mark per quarter, areas x problems.

A chart is described as plain data with every label already in the reader's language, so
rendering needs nothing but matplotlib and can run in a worker thread while the bot goes
on serving others. Only the object API with the Agg canvas is used: no display, no pyplot.
Colours are the Okabe-Ito palette and cividis, which readers with colour blindness tell apart.
"""

from __future__ import annotations

import io
import math
import textwrap
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

# matplotlib is imported when the first chart is drawn, not with the bot: it takes a third
# of a second, and most commands never draw.
if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Okabe & Ito (2008), "Color Universal Design".
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
GREY = "#999999"
INK = "#222222"

DPI = 150
WIDTH = 8.0  # inches: 1200 pixels, sharp on a phone and still legible when shown small
FONT = 13
_LOCK = threading.Lock()  # matplotlib's font caches are shared; one chart at a time


@dataclass(frozen=True, slots=True)
class Series:
    label: str
    colour: str
    values: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class StackedBars:
    """Horizontal bars, one per category, stacked by series (problems by trend)."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    axis: str
    empty: str


@dataclass(frozen=True, slots=True)
class Line:
    """One value per step, with gaps where there is none (the mark per quarter)."""

    title: str
    steps: tuple[str, ...]
    values: tuple[float | None, ...]
    value_labels: tuple[str, ...]
    axis: str
    low: float
    high: float
    empty: str


@dataclass(frozen=True, slots=True)
class HeatMap:
    """Rows x columns of shares 0..1 (areas x problems); None where a row has no data."""

    title: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]
    cell_labels: tuple[tuple[str, ...], ...]
    legend: str
    empty: str


Chart = StackedBars | Line | HeatMap


def render(chart: Chart) -> bytes:
    """The chart as PNG bytes; a chart without data says so in the picture itself."""
    import matplotlib

    matplotlib.use("Agg")  # never a display, even if something imports pyplot later
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with _LOCK:
        match chart:
            case StackedBars() if any(any(s.values) for s in chart.series):
                figure = _stacked_bars(chart)
            case Line() if any(v is not None for v in chart.values):
                figure = _line(chart)
            case HeatMap() if chart.rows and chart.columns:
                figure = _heat_map(chart)
            case _:
                figure = _empty(chart.title, chart.empty)
        buffer = io.BytesIO()
        FigureCanvasAgg(figure).print_figure(buffer, format="png")
        return buffer.getvalue()


def _figure(width: float, height: float, dpi: int = DPI) -> Figure:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=dpi, layout="constrained")
    figure.set_facecolor("white")
    return figure


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _empty(title: str, message: str) -> Figure:
    figure = _figure(WIDTH, 3.0)
    figure.suptitle(title, fontsize=FONT + 3, color=INK)
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.text(0.5, 0.5, message, ha="center", va="center", fontsize=FONT + 4, color=GREY)
    return figure


def _stacked_bars(chart: StackedBars) -> Figure:
    from matplotlib.ticker import MaxNLocator

    rows = len(chart.categories)
    figure = _figure(WIDTH, 1.8 + 0.55 * rows)
    figure.suptitle(chart.title, fontsize=FONT + 3, color=INK)
    axes = figure.add_subplot()
    positions = list(range(rows))
    left = [0] * rows
    for series in chart.series:
        axes.barh(
            positions,
            series.values,
            left=left,
            color=series.colour,
            label=series.label,
            edgecolor="white",
            height=0.7,
        )
        left = [a + b for a, b in zip(left, series.values, strict=True)]
    axes.set_yticks(positions, [_wrap(c, 26) for c in chart.categories], fontsize=FONT)
    axes.invert_yaxis()  # the first category on top, as in the message
    axes.set_xlabel(chart.axis, fontsize=FONT)
    axes.tick_params(axis="x", labelsize=FONT - 1)
    # Contacts are counted whole: the default locator's steps, integers only.
    axes.xaxis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10], integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12 - 0.3 / max(rows, 1)),
        ncols=min(len(chart.series), 3),
        fontsize=FONT - 1,
        frameon=False,
    )
    return figure


def _line(chart: Line) -> Figure:
    figure = _figure(WIDTH, 4.8)
    figure.suptitle(chart.title, fontsize=FONT + 3, color=INK)
    axes = figure.add_subplot()
    steps = list(range(len(chart.steps)))
    values = [math.nan if v is None else v for v in chart.values]
    axes.plot(steps, values, color=BLUE, linewidth=2.5, marker="o", markersize=8)
    for step, value, label in zip(steps, chart.values, chart.value_labels, strict=True):
        if value is not None:
            axes.annotate(
                label,
                (step, value),
                textcoords="offset points",
                xytext=(0, 9),
                ha="center",
                fontsize=FONT - 1,
                color=INK,
            )
    axes.set_ylim(chart.low, chart.high + 0.6)
    axes.set_ylabel(chart.axis, fontsize=FONT)
    rotate = 45 if len(steps) > 6 else 0
    axes.set_xticks(
        steps, chart.steps, fontsize=FONT - 1, rotation=rotate, ha="right" if rotate else "center"
    )
    axes.tick_params(axis="y", labelsize=FONT - 1)
    axes.grid(axis="y", color="#dddddd")
    axes.spines[["top", "right"]].set_visible(False)
    return figure


def _heat_map(chart: HeatMap) -> Figure:
    import matplotlib
    from matplotlib.ticker import PercentFormatter

    rows, columns = len(chart.rows), len(chart.columns)
    # A large table: a lower resolution keeps the file small, the reader zooms in anyway.
    figure = _figure(max(WIDTH, 2.8 + 0.62 * columns), 2.6 + 0.42 * rows, dpi=110)
    figure.suptitle(chart.title, fontsize=FONT + 3, color=INK)
    axes = figure.add_subplot()
    grid = [[math.nan if v is None else v for v in row] for row in chart.values]
    highest = max((v for row in chart.values for v in row if v is not None), default=0) or 1
    colours = matplotlib.colormaps["cividis_r"].with_extremes(bad="#eeeeee")  # light: no data
    image = axes.imshow(grid, cmap=colours, vmin=0, vmax=highest, aspect="auto")
    for r, row in enumerate(chart.values):
        for c, value in enumerate(row):
            dark = value is not None and value > highest / 2
            axes.text(
                c,
                r,
                chart.cell_labels[r][c],
                ha="center",
                va="center",
                fontsize=FONT - 4,
                color="white" if dark else INK,
            )
    axes.set_xticks(
        range(columns),
        [_wrap(c, 18) for c in chart.columns],
        rotation=60,
        ha="right",
        rotation_mode="anchor",
        fontsize=FONT - 2,
    )
    axes.set_yticks(range(rows), chart.rows, fontsize=FONT - 1)
    axes.tick_params(length=0)
    for side in axes.spines.values():
        side.set_visible(False)
    bar = figure.colorbar(
        image, ax=axes, location="top", shrink=0.6, aspect=40, format=PercentFormatter(1.0, 0)
    )
    bar.set_label(chart.legend, fontsize=FONT - 1)
    bar.ax.tick_params(labelsize=FONT - 3)
    return figure
