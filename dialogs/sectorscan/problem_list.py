"""The buurtproblemen a concern can be about: the sectorscan's list plus "iets anders".

Concerns and scans share the problem ids, so a meeting's concerns can later be compared
with what the sectorscans of the same wijk say.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dialogs.engine.texts import Texts
from dialogs.forms.model import Form, Option

OTHER = "anders"
SCAN_QUESTION = "problemen"


@dataclass(frozen=True, slots=True)
class Problems:
    options: tuple[Option, ...]  # in the order of the sectorscan form

    @classmethod
    def of(cls, scan_form: Form) -> Problems:
        return cls(tuple(scan_form.question(SCAN_QUESTION).options))

    def label(self, texts: Texts, problem: str) -> str:
        """A problem's name; one a zone has since removed from its form shows by its id."""
        if problem == OTHER:
            return texts.plain("concern.problem_other")
        return next((o.label for o in self.options if o.id == problem), problem)

    def items(self, texts: Texts) -> list[dict[str, Any]]:
        """The choices of the concern form's first question."""
        items = [{"id": o.id, "label": o.label} for o in self.options]
        return [*items, {"id": OTHER, "label": texts.plain("concern.problem_other")}]

    def topics(self, present: Iterable[str] = ()) -> list[str]:
        """Every problem id in a fixed order, so buttons can name one by its position."""
        known = [o.id for o in self.options] + [OTHER]
        return known + sorted(set(present) - set(known))

    def position(self, problem: str) -> int:
        """Where a problem stands in the list, for ordering ties; unknown ones last."""
        known = self.topics()
        return known.index(problem) if problem in known else len(known)
