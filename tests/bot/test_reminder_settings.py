"""The reminder settings: defaults, overrides, a bad value named, and passed on to the zone."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from bot.runtime import open_runtime
from bot.settings import SettingsError, load_settings


def test_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert (settings.reminder_time, settings.visit_interval_months) == (time(8, 30), 12)
    assert settings.visit_due_soon_days == 30


async def test_overrides_reach_the_zone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WIJKBOT_REMINDER_TIME", "07:45")
    monkeypatch.setenv("WIJKBOT_VISIT_INTERVAL_MONTHS", "6")
    monkeypatch.setenv("WIJKBOT_VISIT_DUE_SOON_DAYS", "14")
    runtime = await open_runtime(load_settings())
    try:
        zone = runtime.engine.zone
        assert (zone.reminder_time, zone.visit_interval_months, zone.visit_due_soon_days) == (
            time(7, 45),
            6,
            14,
        )
    finally:
        await runtime.close()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("WIJKBOT_REMINDER_TIME", "25:00"),
        ("WIJKBOT_REMINDER_TIME", "08:30+02:00"),
        ("WIJKBOT_VISIT_INTERVAL_MONTHS", "0"),
        ("WIJKBOT_VISIT_DUE_SOON_DAYS", "-1"),
    ],
)
def test_a_bad_value_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, value: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=name):
        load_settings()
