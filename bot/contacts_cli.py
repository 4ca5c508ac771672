"""`wijkbot contacts import FILE.csv --officer ID`: bring an existing contact list in."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.csv_files import print_header_error, print_problems, read_csv_file
from bot.runtime import open_runtime, texts_factory, utc_now
from bot.settings import Settings
from dialogs.engine.texts import N_
from dialogs.sectorscan.contact_import import parse
from dialogs.sectorscan.csv_table import HeaderError
from storage import contacts, people
from storage.people import Role


async def import_contacts(settings: Settings, path: Path, officer_telegram_id: int) -> int:
    """0 when every row was imported, 1 when some were skipped, 2 when nothing could be."""
    texts = texts_factory(settings)(settings.language)
    text = await read_csv_file(path, texts)
    if text is None:
        return 2
    try:
        parsed = parse(text)
    except HeaderError as error:
        print_header_error(texts, N_("cli.import.header"), error)
        return 2
    runtime = await open_runtime(settings)
    try:
        async with runtime.db.transaction() as conn:
            officer = await people.by_telegram_id(conn, officer_telegram_id)
            if officer is None or officer.role is not Role.OFFICER:
                print(texts.plain("cli.import.no_officer", id=officer_telegram_id), file=sys.stderr)
                return 2
            # All good rows in one transaction: an interrupted import leaves nothing behind.
            added = await contacts.add_many(conn, officer.id, parsed.contacts, utc_now())
    finally:
        await runtime.close()
    print(texts.plain_n("cli.import.done", added, officer=officer.name))
    print_problems(texts, parsed.problems)
    return 1 if parsed.problems else 0
