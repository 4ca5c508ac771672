"""Everything stored about one person, for /mijngegevens: plain data, no interpretation."""

from __future__ import annotations

from typing import Any

import aiosqlite

from storage.codecs import from_json


async def _rows(conn: aiosqlite.Connection, sql: str, *args: object) -> list[dict[str, Any]]:
    rows = await conn.execute_fetchall(sql, args)
    return [dict(row) for row in rows]


async def collect(conn: aiosqlite.Connection, person_id: int) -> dict[str, Any]:
    data: dict[str, Any] = {}
    people = await _rows(
        conn,
        "SELECT telegram_id, name, role, area, language, created_at FROM people WHERE id = ?",
        person_id,
    )
    data["person"] = people[0] if people else {}
    contacts = await _rows(
        conn,
        "SELECT id, name, organisation, role, area, phone, street, created_at FROM contacts"
        " WHERE person_id = ?",
        person_id,
    )
    data["contact"] = contacts[0] if contacts else None
    scans = []
    for contact in contacts:
        for scan in await _rows(
            conn,
            "SELECT id, visited_on, filled_by, form, form_version FROM scans"
            " WHERE contact_id = ? ORDER BY visited_on",
            contact.pop("id"),
        ):
            answers = await _rows(
                conn, "SELECT question, value FROM scan_answers WHERE scan_id = ?", scan.pop("id")
            )
            scan["answers"] = {a["question"]: from_json(a["value"]) for a in answers}
            scans.append(scan)
    data["scans"] = scans
    responses = []
    for response in await _rows(
        conn,
        "SELECT id, form, form_version, submitted_at FROM form_responses WHERE person_id = ?"
        " ORDER BY submitted_at",
        person_id,
    ):
        answers = await _rows(
            conn,
            "SELECT question, value FROM form_answers WHERE response_id = ?",
            response.pop("id"),
        )
        response["answers"] = {a["question"]: from_json(a["value"]) for a in answers}
        responses.append(response)
    data["forms"] = responses
    states = await _rows(
        conn,
        "SELECT flow, step, data, started_at, updated_at FROM dialog_states WHERE person_id = ?",
        person_id,
    )
    for state in states:
        state["data"] = from_json(state["data"])
    data["form_in_progress"] = states[0] if states else None
    data["invites"] = await _rows(
        conn, "SELECT role, area, used_at FROM invites WHERE used_by = ?", person_id
    )
    data["concerns"] = await _rows(
        conn,
        "SELECT c.problem, c.description, c.place, c.latitude, c.longitude, c.photo_file_id,"
        " c.solution, c.keep_informed, c.contactable, c.created_at,"
        " m.starts_at AS meeting_starts_at,"
        " m.place AS meeting_place FROM concerns c JOIN meetings m ON m.id = c.meeting_id"
        " WHERE c.author_id = ? ORDER BY c.created_at",
        person_id,
    )
    data["supports"] = await _rows(
        conn,
        "SELECT c.problem, s.created_at FROM supports s"
        " JOIN concerns c ON c.id = s.concern_id WHERE s.person_id = ? ORDER BY s.created_at",
        person_id,
    )
    data["bin_memberships"] = await _rows(
        conn, "SELECT area, joined_at FROM bin_members WHERE person_id = ? ORDER BY area", person_id
    )
    data["signals"] = await _rows(
        conn,
        "SELECT area, problem, description, place, latitude, longitude, photo_file_id,"
        " keep_informed, status, created_at FROM signals WHERE author_id = ? ORDER BY id",
        person_id,
    )
    data["bin_answers"] = await _rows(
        conn,
        "SELECT alert_id, what, place, latitude, longitude, seen_when, photo_file_id, created_at"
        " FROM bin_answers WHERE person_id = ? ORDER BY id",
        person_id,
    )
    preference = await _rows(
        conn, "SELECT frequency FROM digest_preferences WHERE person_id = ?", person_id
    )
    data["digest"] = preference[0]["frequency"] if preference else None
    blocked = await _rows(
        conn, "SELECT blocked_at FROM blocked_people WHERE person_id = ?", person_id
    )
    data["blocked_at"] = blocked[0]["blocked_at"] if blocked else None
    data["messages_sent"] = await _rows(
        conn,
        "SELECT o.cause, o.created_at, o.status FROM outbox o"
        " JOIN people p ON p.telegram_id = o.chat_id WHERE p.id = ? ORDER BY o.id",
        person_id,
    )
    return data
