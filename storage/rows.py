"""Small helpers for reading what a statement did."""

import aiosqlite


def inserted_id(cursor: aiosqlite.Cursor) -> int:
    if cursor.lastrowid is None:
        raise RuntimeError("INSERT reported no row id")
    return cursor.lastrowid
