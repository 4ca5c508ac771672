"""The buurtgesprek cycle, installed at once: meetings, the intake, the agenda, the actions."""

from __future__ import annotations

from dialogs.engine import Engine
from dialogs.flows import scan
from dialogs.flows.actions import ActionFlows
from dialogs.flows.concern_merge import MergeFlows
from dialogs.flows.intake import Intake
from dialogs.flows.meeting_plan import MeetingPlanner
from dialogs.flows.meetings import MeetingFlows
from dialogs.flows.my_concerns import MyConcerns
from dialogs.form_model import Form
from dialogs.problem_list import Problems

CONCERN_FORM = "concern"
MEETING_FORM = "meeting"
ACTION_FORM = "action"


def install(engine: Engine, forms: dict[str, Form]) -> None:
    problems = Problems.of(forms[scan.FLOW])
    MeetingFlows(engine, problems)
    MeetingPlanner(engine, forms[MEETING_FORM])
    MergeFlows(engine, problems)
    ActionFlows(engine, problems, forms[ACTION_FORM])
    Intake(engine, forms[CONCERN_FORM], problems)
    MyConcerns(engine, problems)
