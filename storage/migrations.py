"""Forward-only schema migrations from the numbered `.sql` files in `migrations/`.

Each file is applied once, inside its own transaction together with its row in
`schema_migrations`, so a migration that fails halfway leaves nothing behind.
"""

import os
import re
import sqlite3
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import aiosqlite

_FILE_NAME = re.compile(r"(\d{4})_(\w+)\.sql")

_CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""

# Bookkeeping about the schema, not application data, so it uses SQLite's own clock
# rather than the application's `now`.
_RECORD = """
INSERT INTO schema_migrations (version, name, applied_at)
VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))
"""


class MigrationError(Exception):
    """The schema cannot be brought up to date by this version of the code."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def default_folder() -> Traversable:
    return files(__package__ or "storage") / "migrations"


def load(folder: Traversable | os.PathLike[str] | None = None) -> list[Migration]:
    """The migrations in `folder`, in version order."""
    root = default_folder() if folder is None else _traversable(folder)
    found: dict[int, Migration] = {}
    for entry in root.iterdir():
        if not entry.name.endswith(".sql"):
            continue
        match = _FILE_NAME.fullmatch(entry.name)
        if match is None:
            raise MigrationError(f"migration file not named NNNN_name.sql: {entry.name}")
        version = int(match[1])
        if version in found:
            raise MigrationError(f"two migrations with version {version}")
        found[version] = Migration(version, match[2], entry.read_text(encoding="utf-8"))
    return [found[version] for version in sorted(found)]


def split_statements(script: str) -> list[str]:
    """Split a script into single statements.

    `executescript` would commit the migration's transaction first, so statements are run
    one by one instead. SQLite itself decides where a statement ends, which keeps semicolons
    inside strings, comments and trigger bodies intact.
    """
    statements: list[str] = []
    pending = ""
    *complete_parts, tail = script.split(";")
    for part in complete_parts:
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if (pending + tail).strip():
        statements.append((pending + tail).strip())
    return statements


async def migrate(
    conn: aiosqlite.Connection, folder: Traversable | os.PathLike[str] | None = None
) -> list[int]:
    """Apply the pending migrations in version order; return the versions applied."""
    if conn.in_transaction:
        raise MigrationError("migrate() needs a connection outside any transaction")
    migrations = load(folder)
    await conn.execute(_CREATE_TABLE)
    recorded = await _recorded_versions(conn)
    _refuse_unknown(recorded, migrations)

    applied: list[int] = []
    for migration in migrations:
        if migration.version in recorded:
            continue
        # IMMEDIATE takes the write lock at once; then look again, because another
        # process may have applied this migration since we last looked.
        await conn.execute("BEGIN IMMEDIATE")
        try:
            recorded = await _recorded_versions(conn)
            _refuse_unknown(recorded, migrations)
            if migration.version in recorded:
                await conn.rollback()
                continue
            await _apply(conn, migration)
            await conn.commit()
        except BaseException:
            await conn.rollback()
            raise
        applied.append(migration.version)
    return applied


async def _apply(conn: aiosqlite.Connection, migration: Migration) -> None:
    label = f"{migration.version:04d}_{migration.name}"
    for statement in split_statements(migration.sql):
        try:
            await conn.execute(statement)
        except sqlite3.Error as exc:
            raise MigrationError(f"migration {label} failed: {exc}") from exc
        if not conn.in_transaction:
            raise MigrationError(f"migration {label} must not end the transaction itself")
    await conn.execute(_RECORD, (migration.version, migration.name))


async def _recorded_versions(conn: aiosqlite.Connection) -> set[int]:
    rows = await conn.execute_fetchall("SELECT version FROM schema_migrations")
    return {row[0] for row in rows}


def _refuse_unknown(recorded: set[int], migrations: list[Migration]) -> None:
    unknown = recorded - {migration.version for migration in migrations}
    if unknown:
        raise MigrationError(
            f"the database has migration(s) {sorted(unknown)} that this code does not know; "
            "it was probably created by a newer version of wijkbot"
        )


def _traversable(folder: Traversable | os.PathLike[str]) -> Traversable:
    return Path(folder) if isinstance(folder, os.PathLike) else folder
