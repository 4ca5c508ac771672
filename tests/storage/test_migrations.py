import asyncio
import shutil
from pathlib import Path
from typing import Any

import aiosqlite
import pytest

from storage.db import Database, connect
from storage.migrations import MigrationError, default_folder, load, migrate, split_statements

TABLES = {
    "schema_migrations",
    "people",
    "invites",
    "dialog_states",
    "form_responses",
    "form_answers",
}

# Every shipped migration, so these tests hold as migrations are added.
SHIPPED = [(migration.version, migration.name) for migration in load()]
SHIPPED_VERSIONS = [version for version, _ in SHIPPED]


async def _tables(conn: aiosqlite.Connection) -> set[str]:
    rows = await conn.execute_fetchall("SELECT name FROM sqlite_schema WHERE type = 'table'")
    return {row[0] for row in rows}


async def _versions(conn: aiosqlite.Connection) -> list[tuple[int, str]]:
    rows = await conn.execute_fetchall("SELECT version, name FROM schema_migrations ORDER BY 1")
    return [(row[0], row[1]) for row in rows]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A migrations folder holding a copy of the shipped initial migration."""
    path = tmp_path / "migrations"
    path.mkdir()
    initial = default_folder() / "0001_initial.sql"
    (path / "0001_initial.sql").write_text(initial.read_text(encoding="utf-8"), encoding="utf-8")
    return path


async def test_initial_migration_ships_with_the_package() -> None:
    assert SHIPPED[0] == (1, "initial")
    # Numbered without gaps, so a missing file cannot go unnoticed.
    assert [version for version, _ in SHIPPED] == list(range(1, len(SHIPPED) + 1))


async def test_migrating_an_empty_database_creates_every_table(db_path: Path) -> None:
    conn = await connect(db_path)
    try:
        assert await migrate(conn) == SHIPPED_VERSIONS
        assert await _tables(conn) >= TABLES
        assert await _versions(conn) == SHIPPED
        rows = list(await conn.execute_fetchall("SELECT applied_at FROM schema_migrations"))
        assert rows[0][0].endswith("+00:00")
        assert not conn.in_transaction
    finally:
        await conn.close()


async def test_opening_again_applies_nothing(db_path: Path) -> None:
    first = await Database.open(db_path)
    await first.close()
    conn = await connect(db_path)
    try:
        assert await migrate(conn) == []
        assert await _versions(conn) == SHIPPED
    finally:
        await conn.close()


async def test_new_migrations_apply_in_order_and_once(db_path: Path, folder: Path) -> None:
    (folder / "0003_third.sql").write_text("ALTER TABLE extra ADD COLUMN b TEXT;")
    (folder / "0002_second.sql").write_text("CREATE TABLE extra (a TEXT);")
    conn = await connect(db_path)
    try:
        assert await migrate(conn, folder) == [1, 2, 3]
        assert await migrate(conn, folder) == []
        columns = await conn.execute_fetchall("SELECT name FROM pragma_table_info('extra')")
        assert [row[0] for row in columns] == ["a", "b"]
    finally:
        await conn.close()


async def test_a_migration_failing_halfway_leaves_nothing_behind(
    db_path: Path, folder: Path
) -> None:
    (folder / "0002_broken.sql").write_text(
        "CREATE TABLE half (a TEXT);\n"
        "INSERT INTO half VALUES ('x');\n"
        "INSERT INTO no_such_table VALUES (1);\n"
    )
    conn = await connect(db_path)
    try:
        with pytest.raises(MigrationError, match="0002_broken"):
            await migrate(conn, folder)
        assert not conn.in_transaction
        assert "half" not in await _tables(conn)
        assert await _versions(conn) == [(1, "initial")]
    finally:
        await conn.close()


async def test_a_migration_may_not_commit_on_its_own(db_path: Path, folder: Path) -> None:
    (folder / "0002_commits.sql").write_text("CREATE TABLE sneaky (a TEXT);\nCOMMIT;\n")
    conn = await connect(db_path)
    try:
        with pytest.raises(MigrationError, match="must not end the transaction"):
            await migrate(conn, folder)
        assert await _versions(conn) == [(1, "initial")]
    finally:
        await conn.close()


async def test_a_database_newer_than_the_code_is_refused(db_path: Path, folder: Path) -> None:
    (folder / "9999_future.sql").write_text("CREATE TABLE future (a TEXT);")
    conn = await connect(db_path)
    try:
        await migrate(conn, folder)
    finally:
        await conn.close()

    with pytest.raises(MigrationError, match=r"\[9999\].*newer"):
        await Database.open(db_path)


async def _schema(conn: aiosqlite.Connection) -> list[tuple[str, str, str | None]]:
    rows = await conn.execute_fetchall("SELECT type, name, sql FROM sqlite_schema ORDER BY 1, 2")
    return [(row[0], row[1], row[2]) for row in rows]


async def test_simultaneous_starts_apply_each_migration_once(db_path: Path, tmp_path: Path) -> None:
    alone = await connect(tmp_path / "alone.db")
    try:
        await migrate(alone)
        expected_schema = await _schema(alone)
    finally:
        await alone.close()

    starters = [await connect(db_path) for _ in range(3)]
    try:
        results = await asyncio.gather(*(migrate(conn) for conn in starters))
        # Which starter applies which migration is up to timing; together, each once.
        assert sorted(v for applied in results for v in applied) == SHIPPED_VERSIONS
        assert await _versions(starters[0]) == SHIPPED
        assert await _schema(starters[0]) == expected_schema
    finally:
        for conn in starters:
            await conn.close()


async def test_a_migration_is_rechecked_inside_its_transaction(
    db_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process records the migration between our first look and our BEGIN."""
    conn, other = await connect(db_path), await connect(db_path)
    try:
        assert await migrate(conn, folder) == [1]
        (folder / "0002_second.sql").write_text("CREATE TABLE second (a TEXT);")
        real_execute = conn.execute

        async def begin_after_the_other(sql: str, parameters: Any = None) -> Any:
            if sql == "BEGIN IMMEDIATE":
                assert await migrate(other, folder) == [2]
            return await real_execute(sql, parameters)

        monkeypatch.setattr(conn, "execute", begin_after_the_other)
        assert await migrate(conn, folder) == []
        assert await _versions(conn) == [(1, "initial"), (2, "second")]
    finally:
        await conn.close()
        await other.close()


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        (
            "CREATE TABLE a (x);\nCREATE TABLE b (y);\n",
            ["CREATE TABLE a (x);", "CREATE TABLE b (y);"],
        ),
        (
            "INSERT INTO a VALUES ('x;y'); DROP TABLE c;",
            ["INSERT INTO a VALUES ('x;y');", "DROP TABLE c;"],
        ),
        (
            "-- a comment; with a semicolon\nSELECT 1;",
            ["-- a comment; with a semicolon\nSELECT 1;"],
        ),
        (
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = 1; END;\nSELECT 2",
            ["CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = 1; END;", "SELECT 2"],
        ),
        ("\n  \n", []),
    ],
)
def test_split_statements(script: str, expected: list[str]) -> None:
    assert split_statements(script) == expected


def test_badly_named_migration_files_are_refused(folder: Path) -> None:
    (folder / "2_oops.sql").write_text("SELECT 1;")
    with pytest.raises(MigrationError, match=r"2_oops\.sql"):
        load(folder)


def test_duplicate_versions_are_refused(folder: Path) -> None:
    shutil.copy(folder / "0001_initial.sql", folder / "0001_again.sql")
    with pytest.raises(MigrationError, match="two migrations with version 1"):
        load(folder)
