"""`wijkbot export`: the workbook of `/export` from the command line, as XLSX or CSV files."""

from __future__ import annotations

import asyncio
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

from bot.runtime import open_runtime, texts_factory, utc_now
from bot.settings import Settings
from dialogs.sectorscan.problem_list import Problems
from dialogs.sectorscan.scan import FLOW as SCAN_FORM
from dialogs.wijk.export import stored_words
from dialogs.wijk.export_book import Book, book, collect
from dialogs.wijk.export_files import csv_files, xlsx
from storage import analysis, audit
from storage.analysis import Scope, Span

EARLIEST = date(2000, 1, 1)  # before any wijkbot data


async def export(
    settings: Settings,
    area: str | None,
    since: date | None,
    until: date | None,
    output: Path,
    form: str,
) -> int:
    """Write the whole zone, or one area, from `since` to `until` (both included)."""
    texts = texts_factory(settings)(settings.language)
    span = None
    if since is not None or until is not None:
        first, last = since or EARLIEST, (until or utc_now().date()) + timedelta(days=1)
        span = Span(
            since=first,
            until=last,
            since_at=datetime.combine(first, time(), texts.timezone),
            until_at=datetime.combine(last, time(), texts.timezone),
        )
    runtime = await open_runtime(settings)
    try:
        scan_form = runtime.forms[SCAN_FORM]
        options = stored_words(runtime.forms, texts)
        # Read on a read-only connection: a running bot on the same database is not held up.
        async with runtime.db.reader() as conn:
            known = await analysis.areas(conn)
            if area is not None and area not in known:
                listed = ", ".join(known) or "-"
                print(
                    texts.plain("cli.export.unknown_area", area=area, known=listed),
                    file=sys.stderr,
                )
                return 2
            scope = Scope(areas=None if area is None else (area,))
            data = await collect(conn, span, scope)
        async with runtime.db.transaction() as conn:
            await audit.record(conn, None, "export", utc_now())
    finally:
        await runtime.close()
    words = book(data, texts, Problems.of(scan_form), options)
    try:
        await asyncio.to_thread(_write, words, output, form)
    except OSError as error:
        print(texts.plain("cli.export.unwritable", path=output, problem=error), file=sys.stderr)
        return 2
    print(texts.plain_n("cli.export.done", words.rows, path=output, sheets=len(words.sheets)))
    return 0


def _write(words: Book, output: Path, form: str) -> None:
    if form == "xlsx":
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(xlsx(words))
        return
    output.mkdir(parents=True, exist_ok=True)  # a folder with one CSV per sheet
    for name, content in csv_files(words).items():
        (output / name).write_bytes(content)
