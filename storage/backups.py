"""Backups of the database file, and putting one back.

A backup is `VACUUM INTO` from a connection of its own: one read transaction, so the copy is
the database at one moment even while the bot writes, compacted, in one file without a WAL.
A restore checks the copy before anything is replaced, and only while no process has the
database open. Everything here blocks; callers in the event loop run it in a thread.
"""

from __future__ import annotations

import os
import re
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from storage import checks, db_lock

# Daily backups are named after their moment (UTC), so their names sort by age.
_DAILY_NAME = "wijkbot-{:%Y%m%d-%H%M%S}.db"
_DAILY = re.compile(r"wijkbot-(\d{8}-\d{6})\.db")
# A bot that starts takes a daily backup only when the newest is older than this, so a bot
# that keeps restarting does not push the good old backups out of the rotation.
DAILY_EVERY = timedelta(hours=20)


class BackupError(Exception):
    """The backup could not be made; the message says why."""


class Refusal(StrEnum):
    IN_USE = "in_use"  # a process has the database open
    MISSING = "missing"  # no file at the copy's path
    UNSOUND = "unsound"  # the copy fails a check; the report says which


class RestoreRefused(Exception):
    """The copy was not put back; `report` holds the checks when they were the reason."""

    def __init__(self, reason: Refusal, report: checks.Report | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.report = report


def backup(database: Path, target: Path) -> Path:
    """A consistent copy of `database` at `target` (replaced if it exists)."""
    if not database.is_file():
        raise BackupError(f"no database at {database}")
    target.parent.mkdir(parents=True, exist_ok=True)
    # VACUUM INTO refuses an existing file, and a half-written copy must never carry the
    # target's name: write beside it, then rename, which is atomic on one file system.
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with closing(_connect(database)) as conn:
            conn.execute("VACUUM INTO ?", (str(partial),))
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as error:
        partial.unlink(missing_ok=True)
        raise BackupError(str(error)) from error
    return target


def restore(copy: Path, database: Path) -> checks.Report:
    """Put the backup `copy` in place of `database`, after checking it.

    Refused while any process has the database open, and when the copy fails a check or went
    through migrations this version does not know (older ones run at the next start). The
    database it replaces is kept beside it as `<name>.before-restore`.
    """
    try:
        hold = db_lock.exclusive(database)
    except db_lock.DatabaseInUse:
        raise RestoreRefused(Refusal.IN_USE) from None
    staged = database.with_name(database.name + ".restoring")
    try:
        staged.unlink(missing_ok=True)
        _stage(copy, staged)  # the checks then judge exactly the file that will be used
        report = checks.check_file(staged)
        if not report.sound:
            raise RestoreRefused(Refusal.UNSOUND, report)
        if database.exists():
            _fold_wal(database)
            os.replace(database, database.with_name(database.name + ".before-restore"))
        for sidecar in ("-wal", "-shm"):  # of the old file; they must not meet the new one
            database.with_name(database.name + sidecar).unlink(missing_ok=True)
        os.replace(staged, database)
        _sync_folder(database.parent)
        return report
    finally:
        for leftover in ("", "-wal", "-shm", "-journal"):
            staged.with_name(staged.name + leftover).unlink(missing_ok=True)
        hold.release()


def take_daily(database: Path, folder: Path, keep: int, now: datetime) -> Path:
    """Today's backup into `folder`, keeping the newest `keep` daily backups there."""
    made = backup(database, folder / _DAILY_NAME.format(now.astimezone(UTC)))
    for old in _daily(folder)[:-keep]:
        old.unlink(missing_ok=True)
    return made


def newest_daily(folder: Path) -> datetime | None:
    """When the newest daily backup in `folder` was made, if there is one."""
    found = _daily(folder)
    if not found:
        return None
    match = _DAILY.fullmatch(found[-1].name)
    assert match is not None
    return datetime.strptime(match[1], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)


def _daily(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if _DAILY.fullmatch(path.name))


def _connect(path: Path) -> sqlite3.Connection:
    # mode=rw: never create an empty database where a real one was expected.
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=rw", uri=True)
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def _stage(copy: Path, staged: Path) -> None:
    """The copy, as one self-contained file, at `staged`."""
    if not copy.is_file():
        raise RestoreRefused(Refusal.MISSING)
    try:
        # SQLite's backup API reads the copy as SQLite sees it, a WAL beside it included.
        # Read-only: a restore never changes the backup it was given.
        source_uri = copy.resolve().as_uri() + "?mode=ro"
        with (
            closing(sqlite3.connect(source_uri, uri=True)) as source,
            closing(sqlite3.connect(staged)) as target,
        ):
            source.backup(target)
    except sqlite3.DatabaseError as error:
        unreadable = checks.Problem(checks.Trouble.UNREADABLE, str(error))
        raise RestoreRefused(Refusal.UNSOUND, checks.Report([unreadable])) from error


def _fold_wal(database: Path) -> None:
    """Write the old database's WAL into it, so what it held goes along to .before-restore."""
    try:
        with closing(_connect(database)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.DatabaseError:
        pass  # a damaged database is replaced as it is; that is what the restore is for


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
