"""The proefvragenlijst: a short demo form anyone can try, to see how forms work."""

from __future__ import annotations

from typing import Any

from dialogs.engine.engine import Engine
from dialogs.engine.turn import Turn
from dialogs.forms.model import Form
from dialogs.forms.runner import FormFlow
from storage import form_responses

FLOW = "proef"


async def _save(turn: Turn, form: Form, answers: dict[str, Any]) -> None:
    await form_responses.add(
        turn.conn,
        person_id=turn.person.id,
        form=form.id,
        form_version=form.version,
        answers=answers,
        now=turn.now,
    )


def install(engine: Engine, form: Form) -> None:
    flow = FormFlow(FLOW, form, _save)
    engine.add_flow(flow)

    async def proef(turn: Turn, _args: str) -> None:
        if turn.state is not None and turn.state.flow == FLOW:
            await flow.offer_resume(turn)
        else:
            await flow.start(turn)

    engine.add_command("proef", proef)
