"""Every date option of the `wijkbot` command takes a Belgian date beside an ISO one."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import pytest

from bot.cli import main
from bot.cli_dates import cli_date


@pytest.mark.parametrize(
    "typed",
    ["2/12/2026", "02/12/2026", "2-12-2026", "2.12.2026", "2/12/26", " 2/12/2026 ", "2026-12-02"],
)
def test_belgian_and_iso_dates(typed: str) -> None:
    assert cli_date(typed) == date(2026, 12, 2)  # the second of December, day first


@pytest.mark.parametrize("typed", ["31/2/2026", "2/12", "12/2026", "morgen", "2/12-2026"])
def test_what_is_not_a_date_is_said_in_dutch(typed: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="is geen datum die ik ken"):
        cli_date(typed)


@pytest.mark.parametrize(
    "arguments",
    [
        ["reminders", "--dry-run", "--date", "2/3/2026"],
        ["audit", "--since", "1/1/2026"],
        ["export", "--from", "1/1/2025", "--to", "31/12/2025", "--format", "csv", "--output"],
    ],
)
def test_every_date_option_takes_one(
    arguments: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    if arguments[-1] == "--output":
        arguments = [*arguments, str(tmp_path / "uit")]
    assert main(arguments) == 0
    assert "fromisoformat" not in capsys.readouterr().err


def test_a_wrong_date_stops_with_a_dutch_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stopped:
        main(["reminders", "--dry-run", "--date", "2/13/2026"])
    assert stopped.value.code == 2
    assert "2/13/2026 is geen datum die ik ken. Typ bijvoorbeeld 2/12/2026" in (
        capsys.readouterr().err
    )
