"""The form that adds or changes a contact: from the answers to a contact and back, and the
wijk chosen among the zone's, a new one only after a yes."""

from __future__ import annotations

from typing import Any

from dialogs.engine.turn import Turn
from dialogs.forms.answers import Invalid
from dialogs.forms.model import Form, Question
from dialogs.forms.runner import FormFlow
from dialogs.forms.view import Confirmation
from dialogs.sectorscan import areas
from storage.contacts import Contact, NewContact

NEW_AREA = "nieuwe_wijk"  # the question that names a wijk not on the buttons
AREA_LABEL = 60  # the longest button label a form option takes


def answers_of(contact: Contact, form: Form, context: dict[str, Any]) -> dict[str, Any]:
    roles = {option.label: option.id for option in form.question("rol").options}
    wijken = {item["label"]: item["id"] for item in context["wijken"]}
    area = wijken.get(contact.area)
    return {
        "naam": contact.name,
        "organisatie": contact.organisation,
        "rol": roles.get(contact.role, "andere"),
        "wijk": area or areas.OTHER,
        "nieuwe_wijk": None if area else contact.area,
        "telefoon": contact.phone,
        "straat": contact.street,
    }


def contact_of(answers: dict[str, Any], form: Form, context: dict[str, Any]) -> NewContact:
    roles = {option.id: option.label for option in form.question("rol").options}
    area = answers["nieuwe_wijk"] if answers["wijk"] == areas.OTHER else None
    return NewContact(
        name=answers["naam"],
        organisation=answers["organisatie"],
        role=roles[answers["rol"]],
        area=area or form.answer_label("wijk", answers, context) or "",
        phone=answers.get("telefoon"),
        street=answers.get("straat"),
    )


async def form_context(turn: Turn, contact_id: int | None = None) -> dict[str, Any]:
    """The zone's wijken as the form's buttons, then "een andere wijk"."""
    known = await areas.zone_areas(turn.conn, turn.person.id)
    wijken = [
        {"id": f"w{i}", "label": area} for i, area in enumerate(known) if len(area) <= AREA_LABEL
    ]
    wijken.append({"id": areas.OTHER, "label": turn.label("contact.area_other")})
    context: dict[str, Any] = {"wijken": wijken}
    if contact_id is not None:
        context["contact_id"] = contact_id
    return context


class ContactForm(FormFlow):
    """The contact form, which makes a new wijk only when the officer confirms it."""

    def _known(self, turn: Turn) -> list[str]:
        assert turn.state is not None
        wijken = turn.state.data["context"]["wijken"]
        return [item["label"] for item in wijken if item["id"] != areas.OTHER]

    def check(self, turn: Turn, question: Question, answer: Any) -> Any:
        if question.id != NEW_AREA:
            return answer
        if not areas.looks_like_a_name(answer):
            raise Invalid(turn.t("contact.area_not_a_name"))
        return areas.known(answer, self._known(turn)) or " ".join(answer.split())

    def confirmation(self, turn: Turn, question_id: str, answer: Any) -> Confirmation | None:
        if question_id != NEW_AREA or answer in self._known(turn):
            return super().confirmation(turn, question_id, answer)
        return Confirmation(
            turn.t("contact.area_new_confirm", area=answer),
            turn.label("contact.area_new_yes"),
            turn.label("contact.area_new_no"),
        )
