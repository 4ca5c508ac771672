"""Who has the database open: a lock file beside it that every user holds while it runs.

Every process that opens the database through `Database.open` holds a shared lock on
`<database>.lock` until it closes it; a restore takes the lock exclusively, so it can tell
that a bot is running (and refuse), and a bot that starts during a restore waits for it.
The operating system drops a lock when its holder dies, so a crash never leaves one behind.
The lock file itself is never removed: removing it would let two holders lock two files.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
from pathlib import Path

# A bot that starts while a restore replaces the database waits this long for it.
WAIT_FOR_RESTORE_SECONDS = 60.0
_RETRY_SECONDS = 0.1


class DatabaseInUse(Exception):
    """Another process holds the database in a way that excludes what was asked."""


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class Hold:
    """A held lock; `release()` gives it up (closing the file is what releases it)."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def release(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def exclusive(database: Path) -> Hold:
    """The database to ourselves; DatabaseInUse at once while anyone else has it open."""
    return _take(database, fcntl.LOCK_EX)


async def shared(database: Path) -> Hold:
    """A share of the database, waiting out a restore that is replacing it."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_FOR_RESTORE_SECONDS
    while True:
        try:
            return await asyncio.to_thread(_take, database, fcntl.LOCK_SH)
        except DatabaseInUse:
            if loop.time() > deadline:
                raise
        await asyncio.sleep(_RETRY_SECONDS)


def _take(database: Path, mode: int) -> Hold:
    database.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(database), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        # flock, not fcntl locks: those belong to a process, so two holders in one process
        # (a test's bot and its restore) would not see each other; SQLite uses fcntl locks
        # on the database file, and a separate file keeps the two apart on every file system.
        fcntl.flock(fd, mode | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise DatabaseInUse(str(database)) from None
    except BaseException:
        os.close(fd)
        raise
    return Hold(fd)
