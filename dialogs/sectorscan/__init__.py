"""The sectorscan: an officer's network of partner contacts (`contacts`, `contact_list`,
`contact_import` with `csv_table`), a contact's arrival (`contact_welcome`), the scan itself and
the comparison with the last visit (`scan`), the officer's summary (`summary`) and reading the
last one again (`last_scan`), the contact form and its wijken (`contact_form`, `areas`), the problem
list (`problem_list`) and when a contact's yearly visit is due (`visit_rule`)."""

from __future__ import annotations

from dialogs.engine.engine import Engine
from dialogs.forms.model import Form
from dialogs.sectorscan import contacts, last_scan, scan


def install(engine: Engine, forms: dict[str, Form]) -> None:
    contacts.install(engine, forms[contacts.FORM])
    scan.ScanFlow(engine, forms[scan.FLOW])
    last_scan.install(engine, forms[scan.FLOW])
