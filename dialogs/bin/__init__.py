"""The buurtinformatienetwerk (BIN): residents who join their wijk's network by its link
(`membership`), the officer's menu with counts, links and flyers (`officer`), writing and
sending an alert to the members (`compose`), following its sending (`progress`), members'
answers to it (`seen`), and how an alert and its sending read (`alert_text`)."""

from __future__ import annotations

from dialogs.bin.compose import ComposeFlow
from dialogs.bin.membership import Membership
from dialogs.bin.officer import OfficerMenu
from dialogs.bin.seen import SeenFlow
from dialogs.engine.engine import Engine
from dialogs.forms.model import Form

SEEN_FORM = "bin_seen"


def install(engine: Engine, forms: dict[str, Form]) -> None:
    Membership(engine)
    OfficerMenu(engine)
    ComposeFlow(engine)
    SeenFlow(engine, forms[SEEN_FORM])
