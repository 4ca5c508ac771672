"""The buurtgesprek cycle: planning a meeting (`plan`); the officer's meetings with their link
and flyer (`meetings`, `flyer`, `meeting_text`); residents' concerns (`intake`, reaching a
meeting by its code in `meeting_code`), recognising others' (`support`) and seeing one's own
(`my_concerns`); the agenda ranked by the residents behind each concern (`agenda`, shown by
`agenda_view`); merging duplicates (`merge`); and the priorities, actions and verantwoording
after the meeting (`actions`)."""

from __future__ import annotations

from dialogs.buurtgesprek.actions import ActionFlows
from dialogs.buurtgesprek.agenda_view import AgendaFlows
from dialogs.buurtgesprek.intake import Intake
from dialogs.buurtgesprek.meetings import MeetingFlows
from dialogs.buurtgesprek.merge import MergeFlows
from dialogs.buurtgesprek.my_concerns import MyConcerns
from dialogs.buurtgesprek.plan import MeetingPlanner
from dialogs.engine.engine import Engine
from dialogs.forms.model import Form
from dialogs.sectorscan import scan
from dialogs.sectorscan.problem_list import Problems

CONCERN_FORM = "concern"
MEETING_FORM = "meeting"
ACTION_FORM = "action"


def install(engine: Engine, forms: dict[str, Form]) -> None:
    problems = Problems.of(forms[scan.FLOW])
    MeetingFlows(engine, problems)
    AgendaFlows(engine, problems)
    MeetingPlanner(engine, forms[MEETING_FORM])
    MergeFlows(engine, problems)
    ActionFlows(engine, problems, forms[ACTION_FORM])
    Intake(engine, forms[CONCERN_FORM], problems)
    MyConcerns(engine, problems)
