"""A contact's role in the reader's language.

A contact's role is stored as the contact form names it in its file ("Winkelier"), or as an
imported list typed it; whoever reads it sees the form's name for it in his own language, and
a role typed on import as it was typed.
"""

from __future__ import annotations

from dialogs.engine.texts import Texts
from dialogs.forms.localized import localized
from dialogs.forms.model import Form

ROLE_QUESTION = "rol"


def role_names(contact_form: Form, texts: Texts) -> dict[str, str]:
    """Each role as stored, with its name in `texts`' language."""
    stored = contact_form.question(ROLE_QUESTION).options
    shown = localized(contact_form, texts).question(ROLE_QUESTION).options
    return {s.label: o.label for s, o in zip(stored, shown, strict=True)}


def role_name(contact_form: Form, texts: Texts, role: str) -> str:
    return role_names(contact_form, texts).get(role, role)
