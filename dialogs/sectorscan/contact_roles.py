"""A contact's role in the reader's language.

A contact's role is stored as the contact form names it in its file ("Winkelier"), or as an
imported list typed it; whoever reads it sees the form's name for it in his own language, and
a role typed on import as it was typed.
"""

from __future__ import annotations

from dialogs.engine.texts import Texts
from dialogs.forms.localized import stored_labels
from dialogs.forms.model import Form

ROLE_QUESTION = "rol"


def role_names(contact_form: Form, texts: Texts) -> dict[str, str]:
    """Each role as stored, with its name in `texts`' language."""
    return stored_labels(contact_form, ROLE_QUESTION, texts)


def role_name(contact_form: Form, texts: Texts, role: str) -> str:
    return role_names(contact_form, texts).get(role, role)
