"""Telegram's HTML subset and the rules read from the Bot API description."""

from __future__ import annotations

import pytest

from bot.standin import HtmlError, load_spec, parse_html, plain_text


def test_plain_text_removes_tags_and_unescapes() -> None:
    assert plain_text("<b>Dag</b> &lt;Jan&gt; &amp; co &#8364;5 &#x2713;") == "Dag <Jan> & co €5 ✓"
    assert plain_text('<a href="https://example.org">site</a>\n<i>schuin</i>') == "site\nschuin"


def test_plain_text_never_fails_on_broken_html() -> None:
    assert plain_text("<b>open & <onbekend>los</b></i> a < b") == "open & los a < b"


def test_entities_use_utf16_offsets() -> None:
    parsed = parse_html("\N{POLICE CARS REVOLVING LIGHT} <b>dringend</b>")
    (entity,) = parsed.entities
    assert (entity.type, entity.offset, entity.length) == ("bold", 3, 8)


def test_pre_with_language_is_one_entity() -> None:
    parsed = parse_html('<pre><code class="language-sql">select 1</code></pre>')
    assert [e.to_api() for e in parsed.entities] == [
        {"type": "pre", "offset": 0, "length": 8, "language": "sql"}
    ]


def test_link_and_spoiler_entities() -> None:
    parsed = parse_html('<a href="https://a.be/?x=1&amp;y=2">a</a><tg-spoiler>s</tg-spoiler>')
    assert [(e.type, e.url) for e in parsed.entities] == [
        ("text_link", "https://a.be/?x=1&y=2"),
        ("spoiler", None),
    ]


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("<b>&</b>", 'Unescaped "&" at byte offset 3'),
        ("<x>y</x>", 'Unsupported start tag "x"'),
        ("<b><i>y</b></i>", 'expected "</i>", found "</b>"'),
        ("<b>y", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<a>y</a>", 'Tag "a" must have'),
        ("&euro;", 'Unsupported HTML entity "&euro;"'),
    ],
)
def test_strict_parsing_errors(html: str, message: str) -> None:
    with pytest.raises(HtmlError, match=message):
        parse_html(html)


def test_limits_come_from_the_descriptions() -> None:
    spec = load_spec()
    text = spec.methods["sendMessage"].fields["text"]
    assert text.size is not None and (text.size.low, text.size.high) == (1, 4096)
    assert text.size.after_entities
    caption = spec.methods["sendPhoto"].fields["caption"]
    assert caption.size is not None and caption.size.high == 1024
    data = spec.types["InlineKeyboardButton"].fields["callback_data"]
    assert data.size is not None and (data.size.high, data.size.unit) == (64, "bytes")
    assert spec.methods["editMessageText"].fields["chat_id"].required_if == ("inline_message_id",)
    rule = spec.types["InlineKeyboardButton"].one_of
    assert rule is not None and rule.exactly and "text" in rule.names
    assert spec.method("SENDMESSAGE") is spec.methods["sendMessage"]
