"""`/wijk` for an officer (his areas) and `/zone` for an admin (every area): figures, then charts.

An area travels in button data as a short hash of its name, since names are free text; the
handler looks it up among the areas this person may see, so a forged one is simply refused.
An officer's figures count his own contacts and meetings; an admin's count everyone's. The
figures are read after the turn's transaction, on a read-only connection of their own (the
whole zone takes a while), so other people's updates do not wait for them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import aiosqlite

from dialogs.engine.engine import Engine
from dialogs.engine.limits import MESSAGE_LIMIT, visible_length
from dialogs.engine.replies import Choice, Keyboard, LongRead, Message, Reply
from dialogs.engine.texts import Html, Texts
from dialogs.engine.turn import Turn
from dialogs.forms.localized import localized
from dialogs.forms.model import Form
from dialogs.wijk.bin_figures import bin_section
from dialogs.wijk.figures import (
    DEFAULT_PERIOD,
    AreaFigures,
    Period,
    by_area,
    combine,
    load,
    period_codes,
    period_of,
)
from dialogs.wijk.pictures import deferred, heat_map, mark_line, trend_bars
from dialogs.wijk.report import Labels, area_line, period_name, report
from storage import analysis
from storage.analysis import Scope
from storage.people import Role

AREA_BUTTONS = 60  # a phone screen of area buttons, two to a row
LABEL_LENGTH = 40
AREA_LINES_LIMIT = MESSAGE_LIMIT - 300  # room for the closing "and N more" line


def area_key(area: str) -> str:
    return hashlib.sha256(area.encode()).hexdigest()[:8]


def scope_of(turn: Turn, areas: tuple[str, ...] | None) -> Scope:
    officer = None if turn.person.role is Role.ADMIN else turn.person.id
    return Scope(areas=areas, officer_id=officer)


async def areas_of(turn: Turn) -> list[str]:
    """The areas this person may look at: an admin every one, an officer his own."""
    officer = None if turn.person.role is Role.ADMIN else turn.person.id
    return await analysis.areas(turn.conn, officer)


async def find_area(turn: Turn, key: str) -> str | None:
    return next((a for a in await areas_of(turn) if area_key(a) == key), None)


class WijkView:
    def __init__(self, engine: Engine, scan_form: Form) -> None:
        self.scan_form = scan_form
        # Crime categories are matched on the form file's (Dutch) names, as they are imported.
        self.crime_names = Labels(scan_form).problems
        engine.add_command("wijk", self.wijk)
        engine.add_command("wijk_show", self.wijk_show)
        engine.add_command("wijk_areas", self.wijk_areas)
        engine.add_command("zone", self.zone)
        engine.add_command("zone_show", self.zone_show)

    # -- one area ---------------------------------------------------------------------------
    async def wijk(self, turn: Turn, _arg: str) -> None:
        period = self._period(turn, DEFAULT_PERIOD)
        areas = await areas_of(turn)
        if not areas:
            turn.say(turn.t("wijk.no_areas"))
        elif len(areas) == 1:
            await self.show_area(turn, areas[0], period)
        else:
            self.choose_area(turn, areas, period)

    async def wijk_areas(self, turn: Turn, arg: str) -> None:
        period = period_of(arg, turn.today)
        if period is None:
            turn.say(turn.t("access.refused"))
            return
        self.choose_area(turn, await areas_of(turn), period)

    async def wijk_show(self, turn: Turn, arg: str) -> None:
        key, _, code = arg.partition("_")
        period = period_of(code, turn.today)
        area = await find_area(turn, key)
        if period is None or area is None:
            turn.say(turn.t("access.refused"))
            return
        await self.show_area(turn, area, period)

    def choose_area(self, turn: Turn, areas: list[str], period: Period) -> None:
        buttons = [
            turn.menu_button(area[:LABEL_LENGTH], "wijk_show", f"{area_key(area)}_{period.code}")
            for area in areas[:AREA_BUTTONS]
        ]
        keyboard = tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))
        turn.say(
            turn.t("wijk.choose_area", period=period_name(turn.texts, period)), keyboard, edit=True
        )

    async def show_area(self, turn: Turn, area: str, period: Period) -> None:
        scope, texts = scope_of(turn, (area,)), turn.texts
        title, caption = turn.t("wijk.title", area=area), turn.t("wijk.caption", area=area)
        labels = self.labels(turn)
        keyboard = self._periods(
            turn, period, lambda code: ("wijk_show", f"{area_key(area)}_{code}")
        )
        if len(await areas_of(turn)) > 1:
            keyboard += (
                (turn.menu_button(turn.label("wijk.other_area"), "wijk_areas", period.code),),
            )

        async def read(conn: aiosqlite.Connection) -> list[Reply]:
            loaded = await load(conn, period, scope, texts.timezone, self.crime_names)
            figures = loaded.get(area) or AreaFigures(area, period)
            shown = report(texts, labels, figures, title)
            bin_part = await bin_section(conn, texts, labels, [area])
            replies: list[Reply] = [Message(Html(f"{shown}\n\n{bin_part}"), keyboard)]
            if figures.has_scans:
                replies += self._pictures(texts, labels, figures, caption)
            return replies

        turn.replies.append(LongRead(read))

    # -- the whole zone ---------------------------------------------------------------------
    async def zone(self, turn: Turn, _arg: str) -> None:
        await self.show_zone(turn, self._period(turn, DEFAULT_PERIOD))

    async def zone_show(self, turn: Turn, arg: str) -> None:
        period = period_of(arg, turn.today)
        if period is None:
            turn.say(turn.t("access.refused"))
            return
        await self.show_zone(turn, period)

    async def show_zone(self, turn: Turn, period: Period) -> None:
        texts, title, caption = turn.texts, turn.t("zone.title"), turn.t("zone.caption")
        keyboard = self._periods(turn, period, lambda code: ("zone_show", code))
        per_area = (turn.menu_button(turn.label("zone.per_area"), "wijk_areas", period.code),)
        labels = self.labels(turn)

        async def read(conn: aiosqlite.Connection) -> list[Reply]:
            areas = await analysis.areas(conn)
            loaded = await load(conn, period, Scope(), texts.timezone, self.crime_names)
            parts = by_area(loaded, areas, period)
            total = combine(period, parts)
            shown: Keyboard = (*keyboard, per_area) if areas else keyboard
            replies: list[Reply] = [Message(report(texts, labels, total, title), shown)]
            if not areas:
                return replies
            replies.append(Message(self._area_lines(texts, parts)))
            replies.append(Message(await bin_section(conn, texts, labels, areas[:AREA_BUTTONS])))
            if total.has_scans:
                replies.append(deferred(heat_map(texts, labels, parts), caption))
                replies += self._pictures(texts, labels, total, caption)
            return replies

        turn.replies.append(LongRead(read))

    @staticmethod
    def _area_lines(texts: Texts, parts: list[AreaFigures]) -> Html:
        lines = [texts.t("zone.areas")]
        size = visible_length(lines[0])
        for shown, part in enumerate(parts):
            line = area_line(texts, part)
            if size + visible_length(line) > AREA_LINES_LIMIT:
                lines.append(texts.tn("zone.areas_more", len(parts) - shown))
                break
            lines.append(line)
            size += visible_length(line) + 1
        return Html("\n".join(lines))

    # -- shared -----------------------------------------------------------------------------
    def labels(self, turn: Turn) -> Labels:
        """The problems and feelings in the words of whoever asks."""
        return Labels(localized(self.scan_form, turn.texts))

    def _pictures(
        self, texts: Texts, labels: Labels, figures: AreaFigures, caption: Html
    ) -> list[Reply]:
        return [
            deferred(trend_bars(texts, labels, figures), caption),
            deferred(mark_line(texts, figures), caption),
        ]

    @staticmethod
    def _period(turn: Turn, code: str) -> Period:
        period = period_of(code, turn.today)
        assert period is not None
        return period

    @staticmethod
    def _periods(turn: Turn, current: Period, target: Callable[[str], tuple[str, str]]) -> Keyboard:
        """One button per period offered; the one shown is marked."""
        row: list[Choice] = []
        for code in period_codes(turn.today):
            period = period_of(code, turn.today)
            assert period is not None
            name = period_name(turn.texts, period)
            if code == current.code:
                name = turn.label("wijk.period_current", period=name)
            command, arg = target(code)
            row.append(turn.menu_button(name, command, arg))
        return (tuple(row),)
