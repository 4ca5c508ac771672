"""The wijk in view: the figures of an area or the zone (`figures`), the message that opens the
view (`report`), its charts (`charts`, `pictures`), /wijk and /zone (`view`), the export for
the zonal safety plan (`export`, `export_book`, `export_files`), registered crime
(`crime_import`), and forwarding to the interventiedienst or the recherche (`forward`)."""

from __future__ import annotations

from dialogs.engine.engine import Engine
from dialogs.forms.model import Form
from dialogs.sectorscan.contacts import FORM as CONTACT_FORM
from dialogs.sectorscan.scan import FLOW as SCAN_FORM
from dialogs.wijk.export import ExportFlow
from dialogs.wijk.forward import ForwardFlow
from dialogs.wijk.view import WijkView


def install(engine: Engine, forms: dict[str, Form]) -> None:
    WijkView(engine, forms[SCAN_FORM])
    ExportFlow(engine, forms)
    ForwardFlow(engine, forms[SCAN_FORM], forms[CONTACT_FORM])
