"""The command-line side of the wijk in view: crime import, export and the benchmark."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bot import event_loop
from bot.cli_dates import HELP as HELP_DATE
from bot.cli_dates import cli_date
from bot.settings import Settings

COMMANDS = ("crime", "export", "benchmark")


def add_commands(commands: Any) -> None:
    """Add `crime import`, `export` and `benchmark` to the `wijkbot` command's subparsers."""
    crime = commands.add_parser("crime", help="registered crime beside the scans")
    crime_commands = crime.add_subparsers(dest="action", required=True)
    importing = crime_commands.add_parser(
        "import", help="import registered crime from a CSV file: wijk,maand,categorie,aantal"
    )
    importing.add_argument("file", type=Path)
    export = commands.add_parser("export", help="export scans, meetings, concerns and actions")
    export.add_argument("--area", help="one area (default: the whole zone)")
    export.add_argument("--from", dest="since", type=cli_date, help=HELP_DATE)
    export.add_argument("--to", dest="until", type=cli_date, help=f"{HELP_DATE}, included")
    export.add_argument("--format", dest="form", choices=["xlsx", "csv"], default="xlsx")
    export.add_argument(
        "--output", type=Path, required=True, help="the .xlsx file, or a folder for the CSV files"
    )
    benchmark = commands.add_parser(
        "benchmark",
        help="time /wijk, /zone and the export on a seeded zone (temporary database); with"
        " `conversation`, wijkbot against an echo bot with simulated people walking a form",
    )
    benchmark.add_argument(
        "suite",
        nargs="?",
        choices=("wijk", "bin", "conversation"),
        default="wijk",
        help="what to measure",
    )
    benchmark.add_argument("--runs", type=int, default=5, help="runs per measurement")
    benchmark.add_argument("--members", type=int, default=5000, help="bin: members of the wijk")
    benchmark.add_argument(
        "--paid", action="store_true", help="bin: a warning sent as Telegram's paid broadcasts"
    )
    benchmark.add_argument(
        "--seconds", type=float, default=4.0, help="conversation: length of a round"
    )


def run(settings: Settings, args: argparse.Namespace) -> int:
    if args.command == "crime":
        from bot.crime_cli import import_crime

        return event_loop.run(import_crime(settings, args.file))
    if args.command == "export":
        from bot.export_cli import export

        return event_loop.run(
            export(settings, args.area, args.since, args.until, args.output, args.form)
        )
    if args.suite == "conversation":
        from bot.benchmarks.conversation import run_conversation

        return event_loop.run(run_conversation(args.seconds))
    if args.suite == "bin":
        from bot.bin_benchmark import run_bin_benchmark

        return event_loop.run(run_bin_benchmark(args.members, args.paid))
    from bot.benchmark import run_benchmark  # seeding code is loaded only when asked for

    return event_loop.run(run_benchmark(args.runs))
