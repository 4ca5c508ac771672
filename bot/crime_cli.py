"""`wijkbot crime import FILE.csv`: registered crime per area and month, beside the scans."""

from __future__ import annotations

from pathlib import Path

from bot.csv_files import print_header_error, print_problems, read_csv_file
from bot.runtime import open_runtime, texts_factory, utc_now
from bot.settings import Settings
from dialogs.engine.texts import N_
from dialogs.sectorscan.csv_table import HeaderError
from dialogs.sectorscan.scan import FLOW as SCAN_FORM
from dialogs.wijk.crime_import import COLUMNS, parse
from dialogs.wijk.figures import crime_matches
from dialogs.wijk.report import Labels
from storage import analysis, crime


async def import_crime(settings: Settings, path: Path) -> int:
    """0 when every row was imported, 1 when some were skipped, 2 when nothing could be."""
    texts = texts_factory(settings)(settings.language)
    text = await read_csv_file(path, texts)
    if text is None:
        return 2
    try:
        parsed = parse(text)
    except HeaderError as error:
        print_header_error(texts, N_("cli.crime.header"), error, columns=",".join(COLUMNS))
        return 2
    runtime = await open_runtime(settings)
    try:
        async with runtime.db.transaction() as conn:
            # All good rows in one transaction: an interrupted import leaves nothing behind.
            added = await crime.add_many(conn, parsed.counts, utc_now())
            known = set(await analysis.areas(conn))
        labels = Labels(runtime.forms[SCAN_FORM])
    finally:
        await runtime.close()
    print(texts.plain_n("cli.crime.done", added))
    print_problems(texts, parsed.problems)
    areas = sorted({c.area for c in parsed.counts} - known)
    if areas:
        print(texts.plain("cli.crime.unknown_areas", areas=", ".join(areas)))
    categories = sorted(
        {c.category for c in parsed.counts if crime_matches(c.category, labels.problems) is None}
    )
    if categories:
        print(texts.plain("cli.crime.unmatched", categories=", ".join(categories)))
    return 1 if parsed.problems else 0
