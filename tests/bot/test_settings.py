"""Settings: defaults, the WIJKBOT_ prefix, and one clear line for a bad value."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import PUBLIC_API_URL, SettingsError, load_settings


def test_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.telegram_token is None
    assert settings.telegram_api_url == PUBLIC_API_URL
    assert settings.database == Path("wijkbot.db")
    assert (settings.timezone, settings.locale, settings.language) == (
        "Europe/Brussels",
        "nl_BE",
        "nl",
    )


def test_environment_and_env_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("WIJKBOT_DATABASE=uit-bestand.db\nWIJKBOT_INVITE_DAYS=3\n")
    monkeypatch.setenv("WIJKBOT_TELEGRAM_TOKEN", "123:geheim")
    monkeypatch.setenv("WIJKBOT_TELEGRAM_API_URL", "http://127.0.0.1:8081/bot/")
    settings = load_settings()
    assert settings.database == Path("uit-bestand.db") and settings.invite_days == 3
    assert settings.telegram_api_url == "http://127.0.0.1:8081/bot"
    assert settings.telegram_token is not None
    assert "geheim" not in repr(settings)  # the token is a secret, never printed


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("WIJKBOT_TIMEZONE", "Europe/Nergens"),
        ("WIJKBOT_LOCALE", "xx_YY_ZZ"),
        ("WIJKBOT_TELEGRAM_API_URL", "api.telegram.org"),
        ("WIJKBOT_INVITE_DAYS", "veertien"),
        ("WIJKBOT_HEALTH_LISTEN", "8081"),
        ("WIJKBOT_HEALTH_LISTEN", "127.0.0.1:99999"),
        ("WIJKBOT_LOG_FORMAT", "xml"),
        ("WIJKBOT_BACKUP_KEEP", "0"),
        ("WIJKBOT_WEBHOOK_LISTEN", "localhost"),
        ("WIJKBOT_WEBHOOK_URL", "bot.politiezone.example/telegram/webhook"),
        ("WIJKBOT_WEBHOOK_SECRET", "met spaties"),
    ],
)
def test_a_bad_setting_is_named_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    name: str,
    value: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=name):
        load_settings()
    assert main(["run"]) == 2
    error = capsys.readouterr().err
    assert name in error and "Traceback" not in error and error.count("\n") == 1


def test_run_without_token_says_what_to_do(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["run"]) == 2
    error = capsys.readouterr().err
    assert "WIJKBOT_TELEGRAM_TOKEN" in error and "wijkbot console" in error


@pytest.mark.parametrize(
    ("given", "missing"),
    [
        ({}, "WIJKBOT_WEBHOOK_URL"),
        ({"WIJKBOT_WEBHOOK_URL": "https://bot.example/telegram/webhook"}, "WIJKBOT_WEBHOOK_SECRET"),
    ],
)
def test_webhook_mode_names_the_setting_it_lacks(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    given: dict[str, str],
    missing: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WIJKBOT_TELEGRAM_TOKEN", "123:geheim")
    for name, value in given.items():
        monkeypatch.setenv(name, value)
    assert main(["run", "--webhook"]) == 2
    error = capsys.readouterr().err
    assert missing in error and "--webhook" in error and error.count("\n") == 1
    assert not (tmp_path / "wijkbot.db").exists()  # refused before anything was opened
    settings = load_settings()
    assert settings.webhook_address == ("127.0.0.1", 8080)


def test_running_it_for_a_zone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_settings().health_address is None  # no listener unless asked for
    monkeypatch.setenv("WIJKBOT_HEALTH_LISTEN", "[::1]:8081")
    monkeypatch.setenv("WIJKBOT_LOG_FORMAT", "json")
    monkeypatch.setenv("WIJKBOT_BACKUP_DIR", "/var/backups/wijkbot")
    settings = load_settings()
    assert settings.health_address == ("::1", 8081)
    assert settings.log_format == "json"
    assert (settings.backup_dir, settings.backup_keep) == (Path("/var/backups/wijkbot"), 7)
