"""The buurtproblemen a concern can be about: the sectorscan's list plus "iets anders".

Concerns and scans share the problem ids, so a meeting's concerns can later be compared
with what the sectorscans of the same wijk say.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dialogs.engine.texts import Texts
from dialogs.forms.localized import localized
from dialogs.forms.model import Form, Option

OTHER = "anders"
SCAN_QUESTION = "problemen"


@dataclass(frozen=True, slots=True)
class Problems:
    form: Form  # the sectorscan form, whose problem list is the one shared

    @classmethod
    def of(cls, scan_form: Form) -> Problems:
        return cls(scan_form)

    @property
    def options(self) -> list[Option]:
        """The problems in the order of the sectorscan form, in the form file's words."""
        return self.form.question(SCAN_QUESTION).options

    def named(self, texts: Texts) -> list[Option]:
        """The problems with their names in `texts`' language."""
        return localized(self.form, texts).question(SCAN_QUESTION).options

    def label(self, texts: Texts, problem: str) -> str:
        """A problem's name; one a zone has since removed from its form shows by its id."""
        if problem == OTHER:
            return texts.plain("concern.problem_other")
        return next((o.label for o in self.named(texts) if o.id == problem), problem)

    def labels(self, texts: Texts) -> dict[str, str]:
        return {o.id: o.label for o in self.named(texts)}

    def items(self, texts: Texts) -> list[dict[str, Any]]:
        """The choices of the concern form's first question."""
        items = [{"id": o.id, "label": o.label} for o in self.named(texts)]
        return [*items, {"id": OTHER, "label": texts.plain("concern.problem_other")}]

    def topics(self, present: Iterable[str] = ()) -> list[str]:
        """Every problem id in a fixed order, so buttons can name one by its position."""
        known = [o.id for o in self.options] + [OTHER]
        return known + sorted(set(present) - set(known))

    def position(self, problem: str) -> int:
        """Where a problem stands in the list, for ordering ties; unknown ones last."""
        known = self.topics()
        return known.index(problem) if problem in known else len(known)
