"""`/export`: an XLSX workbook of the scans, meetings, concerns, supports and actions.

An officer exports his own areas (his contacts and meetings), an admin the zone or one area.
Each export is written in the audit log in the turn's transaction; after it, the rows are read,
put into words and written as a workbook in a process of its own (export_process), so nobody
else's update waits for any of it.
"""

from __future__ import annotations

import locales
from dialogs.buurtgesprek import ACTION_FORM
from dialogs.engine.engine import Engine
from dialogs.engine.file_names import slug
from dialogs.engine.replies import Deferred
from dialogs.engine.texts import Texts
from dialogs.engine.turn import Turn
from dialogs.forms.localized import option_labels, stored_labels
from dialogs.forms.model import Form
from dialogs.sectorscan.contact_roles import role_names
from dialogs.sectorscan.contacts import FORM as CONTACT_FORM
from dialogs.sectorscan.problem_list import Problems
from dialogs.sectorscan.scan import FLOW as SCAN_FORM
from dialogs.wijk.export_process import ExportOrder, ExportProcess
from dialogs.wijk.figures import period_codes, period_of
from dialogs.wijk.report import period_name
from dialogs.wijk.view import area_key, areas_of, find_area, scope_of
from storage import audit
from storage.people import Role

ALL = "all"  # in button data: every area of the person, or every period
AREA_BUTTONS = 60


def stored_words(forms: dict[str, Form], texts: Texts) -> dict[str, str]:
    """The words of what the export holds as stored: the scan's answer codes by option id, the
    contacts' roles and the actions' partners by the form files' names."""
    return (
        option_labels(forms[SCAN_FORM], texts)
        | role_names(forms[CONTACT_FORM], texts)
        | stored_labels(forms[ACTION_FORM], "partner", texts)
    )


def file_name(area: str | None, code: str) -> str:
    """An ASCII name, since not every phone keeps accents in a file name."""
    return f"wijkbot-{slug(area or 'zone', 'wijk')}-{code}.xlsx"


class ExportFlow:
    def __init__(self, engine: Engine, forms: dict[str, Form]) -> None:
        self.forms = forms
        self.problems = Problems.of(forms[SCAN_FORM])
        self.database = engine.db.path
        self.process = ExportProcess()
        engine.add_command("export", self.export)
        engine.add_command("export_area", self.export_area)
        engine.add_command("export_go", self.export_go)

    async def export(self, turn: Turn, _arg: str) -> None:
        areas = await areas_of(turn)
        if not areas:
            turn.say(turn.t("wijk.no_areas"))
            return
        if turn.person.role is Role.ADMIN:
            everything = turn.label("export.all_zone")
        else:
            everything = turn.label("export.all_mine")
        buttons = [turn.menu_button(everything, "export_area", ALL)]
        buttons += [
            turn.menu_button(area[:40], "export_area", area_key(area))
            for area in areas[:AREA_BUTTONS]
        ]
        keyboard = tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))
        turn.say(turn.t("export.choose_area"), keyboard)

    async def export_area(self, turn: Turn, arg: str) -> None:
        if arg != ALL and await find_area(turn, arg) is None:
            turn.say(turn.t("access.refused"))
            return
        buttons = []
        for code in period_codes(turn.today):
            period = period_of(code, turn.today)
            assert period is not None
            buttons.append(
                turn.menu_button(period_name(turn.texts, period), "export_go", f"{arg}_{code}")
            )
        buttons.append(
            turn.menu_button(turn.label("export.everything"), "export_go", f"{arg}_{ALL}")
        )
        turn.say(
            turn.t("export.choose_period"), (tuple(buttons[:2]), tuple(buttons[2:])), edit=True
        )

    async def export_go(self, turn: Turn, arg: str) -> None:
        key, _, code = arg.partition("_")
        area = None if key == ALL else await find_area(turn, key)
        period = None if code == ALL else period_of(code, turn.today)
        if (key != ALL and area is None) or (code != ALL and period is None):
            turn.say(turn.t("access.refused"))
            return
        scope = scope_of(turn, None if area is None else (area,))
        span = None if period is None else period.span(turn.texts.timezone)
        await audit.record(turn.conn, turn.person.id, "export", turn.now)
        order = ExportOrder(
            database=self.database,
            span=span,
            scope=scope,
            language=turn.texts.language,
            catalogs=locales.FOLDER,
            locale=str(turn.texts.locale),
            timezone=turn.texts.timezone.key,
            problems=self.problems,
            # In the words of whoever asks: sheet names, headers and the answers' labels.
            options=stored_words(self.forms, turn.texts),
            name=file_name(area, code),
            caption=turn.t("export.caption"),
            edit=turn.pressed,
        )
        process = self.process
        turn.replies.append(Deferred(lambda: process.made(order)))
