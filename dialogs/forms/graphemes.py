"""Counting characters as a person sees them: extended grapheme clusters (Unicode UAX #29).

A thumbs-up with a skin tone, a family joined by zero-width joiners, a flag of two regional
indicators or an "e" with a combining accent is one character to the person who typed it,
however many code points it takes. This covers the rules that matter for typed chat text
(combining marks, variation selectors, emoji modifiers and tags, ZWJ sequences, flags,
CR LF); Hangul jamo sequences count per jamo, which Telegram keyboards do not send.
"""

from __future__ import annotations

import unicodedata

ZWJ = "\u200d"
_EXTEND_CATEGORIES = ("Mn", "Me", "Mc")  # combining marks, spacing marks included (GB9a)
# Extended_Pictographic, in the blocks where emoji live (close enough for counting).
_PICTOGRAPHIC = (
    (0x00A9, 0x00A9),
    (0x00AE, 0x00AE),
    (0x203C, 0x2049),
    (0x2122, 0x2139),
    (0x2194, 0x21AA),
    (0x231A, 0x23FF),
    (0x24C2, 0x24C2),
    (0x25AA, 0x25FE),
    (0x2600, 0x27BF),
    (0x2934, 0x2935),
    (0x2B05, 0x2B55),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3299),
    (0x1F000, 0x1FAFF),
)


def _extends(char: str) -> bool:
    code = ord(char)
    return (
        unicodedata.category(char) in _EXTEND_CATEGORIES
        or 0xFE00 <= code <= 0xFE0F  # variation selectors (text or emoji style)
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF  # skin-tone modifiers
        or 0xE0020 <= code <= 0xE007F  # tags: the flags of England, Scotland, Wales
    )


def _pictographic(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _PICTOGRAPHIC)


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def grapheme_count(text: str) -> int:
    """The number of characters in `text` as a person sees them."""
    count = 0
    previous = ""
    pictographic = False  # the cluster so far is an emoji, so a ZWJ may join the next one
    regional_run = 0  # regional indicators in a row: they pair up into flags
    for char in text:
        joined = bool(previous) and (
            (previous == "\r" and char == "\n")
            or _extends(char)
            or char == ZWJ
            or (previous == ZWJ and pictographic and _pictographic(char))
            or (_regional(char) and regional_run % 2 == 1)
        )
        if not joined:
            count += 1
            pictographic = _pictographic(char)
        regional_run = regional_run + 1 if _regional(char) else 0
        previous = char
    return count
