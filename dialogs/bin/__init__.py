"""The buurtinformatienetwerk (BIN): residents who join their wijk's network by its link
(`membership`), the officer's menu with counts, links and flyers (`officer`), writing and
sending an alert to the members (`compose`), queueing it a slice of members at a time
(`fan_out`), following its sending (`progress`), members'
answers to it (`seen`), how an alert and its sending read (`alert_text`), and residents'
signals all year (`signals`) with the officer's desk for them (`signal_desk`)."""

from __future__ import annotations

from dialogs.bin import fan_out
from dialogs.bin.compose import ComposeFlow
from dialogs.bin.membership import Membership
from dialogs.bin.officer import OfficerMenu
from dialogs.bin.seen import SeenFlow
from dialogs.bin.signal_desk import SignalDesk
from dialogs.bin.signals import SignalIntake
from dialogs.engine.engine import Engine
from dialogs.forms.model import Form
from dialogs.sectorscan.problem_list import Problems
from dialogs.sectorscan.scan import FLOW as SCAN_FORM

SEEN_FORM = "bin_seen"
SIGNAL_FORM = "signal"


def install(engine: Engine, forms: dict[str, Form]) -> None:
    Membership(engine)
    OfficerMenu(engine)
    ComposeFlow(engine)
    engine.feeders.append(fan_out.AlertFeeder())
    SeenFlow(engine, forms[SEEN_FORM])
    problems = Problems.of(forms[SCAN_FORM])
    SignalIntake(engine, forms[SIGNAL_FORM], problems)
    SignalDesk(engine, problems)
