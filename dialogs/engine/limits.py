"""Telegram's size limits, measured in its own units, and the one splitter every message uses.

Telegram counts a message's length in UTF-16 code units after the HTML is parsed: tags count
nothing, `&amp;` counts one, an emoji outside the Basic Multilingual Plane counts two. What
does not fit is split at a line boundary where one exists, else between words, else between
characters; never inside a tag or an entity, and a tag open at the cut is closed before it and
opened again after it, so every part is valid HTML on its own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html import unescape

MESSAGE_LIMIT = 4096  # a message's text
CAPTION_LIMIT = 1024  # a photo's or document's caption
NOTICE_LIMIT = 200  # the text of a callback query's answer
CALLBACK_DATA_BYTES = 64  # a button's callback data, in UTF-8 bytes

_ATOM = re.compile(
    r"<[^>]*>"  # a tag, attributes and all
    r"|&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]*);"  # an entity
    r"|[\s\S]",  # one character
)
_TAG = re.compile(r"<[^>]*>")
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)")
_ZWJ = "\u200d"


def utf16_length(text: str) -> int:
    """How long Telegram finds plain text: characters beyond U+FFFF count twice."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


@dataclass(frozen=True, slots=True)
class _Atom:
    raw: str
    size: int  # UTF-16 code units it adds to the visible text
    char: str = ""  # the visible character, empty for a tag
    tag: str = ""  # the tag name, for a tag
    closing: bool = False


def _atoms(html: str) -> list[_Atom]:
    atoms = []
    for match in _ATOM.finditer(html):
        raw = match[0]
        if raw.startswith("<") and len(raw) > 1 and (name := _TAG_NAME.match(raw)):
            atoms.append(_Atom(raw, 0, tag=name[1].lower(), closing=raw[1:].lstrip()[0] == "/"))
        elif raw.startswith("&") and len(raw) > 1:
            char = _entity_char(raw)
            atoms.append(_Atom(raw, utf16_length(char), char=char))
        else:
            atoms.append(_Atom(raw, utf16_length(raw), char=raw))
    return atoms


def _entity_char(raw: str) -> str:
    """The character an entity stands for; a named one is a single character."""
    if not raw.startswith("&#"):
        return "&"
    digits = raw[2:-1]
    code = int(digits[1:], 16) if digits[:1] in ("x", "X") else int(digits)
    return chr(code) if 0 < code <= 0x10FFFF else "&"


def visible_length(html: str) -> int:
    """The length Telegram checks: tags removed, entities as one character, in UTF-16 units."""
    if "<" not in html and "&" not in html:
        return utf16_length(html)
    return utf16_length(unescape(_TAG.sub("", html)))


def split_html(html: str, limit: int = MESSAGE_LIMIT, first_limit: int | None = None) -> list[str]:
    """`html` in parts of at most `limit` visible units each (`first_limit` for the first).

    The raw HTML is never shorter than what Telegram counts, so text within the limit as it
    stands is returned untouched without being parsed.
    """
    budget = first_limit if first_limit is not None else limit
    if utf16_length(html) <= budget:
        return [html]
    atoms = _atoms(html)
    parts: list[str] = []
    start = 0
    opened: list[_Atom] = []  # the tags open where the next part starts, outermost first
    while start < len(atoms):
        end = _cut(atoms, start, budget)
        inside = _open_after(opened, atoms[start:end])
        body = "".join(atom.raw for atom in atoms[start:end])
        reopen = "".join(atom.raw for atom in opened)
        close = "".join(f"</{atom.tag}>" for atom in reversed(inside))
        parts.append(reopen + body + close)
        start, opened, budget = end, inside, limit
        while start < len(atoms) and atoms[start].char == "\n":
            start += 1  # the next part does not open with the line break it was cut at
    # Telegram refuses a text that is empty once parsed, so a part of only spaces is left out.
    return [part for part in parts if unescape(_TAG.sub("", part)).strip()] or [html]


def _cut(atoms: list[_Atom], start: int, budget: int) -> int:
    """Where the part that begins at `start` ends: after its last line break that fits, else
    after its last space, else before the first character that does not fit."""
    size = 0
    line = word = 0
    for index in range(start, len(atoms)):
        atom = atoms[index]
        if size + atom.size > budget:
            if line:
                return line
            if word:
                return word
            return _between_characters(atoms, start, index)
        size += atom.size
        if atom.char == "\n":
            line = index + 1
        elif atom.char.isspace():
            word = index + 1
    return len(atoms)


def _between_characters(atoms: list[_Atom], start: int, index: int) -> int:
    """`index`, moved back so an emoji sequence or an accent is not torn from its base."""
    cut = index
    while cut > start + 1 and (_joins(atoms[cut].char) or atoms[cut - 1].char == _ZWJ):
        cut -= 1
    while cut > start + 1 and atoms[cut - 1].tag and not atoms[cut - 1].closing:
        cut -= 1  # a tag that opens right at the cut goes with the text it opens
    return cut if cut > start else max(index, start + 1)


def _joins(char: str) -> bool:
    """Whether `char` belongs to the character before it."""
    if not char or len(char) != 1:
        return False
    code = ord(char)
    return (
        char == _ZWJ
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tag characters of flag sequences
        or unicodedata.combining(char) != 0
    )


def _open_after(opened: list[_Atom], atoms: list[_Atom]) -> list[_Atom]:
    """The tags still open after `atoms`, given those open before them."""
    stack = list(opened)
    for atom in atoms:
        if not atom.tag:
            continue
        if not atom.closing:
            stack.append(atom)
            continue
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth].tag == atom.tag:
                del stack[depth]
                break
    return stack


def cut_plain(text: str, limit: int) -> str:
    """Plain text shortened to `limit` UTF-16 units, ending in an ellipsis when cut.

    The cut falls after the last whole word when that keeps at least half of what fits, so
    a label reads "Elke maandag zakken…" rather than "Elke maandag zakken vu"."""
    if utf16_length(text) <= limit:
        return text
    kept, size = [], 0
    for char in text:
        size += utf16_length(char)
        if size > limit - 1:
            break
        kept.append(char)
    cut = "".join(kept)
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space >= len(cut) // 2 and not text[len(cut)].isspace():
        cut = cut[:space]
    return cut.rstrip() + "…"
