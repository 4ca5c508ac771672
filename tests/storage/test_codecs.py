from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import BaseModel, ValidationError

from storage.codecs import UtcDatetime, from_json, timestamp, to_json

BRUSSELS_SUMMER = timezone(timedelta(hours=2))


class Stamped(BaseModel):
    at: UtcDatetime


def test_timestamps_are_stored_as_fixed_width_utc_text() -> None:
    local = datetime(2025, 7, 1, 14, 0, tzinfo=BRUSSELS_SUMMER)
    assert timestamp(local) == "2025-07-01T12:00:00.000000+00:00"


def test_naive_timestamps_are_refused() -> None:
    with pytest.raises(ValueError, match="without a timezone"):
        timestamp(datetime(2025, 7, 1, 12, 0))


def test_model_timestamps_come_back_in_utc() -> None:
    stamped = Stamped.model_validate({"at": "2025-07-01T12:00:00.000000+00:00"})
    assert stamped.at == datetime(2025, 7, 1, 12, 0, tzinfo=UTC)
    assert stamped.at.tzinfo is UTC
    assert Stamped(at=datetime(2025, 7, 1, 14, 0, tzinfo=BRUSSELS_SUMMER)).at.tzinfo is UTC


def test_models_refuse_naive_timestamps() -> None:
    with pytest.raises(ValidationError):
        Stamped(at=datetime(2025, 7, 1, 12, 0))


def test_json_keeps_non_ascii_readable_and_round_trips() -> None:
    value = {"opmerking": 'Café <b>&</b> "citaat"', "lijst": [1, None, True]}
    text = to_json(value)
    assert "Café <b>&</b>" in text
    assert from_json(text) == value


def test_json_refuses_nan() -> None:
    with pytest.raises(ValueError):
        to_json(float("nan"))
