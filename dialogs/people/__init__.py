"""People and their rights: /start, /help and /stop (`onboarding`), invite links that give a
role (`invites`), the admin's tools (`admin`) and his invites of staff (`staff_invite`), what
is stored and erasure (`privacy`), and the retention periods the program applies every day
(`retention`)."""

from __future__ import annotations

from dialogs.engine.engine import Engine
from dialogs.forms.model import Form
from dialogs.people import admin, onboarding, privacy
from dialogs.people.staff_invite import FORM as STAFF_INVITE
from dialogs.people.staff_invite import StaffInvites


def install(engine: Engine, forms: dict[str, Form]) -> None:
    onboarding.install(engine)
    privacy.install(engine, forms)
    admin.install(engine)
    StaffInvites(engine, forms[STAFF_INVITE])
