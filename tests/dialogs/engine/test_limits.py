"""Telegram's limits in its own units, and the splitter every message goes through."""

from __future__ import annotations

import html

import pytest

from bot.standin import parse_html
from dialogs.engine.limits import (
    CAPTION_LIMIT,
    MESSAGE_LIMIT,
    NOTICE_LIMIT,
    cut_plain,
    split_html,
    utf16_length,
    visible_length,
)
from dialogs.engine.replies import Choice, File, Message, Notice, Picture, fitted

EMOJI = "\N{POUTING FACE}"  # beyond U+FFFF: one character, two UTF-16 code units
RTL = "\u200f"  # RIGHT-TO-LEFT MARK: invisible, one unit
FAMILY = "\N{MAN}\u200d\N{WOMAN}\u200d\N{GIRL}"  # one emoji of five code points


def telegram_length(part: str) -> int:
    """What the stand-in, parsing like Telegram, finds the length of a text to be."""
    return utf16_length(parse_html(part).text)


def test_lengths_are_counted_in_utf16_units_after_parsing() -> None:
    assert utf16_length(EMOJI * 1000) == 2000
    assert utf16_length(RTL + "abc") == 4
    assert visible_length("<b>&amp;</b> &lt;x&gt;" + EMOJI) == len("& <x>") + 2
    assert visible_length("&#128545;") == 2  # a numeric entity of an emoji
    sample = f"<b>{EMOJI * 3}</b> &amp; {RTL}<i>x</i>"
    assert visible_length(sample) == telegram_length(sample)


def test_a_text_within_the_limit_is_left_alone() -> None:
    text = "<b>" + "a" * (MESSAGE_LIMIT - 7) + "</b>"
    assert split_html(text) == [text]
    # 1 000 emoji as description and 1 000 as idea: 2 050 characters, 4 100 UTF-16 units.
    agenda_item = f"<b>1.</b> {EMOJI * 1000}\nIdee: {EMOJI * 1000}\n{'x' * 90}"
    assert len(agenda_item) < MESSAGE_LIMIT < visible_length(agenda_item)
    parts = split_html(agenda_item)
    assert len(parts) == 2
    assert parts[0] == f"<b>1.</b> {EMOJI * 1000}\nIdee: {EMOJI * 1000}\n"  # cut at a line


@pytest.mark.parametrize(
    "source",
    [
        # lines of escaped user text inside tags: cut between lines
        "\n".join(f"<b>{i}.</b> <i>{html.escape('<&> ' * 60)}</i>" for i in range(80)),
        # one line of emoji with no space at all: cut between characters
        f"<b><i>{EMOJI * 5000}</i></b>",
        # words and HTML entities in a link that spans the cut
        '<a href="https://example.org/?a=1&amp;b=2">' + "woord &amp; " * 900 + "</a>",
        # right-to-left marks, joined emoji and accents that must stay with their base
        (RTL + "שלום " + FAMILY + " e\u0301 ") * 700,
        # the same with no space to cut at
        (FAMILY + "e\u0301" + RTL) * 1500,
    ],
)
def test_every_part_fits_parses_and_keeps_all_text(source: str) -> None:
    parts = split_html(source)
    assert len(parts) > 1
    for part in parts:
        assert 0 < telegram_length(part) <= MESSAGE_LIMIT
    whole = parse_html(source).text
    rejoined = "".join(parse_html(part).text for part in parts)
    assert rejoined.replace("\n", "") == whole.replace("\n", "")
    # No sequence is torn apart: a part never starts with a joiner or an accent.
    for part in parts[1:]:
        text = parse_html(part).text
        assert not text.startswith(("\u200d", "\u0301"))


def test_tags_open_at_a_cut_are_closed_and_opened_again() -> None:
    parts = split_html("<b>" + "regel\n" * 1000 + "</b>", limit=100)
    assert all(part.startswith("<b>") and part.endswith("</b>") for part in parts)
    assert all(parse_html(part).entities[0].type == "bold" for part in parts)


def test_the_first_part_can_have_a_smaller_limit() -> None:
    parts = split_html("woord " * 600, MESSAGE_LIMIT, CAPTION_LIMIT)
    assert visible_length(parts[0]) <= CAPTION_LIMIT < visible_length(parts[0]) + 7
    assert all(visible_length(part) <= MESSAGE_LIMIT for part in parts)


def test_plain_text_is_cut_with_an_ellipsis() -> None:
    assert cut_plain("kort", NOTICE_LIMIT) == "kort"
    cut = cut_plain(EMOJI * 150, NOTICE_LIMIT)
    assert utf16_length(cut) <= NOTICE_LIMIT and cut.endswith("…")


def test_replies_are_fitted_buttons_last_and_edit_first() -> None:
    keyboard = ((Choice("OK", "x"),),)
    long = Message("\n".join([EMOJI * 100] * 30), keyboard, edit=True, to=7)
    fitted_replies = fitted([Notice(EMOJI * 300), long])
    notice, *messages = fitted_replies
    assert isinstance(notice, Notice) and utf16_length(notice.text) <= NOTICE_LIMIT
    assert len(messages) == 2 and all(isinstance(m, Message) for m in messages)
    first, last = messages
    assert isinstance(first, Message) and isinstance(last, Message)
    assert (first.edit, first.keyboard, first.to) == (True, (), 7)
    assert (last.edit, last.keyboard, last.to) == (False, keyboard, 7)
    assert fitted([first, last]) == [first, last]  # fitting twice changes nothing


def test_a_caption_too_long_keeps_its_start_and_the_rest_follows() -> None:
    caption = "\n".join(f"regel {i} {EMOJI * 20}" for i in range(60))
    picture, *rest = fitted([Picture(b"png", caption, to=3)])
    assert isinstance(picture, Picture) and visible_length(picture.caption_html) <= CAPTION_LIMIT
    assert rest and all(isinstance(m, Message) and m.to == 3 for m in rest)
    short = File(b"x", "a.csv", "kort")
    assert fitted([short]) == [short]


def test_plain_text_is_cut_after_a_whole_word() -> None:
    assert cut_plain("Elke maandag zakken vuilnis", 22) == "Elke maandag zakken…"
    assert cut_plain("Elke maandag zakken vuilnis", 20) == "Elke maandag zakken…"  # a word ends
    assert cut_plain("Ee" + "n" * 40 + " woord", 20) == "Ee" + "n" * 17 + "…"  # no word fits
