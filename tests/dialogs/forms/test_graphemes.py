"""Characters counted as a person sees them, not as code points."""

from __future__ import annotations

import pytest

from dialogs.forms.graphemes import grapheme_count

TAG_FLAG = "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"  # England


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("", 0),
        ("abc", 3),
        ("👍🏽", 1),  # a skin-tone modifier
        ("👍🏽" * 505, 505),
        ("e\u0301", 1),  # a combining accent
        ("é", 1),
        ("👨\u200d👩\u200d👧\u200d👦", 1),  # a family joined by zero-width joiners
        ("👩🏽\u200d💻", 1),
        ("🏳️\u200d🌈", 1),  # a variation selector inside a ZWJ sequence
        ("❤️", 1),
        ("1️⃣", 1),  # keycap: a digit, a variation selector and a combining mark
        ("🇧🇪🇳🇱", 2),  # regional indicators pair up into flags
        ("🇧🇪🇳", 2),
        (TAG_FLAG, 1),
        ("\r\n", 1),
        ("a\u200db", 2),  # a joiner joins emoji only
    ],
)
def test_characters_are_counted_as_seen(text: str, seen: int) -> None:
    assert grapheme_count(text) == seen
