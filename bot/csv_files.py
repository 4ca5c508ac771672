"""What the CSV imports of the command line share: reading the file, naming bad rows."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterable
from pathlib import Path

from dialogs.engine.texts import Texts
from dialogs.sectorscan.csv_table import HeaderError, RowProblem


async def read_csv_file(path: Path, texts: Texts) -> str | None:
    """The file's text, or None after saying why it cannot be read."""
    try:
        return await asyncio.to_thread(path.read_text, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        print(texts.plain("cli.import.unreadable", path=path, problem=error), file=sys.stderr)
        return None


def print_header_error(texts: Texts, key: str, error: HeaderError, **values: object) -> None:
    print(
        texts.plain(
            key,
            missing=", ".join(error.missing) or "-",
            unknown=", ".join(error.unknown) or "-",
            **values,
        ),
        file=sys.stderr,
    )


def print_problems(texts: Texts, problems: Iterable[RowProblem]) -> None:
    for problem in problems:
        print(
            texts.plain(
                "cli.import.row",
                line=problem.line,
                problem=texts.plain(problem.key, column=problem.column),
            )
        )
