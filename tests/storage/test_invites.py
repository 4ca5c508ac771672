import re
from datetime import UTC, datetime, timedelta

from storage import invites, people
from storage.db import Database
from storage.invites import Invite
from storage.people import Role


def test_tokens_fit_a_start_payload_and_differ() -> None:
    tokens = {invites.new_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{22}", token) for token in tokens)


def test_hash_token_is_sha256_hex() -> None:
    assert invites.hash_token("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


async def test_create_and_find(db: Database, now: datetime) -> None:
    expires = now + timedelta(days=7)
    async with db.transaction() as conn:
        admin = await people.create(conn, telegram_id=1, name="Admin", role=Role.ADMIN, now=now)
        invite, token = await invites.create(
            conn,
            role=Role.OFFICER,
            now=now,
            expires_at=expires,
            name="Inspecteur Peeters",
            area="Zuid",
            created_by=admin.id,
        )
        found = await invites.find(conn, token)

    assert (
        found
        == invite
        == Invite(
            id=invite.id,
            role=Role.OFFICER,
            name="Inspecteur Peeters",
            area="Zuid",
            created_by=admin.id,
            created_at=now,
            expires_at=expires,
            used_at=None,
            used_by=None,
        )
    )
    assert invite.expires_at.tzinfo is UTC


async def test_only_the_hash_is_stored(db: Database, now: datetime) -> None:
    async with db.transaction() as conn:
        _, token = await invites.create(
            conn, role=Role.RESIDENT, now=now, expires_at=now + timedelta(days=1)
        )
        rows = await conn.execute_fetchall("SELECT * FROM invites")
    stored = [str(value) for row in rows for value in tuple(row)]
    assert invites.hash_token(token) in stored
    assert not any(token in value for value in stored)


async def test_unknown_token_is_none(db: Database, now: datetime) -> None:
    async with db.transaction() as conn:
        await invites.create(conn, role=Role.RESIDENT, now=now, expires_at=now + timedelta(days=1))
        assert await invites.find(conn, invites.new_token()) is None
        assert await invites.find(conn, "") is None


async def test_mark_used_succeeds_once(db: Database, now: datetime) -> None:
    later = now + timedelta(hours=1)
    async with db.transaction() as conn:
        invite, token = await invites.create(
            conn, role=Role.CONTACT, now=now, expires_at=now + timedelta(days=1)
        )
        first = await people.create(conn, telegram_id=1, name="A", role=Role.CONTACT, now=later)
        second = await people.create(conn, telegram_id=2, name="B", role=Role.CONTACT, now=later)
        assert await invites.mark_used(conn, invite.id, first.id, later) is True
        assert await invites.mark_used(conn, invite.id, second.id, later) is False
        used = await invites.find(conn, token)
    assert used is not None
    assert (used.used_at, used.used_by) == (later, first.id)
    assert not used.usable(later)


async def test_usable_until_expiry(db: Database, now: datetime) -> None:
    expires = now + timedelta(days=1)
    async with db.transaction() as conn:
        invite, _ = await invites.create(conn, role=Role.RESIDENT, now=now, expires_at=expires)
    assert invite.usable(now)
    assert invite.usable(expires - timedelta(microseconds=1))
    assert not invite.usable(expires)


async def test_delete_expired_removes_only_unused_expired_invites(
    db: Database, now: datetime
) -> None:
    async with db.transaction() as conn:
        person = await people.create(conn, telegram_id=1, name="A", role=Role.RESIDENT, now=now)
        old, _ = await invites.create(
            conn,
            role=Role.RESIDENT,
            now=now - timedelta(days=8),
            expires_at=now - timedelta(days=1),
        )
        just_expired, _ = await invites.create(
            conn, role=Role.RESIDENT, now=now - timedelta(days=7), expires_at=now
        )
        used, _ = await invites.create(
            conn,
            role=Role.RESIDENT,
            now=now - timedelta(days=8),
            expires_at=now - timedelta(days=1),
        )
        await invites.mark_used(conn, used.id, person.id, now - timedelta(days=2))
        fresh, _ = await invites.create(
            conn, role=Role.RESIDENT, now=now, expires_at=now + timedelta(seconds=1)
        )
        assert await invites.delete_expired(conn, now) == 2
        rows = await conn.execute_fetchall("SELECT id FROM invites ORDER BY id")
    assert [row[0] for row in rows] == [used.id, fresh.id]
    assert old.id not in {row[0] for row in rows}
    assert just_expired.id not in {row[0] for row in rows}
