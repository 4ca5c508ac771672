"""The Bot API described as data (bot-api.json), with the rules hidden in its prose.

Method names, fields, types and requiredness come straight from the JSON. Limits and
conditional requirements only exist inside the English descriptions, so they are pulled
out here with a few patterns that match how the Bot API documentation phrases them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

# "1-4096 characters after entities parsing", "1-64 bytes"
_SIZE = re.compile(r"\b(\d+)-(\d+) (characters|bytes)\b", re.IGNORECASE)
# Numeric ranges are only enforced where the docs say "must"; elsewhere Telegram clamps.
_RANGE = re.compile(r"\bmust be between (\d+) and (\d+)\b", re.IGNORECASE)
# "Required if inline_message_id is not specified", "required if rich_message isn't specified"
_REQUIRED_IF = re.compile(
    r"\brequired if (\w+(?: and \w+)*) (?:(?:is|are) (not )?specified|(isn't) specified)",
    re.IGNORECASE,
)
# "Exactly one of the fields other than text, icon_custom_emoji_id, and style must be used"
_ONE_OF_OTHER = re.compile(r"\b(Exactly|At most) one of the fields other than (.+?) must be used")
# "Exactly one of the fields html or markdown must be used"
_ONE_OF_LISTED = re.compile(r"\b(Exactly|At most) one of the fields (\w+(?: or \w+)+) must be used")
_DISCRIMINATOR = re.compile(r"(?:must be|always) [\u201c\"]?([\w-]+)")
_CHARSETS = {
    "only lowercase English letters, digits and underscores": re.compile(r"[a-z0-9_]*"),
    "only characters A-Z, a-z, 0-9, _ and - are allowed": re.compile(r"[A-Za-z0-9_-]*"),
    "only A-Z, a-z, 0-9, _ and - are allowed": re.compile(r"[A-Za-z0-9_-]*"),
}


@dataclass(frozen=True)
class SizeLimit:
    low: int
    high: int
    unit: str  # "characters" or "bytes"
    after_entities: bool  # measured on the text left after parse_mode is applied


@dataclass(frozen=True)
class FieldSpec:
    name: str
    types: tuple[str, ...]
    required: bool
    description: str
    size: SizeLimit | None = None
    number_range: tuple[int, int] | None = None
    charset: re.Pattern[str] | None = None
    # Required when the listed fields are absent (or present, if required_when_present).
    required_if: tuple[str, ...] = ()
    required_when_present: bool = False


@dataclass(frozen=True)
class OneOfRule:
    exactly: bool
    names: tuple[str, ...]  # fields that count (listed) or, if exclusive, that don't count
    exclusive: bool

    def counted(self, present: list[str]) -> list[str]:
        if self.exclusive:
            return [name for name in present if name not in self.names]
        return [name for name in present if name in self.names]

    def describe(self) -> str:
        verb = "exactly" if self.exactly else "at most"
        if self.exclusive:
            return f"{verb} one field other than {', '.join(self.names)} must be used"
        return f"{verb} one of {', '.join(self.names)} must be used"


@dataclass(frozen=True)
class TypeSpec:
    name: str
    fields: dict[str, FieldSpec]
    subtypes: tuple[str, ...] = ()
    discriminator: str | None = None  # value of the "type" field that selects this subtype
    one_of: OneOfRule | None = None
    string_allowed: bool = False  # "String can be used instead of this object"


@dataclass(frozen=True)
class MethodSpec:
    name: str
    fields: dict[str, FieldSpec]
    returns: tuple[str, ...] = field(default=())


@dataclass
class ApiSpec:
    version: str
    methods: dict[str, MethodSpec]
    types: dict[str, TypeSpec]
    _by_lower_name: dict[str, MethodSpec] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_lower_name = {name.lower(): m for name, m in self.methods.items()}

    def method(self, name: str) -> MethodSpec | None:
        """Telegram matches method names case-insensitively."""
        return self.methods.get(name) or self._by_lower_name.get(name.lower())


def _field(raw: dict[str, Any]) -> FieldSpec:
    description = str(raw.get("description", ""))
    types = tuple(str(t) for t in raw.get("types", []))
    size = number_range = charset = None
    if "String" in types and (match := _SIZE.search(description)):
        size = SizeLimit(
            int(match[1]),
            int(match[2]),
            match[3].lower(),
            "after entit" in description,
        )
    if ("Integer" in types or "Float" in types) and (match := _RANGE.search(description)):
        number_range = (int(match[1]), int(match[2]))
    for phrase, pattern in _CHARSETS.items():
        if phrase.lower() in description.lower():
            charset = pattern
    required_if: tuple[str, ...] = ()
    when_present = False
    if match := _REQUIRED_IF.search(description):
        required_if = tuple(match[1].split(" and "))
        when_present = match[2] is None and match[3] is None
    return FieldSpec(
        name=str(raw["name"]),
        types=types,
        required=bool(raw.get("required")),
        description=description,
        size=size,
        number_range=number_range,
        charset=charset,
        required_if=required_if,
        required_when_present=when_present,
    )


def _one_of(description: str) -> OneOfRule | None:
    if match := _ONE_OF_OTHER.search(description):
        names = tuple(n for n in re.findall(r"\w+", match[2]) if n != "and")
        return OneOfRule(exactly=match[1] == "Exactly", names=names, exclusive=True)
    if match := _ONE_OF_LISTED.search(description):
        names = tuple(match[2].split(" or "))
        return OneOfRule(exactly=match[1] == "Exactly", names=names, exclusive=False)
    return None


def _type(raw: dict[str, Any]) -> TypeSpec:
    fields = {f.name: f for f in map(_field, raw.get("fields", []))}
    description = " ".join(raw.get("description", []))
    discriminator = None
    if (type_field := fields.get("type")) and (
        match := _DISCRIMINATOR.search(type_field.description)
    ):
        discriminator = match[1]
    return TypeSpec(
        name=str(raw["name"]),
        fields=fields,
        subtypes=tuple(raw.get("subtypes", [])),
        discriminator=discriminator,
        one_of=_one_of(description),
        string_allowed="String can be used instead of this object" in description,
    )


def parse_spec(data: dict[str, Any]) -> ApiSpec:
    methods = {
        name: MethodSpec(
            name=name,
            fields={f.name: f for f in map(_field, raw.get("fields", []))},
            returns=tuple(raw.get("returns", [])),
        )
        for name, raw in data["methods"].items()
    }
    types = {name: _type(raw) for name, raw in data["types"].items()}
    return ApiSpec(version=str(data.get("version", "")), methods=methods, types=types)


@cache
def load_spec() -> ApiSpec:
    """The Bot API description shipped next to this module, parsed once per process."""
    text = resources.files(__package__).joinpath("bot-api.json").read_text(encoding="utf-8")
    return parse_spec(json.loads(text))
