"""Names for the files the bot sends, kept to what every phone and computer keeps in a name."""

from __future__ import annotations

import re
import unicodedata


def slug(text: str, fallback: str) -> str:
    """`text` in ASCII letters, digits and dashes: "Sint-Amandsberg / Oost" ->
    "sint-amandsberg-oost". Accents go (not every phone keeps them in a file name), and a
    slash or dot in a wijk's name never makes a folder or a second extension."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or fallback


def with_suffix(name: str, suffix: str) -> str:
    """A file name in the shape `slug` gives, with `suffix` in place of its own extension."""
    stem = name.rpartition(".")[0] or name
    return slug(stem, "wijkbot") + suffix
