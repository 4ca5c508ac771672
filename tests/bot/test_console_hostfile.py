"""The host file: one console of a database hosts, a stale file is taken over."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bot.console.hostfile import HostFile, console_folder


def ended_pid() -> int:
    """The id of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_the_first_claim_wins_and_names_the_host(tmp_path: Path) -> None:
    first, second = HostFile(tmp_path / "w.db"), HostFile(tmp_path / "w.db")
    assert first.read() is None
    assert first.claim("http://127.0.0.1:1", 500, "Peeters")
    assert not second.claim("http://127.0.0.1:2", 600, "An")
    found = second.read()
    assert found is not None and (found.url, found.user, found.name) == (
        "http://127.0.0.1:1",
        500,
        "Peeters",
    )
    assert first.path.parent == console_folder(tmp_path / "w.db") == tmp_path / "w.db.console"


def test_a_file_whose_host_is_gone_is_stale_and_taken_over(tmp_path: Path) -> None:
    hostfile = HostFile(tmp_path / "w.db")
    hostfile.path.parent.mkdir()
    stale = {"pid": ended_pid(), "url": "http://127.0.0.1:1", "user": 500, "name": "Peeters"}
    hostfile.path.write_text(json.dumps(stale))
    assert hostfile.read() is None
    assert hostfile.claim("http://127.0.0.1:2", 600, "An")
    found = hostfile.read()
    assert found is not None and found.name == "An"


def test_an_unreadable_file_is_stale(tmp_path: Path) -> None:
    hostfile = HostFile(tmp_path / "w.db")
    hostfile.path.parent.mkdir()
    hostfile.path.write_text("{half")
    assert hostfile.read() is None
    assert hostfile.claim("http://127.0.0.1:2", 600, "An")


def test_a_host_removes_only_its_own_file(tmp_path: Path) -> None:
    hostfile = HostFile(tmp_path / "w.db")
    assert hostfile.claim("http://127.0.0.1:1", 500, "Peeters")
    hostfile.release("http://127.0.0.1:9")  # another host's address: not ours to remove
    assert hostfile.read() is not None
    hostfile.release("http://127.0.0.1:1")
    assert not hostfile.path.exists()


def test_a_host_that_does_not_answer_is_forgotten(tmp_path: Path) -> None:
    hostfile = HostFile(tmp_path / "w.db")
    assert hostfile.claim("http://127.0.0.1:1", 500, "Peeters")
    found = hostfile.read()
    assert found is not None
    hostfile.forget(found)
    assert hostfile.read() is None and not hostfile.path.exists()
