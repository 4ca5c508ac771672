"""Where the consoles of one database meet: a small file naming the console that runs the bot.

The first console of a database (the host) runs the stand-in and the bot and writes the
stand-in's address to `<database>.console/host.json`; a later console reads it and joins.
The file goes when the host stops; one whose process is gone is stale and taken over.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class HostInfo:
    pid: int
    url: str
    user: int
    name: str


def console_folder(database: Path) -> Path:
    """Beside the database: the host file, and the files the stand-in keeps (see FileStore)."""
    return database.with_name(database.name + ".console")


class HostFile:
    def __init__(self, database: Path) -> None:
        self.path = console_folder(database) / "host.json"

    def read(self) -> HostInfo | None:
        """The running host, or None: no file, an unreadable one, or a host that is gone."""
        try:
            info = HostInfo(**json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None
        return info if _alive(info.pid) else None

    def claim(self, url: str, user: int, name: str) -> bool:
        """Becomes the host unless another console was quicker; a stale file is replaced."""
        if self.path.exists() and self.read() is None:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        info = HostInfo(os.getpid(), url, user, name)
        try:
            # Exclusive creation: of two consoles starting at once, one wins.
            with self.path.open("x", encoding="utf-8") as file:
                json.dump(asdict(info), file)
        except FileExistsError:
            return False
        return True

    def forget(self, stale: HostInfo) -> None:
        """Removes the file of a host that no longer answers, if it still names that host."""
        self._remove_if(stale.pid, stale.url)

    def release(self, url: str) -> None:
        """The host leaves: its file goes, unless another host has written its own since."""
        self._remove_if(os.getpid(), url)

    def _remove_if(self, pid: int, url: str) -> None:
        try:
            found = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(found, dict) and found.get("pid") == pid and found.get("url") == url:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            with contextlib.suppress(OSError):  # only when nothing else is kept in it
                self.path.parent.rmdir()


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        # Signal 0 would end the process there; whether it answers tells instead.
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive, if not ours
        return True
    return True
