"""How Python values become SQLite text and back: UTC timestamps and JSON."""

import json
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime


def _as_utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


# Model field type: rejects naive datetimes and normalises every offset to UTC, so values
# read back compare equal to what was written and always carry `datetime.UTC`.
UtcDatetime = Annotated[AwareDatetime, AfterValidator(_as_utc)]


def timestamp(value: datetime) -> str:
    """ISO-8601 UTC text with a fixed width, so SQL can compare timestamps as strings."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"timestamp without a timezone: {value!r}")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def to_json(value: Any) -> str:
    # Keep non-ASCII readable in the database; NaN and Infinity are not JSON.
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def from_json(text: str) -> Any:
    return json.loads(text)
