"""Is a database file sound: SQLite's integrity and foreign-key checks, and its migrations.

Used by `wijkbot check`, and by a restore before it lets a copy replace the database. The
checks only read; they run on the live database while the bot writes (WAL readers see one
consistent moment), and on a backup copy. `writable` is the health check's question about
the bot's own connection.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from storage.db import Database
from storage.migrations import load

_MOST_INTEGRITY_PROBLEMS = 20  # a badly broken file would otherwise list every page


class Trouble(StrEnum):
    MISSING = "missing"  # no file at that path
    UNREADABLE = "unreadable"  # not an SQLite database, or it cannot be opened
    INTEGRITY = "integrity"  # PRAGMA integrity_check found damage
    FOREIGN_KEY = "foreign_key"  # a row points to a row that does not exist
    NOT_WIJKBOT = "not_wijkbot"  # no migrations table: some other database
    NEWER = "newer"  # migrations this version of the code does not know


@dataclass(frozen=True)
class Problem:
    trouble: Trouble
    detail: str = ""


@dataclass(frozen=True)
class Report:
    problems: list[Problem] = field(default_factory=list)
    migrations: list[int] = field(default_factory=list)  # the versions the file went through
    pending: list[int] = field(default_factory=list)  # known here, to be applied at start

    @property
    def sound(self) -> bool:
        return not self.problems


def check_file(path: Path) -> Report:
    """Every check on the database file at `path`; blocking, so run it in a thread."""
    if not path.is_file():
        return Report([Problem(Trouble.MISSING, str(path))])
    try:
        # mode=rw never creates a file, and falls back to reading a write-protected one.
        with closing(sqlite3.connect(path.resolve().as_uri() + "?mode=rw", uri=True)) as conn:
            return _check(conn)
    except sqlite3.DatabaseError as error:
        return Report([Problem(Trouble.UNREADABLE, str(error))])


def _check(conn: sqlite3.Connection) -> Report:
    problems = [
        Problem(Trouble.INTEGRITY, str(row[0]))
        for row in conn.execute(f"PRAGMA integrity_check({_MOST_INTEGRITY_PROBLEMS:d})")
        if row[0] != "ok"
    ]
    problems += [
        Problem(Trouble.FOREIGN_KEY, f"{table} rowid {rowid} -> {parent}")
        for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check")
    ]
    try:
        applied = sorted(row[0] for row in conn.execute("SELECT version FROM schema_migrations"))
    except sqlite3.OperationalError:
        return Report([*problems, Problem(Trouble.NOT_WIJKBOT)])
    known = [migration.version for migration in load()]
    unknown = [version for version in applied if version not in known]
    if unknown:
        problems.append(Problem(Trouble.NEWER, ", ".join(map(str, unknown))))
    pending = [version for version in known if version not in applied]
    return Report(problems, applied, pending)


async def writable(db: Database) -> bool:
    """Whether the bot's connection can take the write lock and run a write statement.

    The statement changes no row, so nothing reaches the file; a database that was made
    read-only, or whose connection was, answers SQLITE_READONLY all the same.
    """
    try:
        async with db.transaction() as conn:
            await conn.execute("UPDATE schema_migrations SET name = name WHERE 0")
    except sqlite3.Error:
        return False
    return True
