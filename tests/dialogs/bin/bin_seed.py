"""People for the BIN tests: two officers of two wijken, an admin, and residents who join."""

from __future__ import annotations

from dialogs.engine.engine import Engine
from storage import people
from storage.people import Role
from tests.dialogs.conftest import Chat

OFFICER, OTHER_OFFICER, ADMIN = 500, 600, 700


async def person(
    engine: Engine, telegram_id: int, role: Role, name: str, area: str | None = None
) -> Chat:
    async with engine.db.transaction() as conn:
        await people.create(
            conn, telegram_id=telegram_id, name=name, role=role, now=engine.clock(), area=area
        )
    return Chat(engine, telegram_id, name)


async def link_code(officer: Chat, area: str) -> str:
    """The join code of the officer's wijk, as its link shows it."""
    await officer.send("/bin")
    await officer.press("👥 Leden en link")
    await officer.press(f"🔗 Link en flyer: {area}")
    link = next(line for line in officer.text.splitlines() if "start=bin_" in line)
    return link.rpartition("start=bin_")[2].strip()


async def join(engine: Engine, telegram_id: int, code: str) -> Chat:
    member = Chat(engine, telegram_id, f"Bewoner {telegram_id}")
    await member.send(f"/start bin_{code}")
    await member.press("✅ Ja, ik word lid")
    assert "Welkom in het buurtinformatienetwerk" in member.text
    return member
