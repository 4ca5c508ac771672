"""Spotting a message that reads like an emergency in progress, to answer it at once."""

from __future__ import annotations

import re

from dialogs.engine.texts import Texts


def looks_urgent(text: str, texts: Texts) -> bool:
    # The signal words are language dependent, so they live in the catalog with the texts.
    words = [w.strip() for w in texts.t("emergency.words").split(",") if w.strip()]
    lowered = text.lower()
    return any(re.search(rf"\b{re.escape(word)}\b", lowered) for word in words)
