"""`wijkbot backup`, `restore` and `check`: the database file, copied, put back, checked."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot.runtime import texts_factory
from bot.settings import Settings
from dialogs.engine.texts import N_, Texts
from storage import backups
from storage.checks import Report, Trouble, check_file

COMMANDS = ("backup", "restore", "check")

TROUBLE = {
    Trouble.MISSING: N_("cli.check.problem.missing"),
    Trouble.UNREADABLE: N_("cli.check.problem.unreadable"),
    Trouble.INTEGRITY: N_("cli.check.problem.integrity"),
    Trouble.FOREIGN_KEY: N_("cli.check.problem.foreign_key"),
    Trouble.NOT_WIJKBOT: N_("cli.check.problem.not_wijkbot"),
    Trouble.NEWER: N_("cli.check.problem.newer"),
}


def add_commands(commands: Any) -> None:
    """Add `backup PATH`, `restore PATH` and `check [PATH]` to the `wijkbot` command."""
    backup = commands.add_parser(
        "backup", help="a consistent copy of the database, also while the bot runs"
    )
    backup.add_argument("path", type=Path, help="the file to write")
    restore = commands.add_parser(
        "restore", help="put a backup back in place of the database (the bot must be stopped)"
    )
    restore.add_argument("path", type=Path, help="the backup to put back")
    check = commands.add_parser("check", help="integrity and foreign-key checks of the database")
    check.add_argument("path", type=Path, nargs="?", help="another database file to check")


def run(settings: Settings, args: argparse.Namespace) -> int:
    texts = texts_factory(settings)(settings.language)
    if args.command == "backup":
        return _backup(texts, settings.database, args.path)
    if args.command == "restore":
        return _restore(texts, args.path, settings.database)
    return _check(texts, args.path or settings.database)


def _backup(texts: Texts, database: Path, target: Path) -> int:
    try:
        backups.backup(database, target)
    except backups.BackupError as error:
        print(texts.plain("cli.backup.failed", problem=str(error)), file=sys.stderr)
        return 2
    print(texts.plain("cli.backup.done", path=target))
    return 0


def _restore(texts: Texts, copy: Path, database: Path) -> int:
    try:
        report = backups.restore(copy, database)
    except backups.RestoreRefused as refused:
        if refused.reason is backups.Refusal.IN_USE:
            print(texts.plain("cli.restore.in_use", database=database), file=sys.stderr)
        elif refused.reason is backups.Refusal.MISSING:
            print(texts.plain("cli.restore.missing", path=copy), file=sys.stderr)
        else:
            print(texts.plain("cli.restore.unsound", path=copy), file=sys.stderr)
            _problems(texts, refused.report or Report())
        return 1
    print(texts.plain("cli.restore.done", path=copy, database=database))
    previous = database.with_name(database.name + ".before-restore")
    if previous.exists():
        print(texts.plain("cli.restore.kept", path=previous))
    _pending(texts, report)
    return 0


def _check(texts: Texts, database: Path) -> int:
    report = check_file(database)
    if not report.sound:
        print(texts.plain("cli.check.unsound", path=database), file=sys.stderr)
        _problems(texts, report)
        return 1
    latest = report.migrations[-1] if report.migrations else 0
    print(texts.plain("cli.check.sound", path=database, migration=latest))
    _pending(texts, report)
    return 0


def _problems(texts: Texts, report: Report) -> None:
    for problem in report.problems:
        print(texts.plain(TROUBLE[problem.trouble], detail=problem.detail), file=sys.stderr)


def _pending(texts: Texts, report: Report) -> None:
    if report.pending:
        print(texts.plain_n("cli.check.pending", len(report.pending)))
