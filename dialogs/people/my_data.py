"""mijngegevens.json as a person can read it: what storage hands over (storage/person_data.py)
with keys in the person's language, times in the zone's time zone, true and false for yes and
no, and the words beside every id ("te_snel_rijden" with "Te snel rijden").

The keys are catalog texts like every other word the person reads; ids stay as they are, so
the file also says exactly what is stored.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dialogs.engine.flow import Flow
from dialogs.engine.texts import N_, Texts, language_name
from dialogs.forms.localized import localized
from dialogs.forms.model import Form, Question, QuestionType
from dialogs.forms.runner import SUMMARY, FormFlow
from dialogs.people.invites import ROLE_NAMES
from storage.signals import SignalStatus

OTHER_PROBLEM = ("anders", N_("concern.problem_other"))  # the concern form's extra choice
FILLED_BY = {"contact": N_("mydata.filled_by.contact"), "officer": N_("mydata.filled_by.officer")}
DIGEST = {
    "daily": N_("visits.frequency_button.daily"),
    "weekly": N_("visits.frequency_button.weekly"),
    "off": N_("visits.frequency_button.off"),
}
MESSAGE = {  # the causes of the messages the bot sent a person on another's doing or its own
    "reminder.digest": N_("mydata.message.digest"),
    "reminder.overview": N_("mydata.message.overview"),
    "reminder.scan_reminder": N_("mydata.message.scan_reminder"),
    "meeting.reminder": N_("mydata.message.meeting_reminder"),
    "meeting.changed": N_("mydata.message.meeting_changed"),
    "meeting.cancelled": N_("mydata.message.meeting_cancelled"),
    "action.status": N_("mydata.message.action_status"),
    "scan.summary": N_("mydata.message.scan_summary"),
    "scan.ready": N_("mydata.message.scan_ready"),
    "role.revoked": N_("mydata.message.role_revoked"),
    "contacts.transferred": N_("mydata.message.contacts_transferred"),
    "contacts.transferred_away": N_("mydata.message.contacts_transferred_away"),
    "contacts.new_officer": N_("mydata.message.contacts_new_officer"),
    "reply": N_("mydata.message.reply"),
    "forward": N_("mydata.message.forward"),
    "bin.alert": N_("mydata.message.bin_alert"),
    "bin.photo": N_("mydata.message.bin_photo"),
    "bin.answer": N_("mydata.message.bin_answer"),
    "bin.answer_photo": N_("mydata.message.bin_answer_photo"),
    "signal.new": N_("mydata.message.signal_new"),
    "signal.photo": N_("mydata.message.signal_photo"),
    "signal.status": N_("mydata.message.signal_status"),
}
STATUS = {
    "queued": N_("mydata.status.queued"),
    "sending": N_("mydata.status.sending"),
    "sent": N_("mydata.status.sent"),
    "blocked": N_("mydata.status.blocked"),
    "failed": N_("mydata.status.failed"),
}
# The words of a signal's status are the BIN part's; the keys follow its statuses.
STEP = {SUMMARY: N_("mydata.step.summary")}  # a form's steps that are not a question
SIGNAL_STATUS = {status.value: "signal.status." + status.value for status in SignalStatus}
K = {  # the file's keys
    "made": N_("mydata.key.made"),
    "timezone": N_("mydata.key.timezone"),
    "person": N_("mydata.key.person"),
    "name": N_("mydata.key.name"),
    "role": N_("mydata.key.role"),
    "area": N_("mydata.key.area"),
    "language": N_("mydata.key.language"),
    "telegram_id": N_("mydata.key.telegram_id"),
    "since": N_("mydata.key.since"),
    "contact": N_("mydata.key.contact"),
    "organisation": N_("mydata.key.organisation"),
    "function": N_("mydata.key.function"),
    "phone": N_("mydata.key.phone"),
    "street": N_("mydata.key.street"),
    "added": N_("mydata.key.added"),
    "scans": N_("mydata.key.scans"),
    "visited_on": N_("mydata.key.visited_on"),
    "filled_by": N_("mydata.key.filled_by"),
    "form": N_("mydata.key.form"),
    "version": N_("mydata.key.version"),
    "answers": N_("mydata.key.answers"),
    "question": N_("mydata.key.question"),
    "answer": N_("mydata.key.answer"),
    "item": N_("mydata.key.item"),
    "forms": N_("mydata.key.forms"),
    "submitted": N_("mydata.key.submitted"),
    "in_progress": N_("mydata.key.in_progress"),
    "step": N_("mydata.key.step"),
    "started": N_("mydata.key.started"),
    "updated": N_("mydata.key.updated"),
    "invites": N_("mydata.key.invites"),
    "used": N_("mydata.key.used"),
    "concerns": N_("mydata.key.concerns"),
    "problem": N_("mydata.key.problem"),
    "description": N_("mydata.key.description"),
    "place": N_("mydata.key.place"),
    "latitude": N_("mydata.key.latitude"),
    "longitude": N_("mydata.key.longitude"),
    "photo": N_("mydata.key.photo"),
    "solution": N_("mydata.key.solution"),
    "keep_informed": N_("mydata.key.keep_informed"),
    "contactable": N_("mydata.key.contactable"),
    "meeting": N_("mydata.key.meeting"),
    "moment": N_("mydata.key.moment"),
    "supports": N_("mydata.key.supports"),
    "bin_memberships": N_("mydata.key.bin_memberships"),
    "joined": N_("mydata.key.joined"),
    "signals": N_("mydata.key.signals"),
    "bin_answers": N_("mydata.key.bin_answers"),
    "what": N_("mydata.key.what"),
    "seen_when": N_("mydata.key.seen_when"),
    "supported": N_("mydata.key.supported"),
    "digest": N_("mydata.key.digest"),
    "blocked": N_("mydata.key.blocked"),
    "messages": N_("mydata.key.messages"),
    "kind": N_("mydata.key.kind"),
    "queued": N_("mydata.key.queued"),
    "status": N_("mydata.key.status"),
    "id": N_("mydata.key.id"),
    "label": N_("mydata.key.label"),
}


class Readable:
    """Turns the stored rows of one person into the file he gets."""

    def __init__(self, texts: Texts, forms: dict[str, Form], flows: dict[str, Flow]) -> None:
        self.texts = texts
        self.forms = {form_id: localized(form, texts) for form_id, form in forms.items()}
        self.flows = flows
        # Items of a question that come from elsewhere (the problems of the previous visit,
        # say) are named by the option of any form with that id; the sectorscan's come first.
        ordered = sorted(self.forms.values(), key=lambda f: f.id != "sectorscan")
        self.options = {o.id: o.label for f in ordered for q in f.questions for o in q.options}
        self.options.setdefault(OTHER_PROBLEM[0], texts.plain(OTHER_PROBLEM[1]))

    def key(self, name: str) -> str:
        return self.texts.plain(K[name])

    def record(self, **fields: object) -> dict[str, object]:
        return {self.key(name): value for name, value in fields.items()}

    def labelled(self, value: object, label: str | None) -> dict[str, object] | None:
        if value is None:
            return None
        return self.record(id=value, label=label if label is not None else str(value))

    def coded(self, value: object, keys: dict[str, str]) -> dict[str, object] | None:
        """An id the code knows, with its words from the catalog."""
        key = keys.get(str(value))
        return self.labelled(value, self.texts.plain(key) if key else None)

    def option(self, value: object, question: Question | None = None) -> dict[str, object] | None:
        own = {o.id: o.label for o in question.options} if question else {}
        return self.labelled(value, own.get(str(value), self.options.get(str(value))))

    def language(self, code: object) -> dict[str, object] | None:
        """The stored language code with the language's own name: "fr", "Français"."""
        return self.labelled(code, language_name(str(code)) if code else None)

    def time(self, stored: object) -> str | None:
        """A stored UTC timestamp as local time to the minute: "2026-03-02 10:00"."""
        if not isinstance(stored, str):
            return None
        return self.texts.local(datetime.fromisoformat(stored)).strftime("%Y-%m-%d %H:%M")

    # -- the file ---------------------------------------------------------------------------
    def document(self, data: dict[str, Any], now: datetime) -> dict[str, object]:
        person = data["person"]
        contact = data["contact"]
        return self.record(
            made=self.time(now.isoformat()),
            timezone=str(self.texts.timezone),
            person=self.record(
                name=person.get("name"),
                role=self.coded(person.get("role"), _role_keys()),
                area=person.get("area"),
                language=self.language(person.get("language")),
                telegram_id=person.get("telegram_id"),
                since=self.time(person.get("created_at")),
            ),
            contact=self.contact(contact),
            scans=[
                self.record(
                    visited_on=scan["visited_on"],
                    filled_by=self.coded(scan["filled_by"], FILLED_BY),
                    form=self.form_name(scan["form"]),
                    version=scan["form_version"],
                    answers=self.answers(scan["form"], scan["answers"]),
                )
                for scan in data["scans"]
            ],
            forms=[
                self.record(
                    form=self.form_name(response["form"]),
                    version=response["form_version"],
                    submitted=self.time(response["submitted_at"]),
                    answers=self.answers(response["form"], response["answers"]),
                )
                for response in data["forms"]
            ],
            in_progress=self.in_progress(data["form_in_progress"]),
            invites=[
                self.record(
                    role=self.coded(invite["role"], _role_keys()),
                    area=invite["area"],
                    used=self.time(invite["used_at"]),
                )
                for invite in data["invites"]
            ],
            concerns=[self.concern(concern) for concern in data["concerns"]],
            supports=[
                self.record(
                    problem=self.option(support["problem"]),
                    supported=self.time(support["created_at"]),
                )
                for support in data["supports"]
            ],
            bin_memberships=[
                self.record(area=m["area"], joined=self.time(m["joined_at"]))
                for m in data["bin_memberships"]
            ],
            signals=[self.signal(signal) for signal in data["signals"]],
            bin_answers=[
                self.record(
                    what=answer["what"],
                    place=answer["place"],
                    latitude=answer["latitude"],
                    longitude=answer["longitude"],
                    seen_when=answer["seen_when"],
                    photo=answer["photo_file_id"] is not None,
                    submitted=self.time(answer["created_at"]),
                )
                for answer in data["bin_answers"]
            ],
            digest=self.coded(data["digest"], DIGEST),
            blocked=self.time(data["blocked_at"]),
            messages=[
                self.record(
                    kind=self.coded(sent["cause"], MESSAGE),
                    queued=self.time(sent["created_at"]),
                    status=self.coded(sent["status"], STATUS),
                )
                for sent in data["messages_sent"]
            ],
        )

    def contact(self, contact: dict[str, Any] | None) -> dict[str, object] | None:
        if contact is None:
            return None
        return self.record(
            name=contact["name"],
            organisation=contact["organisation"],
            function=contact["role"],
            area=contact["area"],
            phone=contact["phone"],
            street=contact["street"],
            added=self.time(contact["created_at"]),
        )

    def form_name(self, form_id: str) -> dict[str, object] | None:
        form = self.forms.get(form_id)
        return self.labelled(form_id, form.title if form else None)

    def in_progress(self, state: dict[str, Any] | None) -> dict[str, object] | None:
        if state is None:
            return None
        flow = self.flows.get(state["flow"])
        form = localized(flow.form, self.texts) if isinstance(flow, FormFlow) else None
        question = _question(form, state["step"])
        step = question.label if question else self._step(state["step"])
        data = state["data"] if isinstance(state["data"], dict) else {}
        return self.record(
            form=self.labelled(state["flow"], flow.title(self.texts) if flow else None),
            step=self.labelled(state["step"], step),
            started=self.time(state["started_at"]),
            updated=self.time(state["updated_at"]),
            answers=self.answers(form.id, data.get("answers") or {}) if form else [],
        )

    def _step(self, step: str) -> str | None:
        key = STEP.get(step)
        return self.texts.plain(key) if key else None

    def concern(self, concern: dict[str, Any]) -> dict[str, object]:
        return self.record(
            problem=self.option(concern["problem"]),
            description=concern["description"],
            place=concern["place"],
            latitude=concern["latitude"],
            longitude=concern["longitude"],
            photo=concern["photo_file_id"] is not None,
            solution=concern["solution"],
            keep_informed=bool(concern["keep_informed"]),
            contactable=bool(concern["contactable"]),
            submitted=self.time(concern["created_at"]),
            meeting=self.record(
                moment=self.time(concern["meeting_starts_at"]), place=concern["meeting_place"]
            ),
        )

    def signal(self, signal: dict[str, Any]) -> dict[str, object]:
        return self.record(
            area=signal["area"],
            problem=self.option(signal["problem"]),
            description=signal["description"],
            place=signal["place"],
            latitude=signal["latitude"],
            longitude=signal["longitude"],
            photo=signal["photo_file_id"] is not None,
            keep_informed=bool(signal["keep_informed"]),
            status=self.coded(signal["status"], SIGNAL_STATUS),
            submitted=self.time(signal["created_at"]),
        )

    # -- answers ------------------------------------------------------------------------------
    def answers(self, form_id: str, answers: dict[str, Any]) -> list[dict[str, object]]:
        form = self.forms.get(form_id)
        order = {q.id: i for i, q in enumerate(form.questions)} if form else {}
        listed = []
        for question_id, value in sorted(answers.items(), key=lambda a: order.get(a[0], 999)):
            question = _question(form, question_id)
            listed.append(
                self.record(
                    question=self.labelled(question_id, question.label if question else None),
                    answer=self.answer(question, value),
                )
            )
        return listed

    def answer(self, question: Question | None, value: Any) -> object:
        kind = question.type if question else None
        if value is None:
            return None
        if kind is QuestionType.YESNO:
            return bool(value)
        if kind is QuestionType.SINGLE and isinstance(value, str):
            known = question is not None and any(o.id == value for o in question.options)
            if not known and value not in self.options:
                return value  # typed instead of chosen (another wijk, say)
            return self.option(value, question)
        if kind is QuestionType.MULTI and isinstance(value, list):
            return [self.option(v, question) for v in value]
        if kind is QuestionType.MATRIX and isinstance(value, dict):
            return [
                self.record(item=self.option(item), answer=self.option(choice, question))
                for item, choice in value.items()
            ]
        if kind is QuestionType.MOMENT and isinstance(value, str):
            return self.time(value)
        if kind is QuestionType.PHOTO:
            return True  # a Telegram file id: that a photo is kept is what it tells
        if kind is QuestionType.LOCATION and isinstance(value, dict):
            return self.record(
                **{name: value[field] for name, field in _PLACE.items() if field in value}
            )
        return value


_PLACE = {"place": "place", "latitude": "latitude", "longitude": "longitude"}


def _role_keys() -> dict[str, str]:
    return {role.value: key for role, key in ROLE_NAMES.items()}


def _question(form: Form | None, question_id: str) -> Question | None:
    if form is None:
        return None
    return next((q for q in form.questions if q.id == question_id), None)
