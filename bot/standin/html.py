"""Telegram's HTML subset (parse_mode=HTML): strict parsing into text + entities.

Strict mode rejects what Telegram documents as invalid: unsupported tags, tags that do not
nest or close, and any `<`, `>` or `&` that is neither part of a tag nor one of the supported
entities (&lt; &gt; &amp; &quot; and numeric ones). The lenient mode behind `plain_text` never
fails, so a console can always show something readable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[a-zA-Z][a-zA-Z0-9]*);")
_TAG_NAME = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*")
_ATTR_NAME = re.compile(r"[a-zA-Z_][a-zA-Z0-9_:.-]*")

# Tags whose meaning does not depend on attributes.
_PLAIN_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
_ATTRIBUTE_TAGS = {"span", "a", "tg-emoji"}


class HtmlError(ValueError):
    """The text does not parse under Telegram's HTML rules."""


@dataclass(frozen=True)
class Entity:
    """A MessageEntity; offsets and lengths count UTF-16 code units, as in the Bot API."""

    type: str
    offset: int
    length: int
    url: str | None = None
    language: str | None = None
    custom_emoji_id: str | None = None

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.type, "offset": self.offset, "length": self.length}
        for key in ("url", "language", "custom_emoji_id"):
            if (value := getattr(self, key)) is not None:
                data[key] = value
        return data


@dataclass(frozen=True)
class ParsedText:
    text: str
    entities: tuple[Entity, ...] = ()


@dataclass
class _Open:
    name: str
    entity: str | None
    offset: int
    byte_offset: int
    attrs: dict[str, str]
    language: str | None = None


@dataclass
class _Parser:
    source: str
    strict: bool
    out: list[str] = field(default_factory=list)
    utf16: int = 0
    stack: list[_Open] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)

    def fail(self, message: str) -> None:
        if self.strict:
            raise HtmlError(message)

    def byte_offset(self, index: int) -> int:
        return len(self.source[:index].encode("utf-8"))

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.utf16 += utf16_len(text)

    def run(self) -> ParsedText:
        src, i = self.source, 0
        while i < len(src):
            char = src[i]
            if char == "<":
                i = self.tag(i)
            elif char == "&":
                i = self.entity(i)
            elif char == ">":
                self.fail(f'Unescaped ">" at byte offset {self.byte_offset(i)}, use &gt;')
                self.emit(char)
                i += 1
            else:
                end = i + 1
                while end < len(src) and src[end] not in "<&>":
                    end += 1
                self.emit(src[i:end])
                i = end
        if self.stack:
            self.fail(f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"')
        ordered = sorted(self.entities, key=lambda e: (e.offset, -e.length))
        return ParsedText("".join(self.out), tuple(ordered))

    def entity(self, i: int) -> int:
        match = _ENTITY.match(self.source, i)
        decoded = _decode_entity(match[1]) if match else None
        if match is None or decoded is None:
            if match is not None:
                self.fail(
                    f'Unsupported HTML entity "{match[0]}" at byte offset {self.byte_offset(i)}'
                )
            else:
                self.fail(f'Unescaped "&" at byte offset {self.byte_offset(i)}, use &amp;')
            self.emit("&")
            return i + 1
        self.emit(decoded)
        return match.end()

    def tag(self, i: int) -> int:
        src = self.source
        closing = src.startswith("</", i)
        name_match = _TAG_NAME.match(src, i + (2 if closing else 1))
        if name_match is None:
            self.fail(f'Unescaped "<" at byte offset {self.byte_offset(i)}, use &lt;')
            self.emit("<")
            return i + 1
        name = name_match[0].lower()
        if closing:
            end = src.find(">", name_match.end())
            if end == -1 or src[name_match.end() : end].strip():
                self.fail(f"Unclosed end tag at byte offset {self.byte_offset(i)}")
                self.emit(src[i:])
                return len(src)
            self.close(name, i)
            return end + 1
        parsed = _read_attributes(src, name_match.end())
        if parsed is None:
            self.fail(f'Unclosed start tag "{name}" at byte offset {self.byte_offset(i)}')
            self.emit(src[i:])
            return len(src)
        attrs, end = parsed
        self.open(name, attrs, i)
        return end

    def open(self, name: str, attrs: dict[str, str], i: int) -> None:
        at = self.byte_offset(i) if self.strict else 0
        entity: str | None = _PLAIN_TAGS.get(name)
        if name == "blockquote" and "expandable" in attrs:
            entity = "expandable_blockquote"
        elif name == "span":
            entity = "spoiler" if attrs.get("class") == "tg-spoiler" else None
            if entity is None:
                self.fail(f'Tag "span" must have class "tg-spoiler" at byte offset {at}')
        elif name == "a":
            entity = "text_link" if attrs.get("href") else None
            if entity is None:
                self.fail(f'Tag "a" must have a non-empty attribute "href" at byte offset {at}')
        elif name == "tg-emoji":
            entity = "custom_emoji" if attrs.get("emoji-id") else None
            if entity is None:
                self.fail(f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {at}')
        elif name not in _PLAIN_TAGS:
            self.fail(f'Unsupported start tag "{name}" at byte offset {at}')
            return  # lenient: drop the tag, keep its content
        self.stack.append(_Open(name, entity, self.utf16, at, attrs))

    def close(self, name: str, i: int) -> None:
        if not self.stack:
            self.fail(f"Unexpected end tag at byte offset {self.byte_offset(i)}")
            return
        top = self.stack[-1]
        if top.name != name:
            self.fail(
                f"Unmatched end tag at byte offset {self.byte_offset(i)}, "
                f'expected "</{top.name}>", found "</{name}>"'
            )
            if all(frame.name != name for frame in self.stack):
                return
            while self.stack[-1].name != name:
                self.stack.pop()
            top = self.stack[-1]
        self.stack.pop()
        language = top.attrs.get("class", "")
        parent = self.stack[-1] if self.stack else None
        if (
            top.name == "code"
            and parent
            and parent.name == "pre"
            and language.startswith("language-")
        ):
            # <pre><code class="language-x"> is one pre entity with a language, not two.
            parent.language = language.removeprefix("language-")
            return
        length = self.utf16 - top.offset
        if top.entity is None or length == 0:
            return
        self.entities.append(
            Entity(
                type=top.entity,
                offset=top.offset,
                length=length,
                url=top.attrs.get("href") if top.entity == "text_link" else None,
                language=top.language,
                custom_emoji_id=top.attrs.get("emoji-id") if top.entity == "custom_emoji" else None,
            )
        )


def _decode_entity(body: str) -> str | None:
    if not body.startswith("#"):
        return _NAMED_ENTITIES.get(body)
    code = int(body[2:], 16) if body[1] in "xX" else int(body[1:])
    if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return None
    return chr(code)


def _attribute_value(raw: str) -> str:
    """Entities inside attribute values are decoded; a stray & there is kept as Telegram does."""

    def replace(match: re.Match[str]) -> str:
        return _decode_entity(match[1]) or match[0]

    return _ENTITY.sub(replace, raw)


def _read_attributes(src: str, i: int) -> tuple[dict[str, str], int] | None:
    """Parses `name="v" name='v' name=v flag` up to `>`; returns attrs and index after `>`."""
    attrs: dict[str, str] = {}
    while i < len(src):
        while i < len(src) and src[i].isspace():
            i += 1
        if src.startswith(">", i):
            return attrs, i + 1
        if src.startswith("/>", i):
            return attrs, i + 2
        name_match = _ATTR_NAME.match(src, i)
        if name_match is None:
            return None
        name, i = name_match[0].lower(), name_match.end()
        while i < len(src) and src[i].isspace():
            i += 1
        if not src.startswith("=", i):
            attrs[name] = ""
            continue
        i += 1
        while i < len(src) and src[i].isspace():
            i += 1
        if i < len(src) and src[i] in "\"'":
            end = src.find(src[i], i + 1)
            if end == -1:
                return None
            attrs[name] = _attribute_value(src[i + 1 : end])
            i = end + 1
        else:
            value = re.match(r"[^\s>]*", src[i:])
            raw = value[0] if value else ""
            attrs[name] = _attribute_value(raw)
            i += len(raw)
    return None


def utf16_len(text: str) -> int:
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def parse_html(source: str) -> ParsedText:
    """Parses Telegram HTML the way the Bot API does; raises HtmlError when Telegram would."""
    return _Parser(source, strict=True).run()


def format_text(text: str, parse_mode: str | None) -> ParsedText:
    """Applies a normalised parse mode. Only HTML is interpreted; other modes keep the text."""
    return parse_html(text) if parse_mode == "HTML" else ParsedText(text)


def plain_text(html: str) -> str:
    """The text a person reads: tags removed and entities unescaped. Never fails."""
    return _Parser(html, strict=False).run().text


def escape(text: str) -> str:
    """Escapes plain text for use inside Telegram HTML."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
