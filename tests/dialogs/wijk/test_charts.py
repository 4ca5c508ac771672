"""The charts are real PNG pictures of a sensible size, for a wijk with data and one without."""

from __future__ import annotations

import struct
from datetime import date
from zoneinfo import ZoneInfo

from dialogs.engine.engine import Engine
from dialogs.engine.replies import Picture
from dialogs.engine.texts import Html
from dialogs.forms.model import load_forms
from dialogs.wijk import charts
from dialogs.wijk.figures import AreaFigures, by_area, load, period_of
from dialogs.wijk.pictures import deferred, heat_map, mark_line, trend_bars
from dialogs.wijk.report import Labels
from storage.analysis import Scope
from tests.wijk_seed import seed

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE)
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


async def test_charts_of_a_seeded_and_an_empty_area(engine: Engine) -> None:
    async with engine.db.transaction() as conn:
        await seed(conn)
        labels = Labels(load_forms()["sectorscan"])
        period = period_of("12m", date(2026, 3, 2))
        assert period is not None
        found = await load(conn, period, Scope(), ZoneInfo("Europe/Brussels"), labels.problems)
    texts = engine.texts("nl")
    centrum, haven = by_area(found, ["Centrum", "Haven"], period)

    bars = trend_bars(texts, labels, centrum)
    assert bars.categories[:2] == ("Te snel rijden", "Drugsoverlast")
    assert [s.label for s in bars.series] == [
        "Verslechterd",
        "Nieuw",
        "Onveranderd",
        "Verbeterd",
        "Opgelost",
    ]
    picture = deferred(bars, Html("Wijk Centrum")).make()
    assert isinstance(picture, Picture)
    width, height = png_size(picture.png)
    assert width == 1200  # 8 inches at 150 dpi: sharp on a phone
    assert 300 <= height <= 2000

    line = mark_line(texts, centrum)
    assert line.steps[0] == "2024 K2" and len(line.steps) == 8
    assert line.value_labels[:6] == ("6", "", "", "", "5", "4,5")
    width, height = png_size(charts.render(line))
    assert (width, height) == (1200, 720)

    heat = heat_map(texts, labels, [centrum, haven])
    assert heat.rows == ("Centrum", "Haven")
    assert heat.values[1] == (None,) * len(heat.columns)  # nothing known is not 0%
    assert png_size(charts.render(heat))[0] >= 880

    # An area without scans draws a picture that says so, rather than failing.
    empty = trend_bars(texts, labels, haven)
    assert empty.categories == ()
    assert empty.empty == "Nog geen gegevens"
    width, height = png_size(charts.render(empty))
    assert width == 1200 and height >= 300
    assert charts.render(mark_line(texts, AreaFigures("Nergens", period))).startswith(PNG_SIGNATURE)
