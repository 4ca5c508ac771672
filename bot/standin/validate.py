"""Checks a Bot API call against the spec and turns its raw values into typed ones.

Bots send form fields as strings (with objects and arrays JSON-encoded) or a JSON body, so
every value is coerced to the type the spec declares, and everything Telegram would refuse
raises an ApiError with a Telegram-style description.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .errors import ApiError
from .html import HtmlError, ParsedText, format_text, utf16_len
from .spec import ApiSpec, FieldSpec, MethodSpec

_INTEGER = re.compile(r"[+-]?\d+")
_FLOAT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
PARSE_MODES = {"html": "HTML", "markdown": "Markdown", "markdownv2": "MarkdownV2"}
# Telegram's own wording for the limits bots hit most; other fields get a generic message.
_TOO_LONG = {"text": "message is too long", "caption": "message caption is too long"}
_INVALID = {"callback_data": "BUTTON_DATA_INVALID", "command": "BOT_COMMAND_INVALID"}


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request."""

    filename: str
    content_type: str
    data: bytes


class _Mismatch(Exception):
    """The value is not of one alternative type; `closeness` ranks how near it came."""

    def __init__(self, closeness: int, message: str | None = None) -> None:
        super().__init__(message)
        self.closeness = closeness
        self.message = message  # None: let the caller name the expected types


def _label(path: str) -> str:
    return f'parameter "{path}"' if "." not in path and "[" not in path else f'field "{path}"'


class Validator:
    def __init__(self, spec: ApiSpec) -> None:
        self.spec = spec
        self._uploads: dict[str, Upload] = {}

    def check(
        self, method: MethodSpec, raw: dict[str, Any], uploads: dict[str, Upload]
    ) -> dict[str, Any]:
        """Returns the typed parameters of a call, or raises the ApiError Telegram would."""
        self._uploads = uploads
        params: dict[str, Any] = {}
        for name, value in raw.items():
            spec = method.fields.get(name)
            if value is None or spec is None:
                if value is not None:
                    params[name] = value  # Telegram ignores parameters it doesn't know
                continue
            try:
                params[name] = self._value(value, spec.types, name, top=True)
            except _Mismatch as miss:
                assert miss.message is not None  # _value names the expected types when none is
                raise ApiError.bad_request(miss.message) from None
        for name, upload in uploads.items():
            spec = method.fields.get(name)
            if spec is not None and "InputFile" in spec.types and name not in params:
                params[name] = upload
        for spec in method.fields.values():
            if spec.required and params.get(spec.name) is None:
                if spec.name == "text":
                    raise ApiError.bad_request("message text is empty")
                if "InputFile" in spec.types:
                    raise ApiError.bad_request(f"there is no {spec.name} in the request")
                raise ApiError.bad_request(f'parameter "{spec.name}" is required')
        self._constraints(method.fields, params, "")
        return params

    # -- types -------------------------------------------------------------------------------

    def _value(self, value: Any, types: tuple[str, ...], path: str, *, top: bool = False) -> Any:
        """The first alternative type that fits; otherwise the nearest miss is raised."""
        misses: list[_Mismatch] = []
        for type_name in types:
            try:
                return self._as(value, type_name, path, top)
            except _Mismatch as miss:
                misses.append(miss)
        best = max(misses, key=lambda miss: miss.closeness)
        if best.message is None or (len(types) > 1 and best.closeness <= 1):
            wanted = " or ".join(types)
            raise _Mismatch(best.closeness, f"{_label(path)} must be of type {wanted}")
        raise best

    def _as(self, value: Any, type_name: str, path: str, top: bool) -> Any:
        if type_name.startswith("Array of "):
            items = self._decoded(value, list, path, top)
            inner = type_name.removeprefix("Array of ")
            return [self._value(v, (inner,), f"{path}[{i}]") for i, v in enumerate(items)]
        scalar = _SCALARS.get(type_name)
        if scalar is not None:
            return scalar(value)
        if type_name == "InputFile":
            return self._file(value, path)
        return self._object(value, type_name, path, top)

    def _decoded(self, value: Any, kind: type, path: str, top: bool) -> Any:
        # Only top-level parameters arrive JSON-encoded; nested values are already JSON.
        if top and isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                raise _Mismatch(0) from None
        if not isinstance(value, kind):
            raise _Mismatch(0)
        return value

    def _file(self, value: Any, path: str) -> Upload:
        if isinstance(value, Upload):
            return value
        if isinstance(value, str) and value.startswith("attach://"):
            upload = self._uploads.get(value.removeprefix("attach://"))
            if upload is None:
                raise _Mismatch(1, f"{_label(path)}: file {value} not found in the request")
            return upload
        raise _Mismatch(0)

    def _object(self, value: Any, type_name: str, path: str, top: bool) -> Any:
        spec = self.spec.types.get(type_name)
        if spec is None:
            return value
        if isinstance(value, str) and spec.string_allowed and not top:
            return value
        if spec.subtypes:
            return self._value(self._decoded(value, dict, path, top), spec.subtypes, path)
        obj = self._decoded(value, dict, path, top)
        known = sum(1 for key in obj if key in spec.fields)
        if spec.discriminator and obj.get("type") != spec.discriminator:
            raise _Mismatch(2, f'{_label(path)} has unsupported type "{obj.get("type")}"')
        for required in spec.fields.values():
            if required.required and obj.get(required.name) is None:
                raise _Mismatch(1 + 2 * known, f'field "{path}.{required.name}" is required')
        typed: dict[str, Any] = {}
        for key, item in obj.items():
            field = spec.fields.get(key)
            if field is None or item is None:
                typed[key] = item  # unknown keys pass through, as Telegram ignores them
                continue
            try:
                typed[key] = self._value(item, field.types, f"{path}.{key}")
            except _Mismatch as miss:
                # This object fits its own level, so a deeper miss outranks shallow ones.
                raise _Mismatch(miss.closeness + 1000, miss.message) from None
        if spec.one_of is not None:
            used = spec.one_of.counted([key for key, item in typed.items() if item is not None])
            if len(used) > 1 or (spec.one_of.exactly and not used):
                found = ", ".join(used) or "none"
                raise ApiError.bad_request(
                    f"can't parse {type_name} {path}: {spec.one_of.describe()}, found {found}"
                )
        self._constraints(spec.fields, typed, path + ".")
        return typed

    # -- limits ------------------------------------------------------------------------------

    def _constraints(self, fields: dict[str, FieldSpec], obj: dict[str, Any], prefix: str) -> None:
        for spec in fields.values():
            path = prefix + spec.name
            value = obj.get(spec.name)
            if value is None:
                self._conditional(spec, obj, path)
                continue
            if isinstance(value, str):
                self._string(spec, value, obj, path)
            low_high = spec.number_range
            if (
                low_high
                and isinstance(value, int | float)
                and not low_high[0] <= value <= low_high[1]
            ):
                raise ApiError.bad_request(
                    f"{_label(path)} must be between {low_high[0]} and {low_high[1]}"
                )

    def _conditional(self, spec: FieldSpec, obj: dict[str, Any], path: str) -> None:
        if not spec.required_if:
            return
        others = all(obj.get(name) is not None for name in spec.required_if)
        if others == spec.required_when_present:
            if spec.name == "text":
                raise ApiError.bad_request("message text is empty")
            raise ApiError.bad_request(f"{_label(path)} is required")

    def _string(self, spec: FieldSpec, value: str, obj: dict[str, Any], path: str) -> None:
        size = spec.size
        measured = value
        if size is not None and size.after_entities:
            measured = rendered(obj, spec.name).text
            if size.low >= 1 and not measured.strip():
                empty = "message text is empty" if spec.name == "text" else f"{path} is empty"
                raise ApiError.bad_request(empty)
        if size is not None:
            # Telegram counts "characters" in UTF-16 code units: an emoji beyond U+FFFF is two.
            length = len(measured.encode("utf-8")) if size.unit == "bytes" else utf16_len(measured)
            if not size.low <= length <= size.high:
                detail = _INVALID.get(spec.name)
                if detail is None and size.after_entities and length > size.high:
                    detail = _TOO_LONG.get(spec.name)
                if detail is None:
                    detail = (
                        f"{_label(path)} must be {size.low}-{size.high} {size.unit} long, "
                        f"got {length}"
                    )
                raise ApiError.bad_request(detail)
        if spec.charset is not None and not spec.charset.fullmatch(value):
            detail = _INVALID.get(spec.name) or f"{_label(path)} contains forbidden characters"
            raise ApiError.bad_request(detail)


def parse_mode_of(obj: dict[str, Any], name: str) -> str | None:
    """The parse mode that applies to text field `name`, normalised; raises if unsupported."""
    if obj.get("entities" if name == "text" else f"{name}_entities") is not None:
        return None  # explicit entities replace parse_mode
    mode = obj.get(f"{name}_parse_mode", obj.get("parse_mode"))
    if mode is None or mode == "":
        return None
    normalised = PARSE_MODES.get(str(mode).lower())
    if normalised is None:
        raise ApiError.bad_request("unsupported parse_mode")
    return normalised


def rendered(obj: dict[str, Any], name: str) -> ParsedText:
    """Text field `name` of `obj` after its parse mode is applied, as Telegram stores it."""
    try:
        return format_text(str(obj[name]), parse_mode_of(obj, name))
    except HtmlError as error:
        raise ApiError.bad_request(f"can't parse entities: {error}") from None


def _integer(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        return int(value)
    raise _Mismatch(0)


def _float(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str) and _FLOAT.fullmatch(value.strip()):
        return float(value)
    raise _Mismatch(0)


def _string(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise _Mismatch(0)


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _BOOLEANS:
        return _BOOLEANS[value.strip().lower()]
    raise _Mismatch(0)


_SCALARS = {"Integer": _integer, "Float": _float, "String": _string, "Boolean": _boolean}
