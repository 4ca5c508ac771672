"""`wijkbot contacts import FILE.csv --officer ID [--dry-run] [--new-areas]`: bring an existing
contact list in, or see first what it would do."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.csv_files import print_header_error, print_problems, read_csv_file
from bot.runtime import open_runtime, texts_factory, utc_now
from bot.settings import Settings
from dialogs.engine.texts import N_, Texts
from dialogs.sectorscan.contact_import import Plan, parse, plan
from dialogs.sectorscan.csv_table import HeaderError
from storage import analysis, contacts, people
from storage.people import Role


async def import_contacts(
    settings: Settings,
    path: Path,
    officer_telegram_id: int,
    *,
    dry_run: bool = False,
    new_areas: bool = False,
) -> int:
    """0 when every row was taken in, 1 when some were skipped, 2 when nothing could be."""
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
            network = await contacts.list_for_officer(conn, officer.id, include_inactive=True)
            known = await analysis.areas(conn)
            planned = plan(parsed.contacts, network, known, new_areas)
            if not dry_run:
                # All good rows in one transaction: an interrupted import leaves nothing behind.
                now = utc_now()
                await contacts.add_many(conn, officer.id, planned.added, now)
                await contacts.update_many(conn, planned.updated, now)
    finally:
        await runtime.close()
    _report(texts, planned, officer.name, known)
    print_problems(texts, parsed.problems)
    if dry_run:
        print(texts.plain("cli.import.dry_run"))
    return 1 if parsed.problems or planned.unknown_areas else 0


def _report(texts: Texts, planned: Plan, officer: str, known: list[str]) -> None:
    print(texts.plain_n("cli.import.done", len(planned.added), officer=officer))
    print(texts.plain_n("cli.import.updated", planned.changed))
    print(texts.plain_n("cli.import.unchanged", planned.unchanged))
    if planned.stopped:
        print(texts.plain_n("cli.import.stopped", planned.stopped))
    for area, lines in planned.unknown_areas.items():
        print(
            texts.plain_n(
                "cli.import.unknown_area",
                len(lines),
                area=area,
                lines=", ".join(str(line) for line in lines),
            )
        )
    if planned.unknown_areas:
        print(texts.plain("cli.import.known_areas", areas=", ".join(known) or "-"))
