from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage import people
from storage.db import Database
from storage.migrations import default_folder
from storage.people import Person, Role


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "wijkbot.db"


@pytest.fixture
async def db(db_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(db_path)
    try:
        yield database
    finally:
        await database.close()


@pytest.fixture
def now() -> datetime:
    return datetime(2025, 3, 14, 9, 26, 53, 589793, tzinfo=UTC)


@pytest.fixture
async def officer(db: Database, now: datetime) -> Person:
    async with db.transaction() as conn:
        return await people.create(
            conn, telegram_id=1001, name="Inspecteur Peeters", role=Role.OFFICER, now=now
        )


@pytest.fixture
def first_migration_only(tmp_path: Path) -> Path:
    """A migrations folder with only the initial migration, for a database of that age."""
    path = tmp_path / "migrations_0001"
    path.mkdir()
    initial = default_folder() / "0001_initial.sql"
    (path / "0001_initial.sql").write_text(initial.read_text(encoding="utf-8"), encoding="utf-8")
    return path
