"""`wijkbot invite` makes a one-time invite and prints how to use it."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from storage.invites import hash_token


def test_invite_prints_a_token_stored_only_as_hash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["invite", "officer", "--name", "Inspecteur Peeters", "--area", "Centrum"]) == 0
    out = capsys.readouterr().out
    token = re.search(r"/start (\S+)", out)
    assert token is not None and "Inspecteur Peeters" in out
    # Valid until a day and a minute: "tot maandag 16 maart 2026 om 10:00", no seconds.
    assert re.search(r"tot \w+ \d+ \w+ \d{4} om \d{2}:\d{2}\.", out), out
    with sqlite3.connect(tmp_path / "wijkbot.db") as db:
        rows = db.execute("SELECT token_hash, role, name, area, used_at FROM invites").fetchall()
    assert rows == [(hash_token(token[1]), "officer", "Inspecteur Peeters", "Centrum", None)]
    assert token[1] not in (tmp_path / "wijkbot.db").read_bytes().decode("latin-1")


def test_the_link_names_the_configured_bot(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WIJKBOT_BOT_USERNAME", "wijkbot_zone_bot")
    assert main(["invite", "officer", "--name", "Peeters", "--area", "Noord"]) == 0
    out = capsys.readouterr().out
    token = re.search(r"/start (\S+)", out)
    assert token is not None
    assert f"https://t.me/wijkbot_zone_bot?start={token[1]}" in out


def test_admin_invite(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["invite", "admin", "--name", "Teamchef"]) == 0
    with sqlite3.connect(tmp_path / "wijkbot.db") as db:
        assert db.execute("SELECT role FROM invites").fetchall() == [("admin",)]
