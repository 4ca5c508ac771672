"""`wijkbot benchmark` (or `python -m bot.benchmark`): how fast /wijk, /zone and /export are
on a zone of the size the issue names, seeded into a temporary database.

It times what a person waits for inside the bot: the engine handling the command in its
transaction, the long read after it on a read-only connection of its own (the figures), and
the work done afterwards: charts drawn in a worker thread, and an export (its rows, words and
workbook) made in a process of its own. Only the first holds other people's updates.
Medians of a few runs; memory as the bot process's peak size.
The targets are here, printed beside the figures, and never in a timed test.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot import event_loop
from bot.benchmark_seed import seed_zone
from bot.runtime import Runtime, open_runtime
from bot.settings import Settings
from dialogs.engine import events
from dialogs.engine.engine import Engine
from dialogs.engine.replies import Deferred, File, Message, Reply, read_long

TARGET_SECONDS = 1.0  # /wijk and /zone answer within a second (the queries, not the drawing)
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


async def _timed(
    engine: Engine, sender: events.Sender, event: events.Event, runs: int
) -> tuple[float, float, list[Reply]]:
    """Medians of the transaction and of the long read after it, and the replies made."""
    await read_long(await engine.handle(sender, event), engine.db.reader)  # warm the caches
    turns, reads = [], []
    replies: list[Reply] = []
    for _ in range(runs):
        start = time.perf_counter()
        handled = await engine.handle(sender, event)
        middle = time.perf_counter()
        replies = await read_long(handled, engine.db.reader)
        turns.append(middle - start)
        reads.append(time.perf_counter() - middle)
    return _median(turns), _median(reads), replies


def _made(runs: int, deferred: list[Deferred]) -> tuple[float, list[Any]]:
    samples: list[float] = []
    made: list[Any] = []
    for _ in range(runs):
        start = time.perf_counter()
        made = []
        for pending in deferred:
            reply = pending.make()
            made += reply if isinstance(reply, list) else [reply]
        samples.append(time.perf_counter() - start)
    return _median(samples), made


def _line(what: str, seconds: float, target: float | None = None) -> str:
    verdict = ""
    if target is not None:
        verdict = "  ok" if seconds <= target else f"  OVER the {target:.1f} s target"
    return f"  {what:<46} {seconds * 1000:9.1f} ms{verdict}"


async def run_benchmark(runs: int = 5) -> int:
    with tempfile.TemporaryDirectory(prefix="wijkbot-benchmark-") as folder:
        database = Path(folder) / "benchmark.db"
        settings = Settings(database=database, _env_file=None)  # type: ignore[call-arg]
        runtime = await open_runtime(settings, lambda: NOW)
        try:
            return await _measure(runtime, database, runs)
        finally:
            await runtime.close()


async def _measure(runtime: Runtime, database: Path, runs: int) -> int:
    engine = runtime.engine
    problems = [o.id for o in runtime.forms["sectorscan"].question("problemen").options]
    started = time.perf_counter()
    async with engine.db.transaction() as conn:
        zone = await seed_zone(conn, NOW.date(), problems, random.Random(7))
    megabytes = (await asyncio.to_thread(database.stat)).st_size / 1e6
    print(
        f"Seeded {len(zone.officer_telegram_ids)} officers, {zone.scans} scans,"
        f" {zone.concerns} concerns in {time.perf_counter() - started:.1f} s"
        f" ({megabytes:.0f} MB); medians of {runs} runs:"
    )
    officer = events.Sender(zone.officer_telegram_ids[0], "Inspecteur")
    admin = events.Sender(zone.admin_telegram_id, "Teamchef")

    wijk, wijk_read, wijk_replies = await _timed(engine, officer, events.Command("wijk"), runs)
    zone_time, zone_read, zone_replies = await _timed(engine, admin, events.Command("zone"), runs)
    export, _, export_replies = await _timed(
        engine, admin, events.Button("m:export_go:all_all"), runs
    )
    _, _, export_year_replies = await _timed(
        engine, admin, events.Button("m:export_go:all_12m"), runs
    )
    _check(wijk_replies, "contactpersonen bevraagd")
    _check(zone_replies, "De hele zone")

    def deferred(replies: list[Reply]) -> list[Deferred]:
        return [r for r in replies if isinstance(r, Deferred)]

    wijk_charts, _ = _made(1, deferred(wijk_replies))
    zone_charts, _ = _made(1, deferred(zone_replies))
    workbook, made = _made(max(1, runs // 2), deferred(export_replies))
    workbook_year, _ = _made(max(1, runs // 2), deferred(export_year_replies))
    size = sum(len(f.content) for f in made if isinstance(f, File))

    print("In the transaction (what other people's updates may wait for):")
    print(_line("/wijk of one officer's area", wijk))
    print(_line("/zone of all 50 areas", zone_time))
    print(_line("/export of the zone, all 5 years", export))
    print("After it, on a read-only connection (nobody else waits):")
    print(_line("/wijk of one officer's area (figures)", wijk_read, TARGET_SECONDS))
    print(_line("/zone of all 50 areas (figures)", zone_read, TARGET_SECONDS))
    print("Afterwards, charts in a worker thread, the export in a process of its own:")
    print(_line("/wijk charts (2 pictures)", wijk_charts))
    print(_line("/zone charts (heat map and 2 pictures)", zone_charts))
    print(_line("/export, last 12 months (rows, words, workbook)", workbook_year))
    print(_line(f"/export, all 5 years ({size / 1e6:.1f} MB XLSX)", workbook))

    maximum = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print("Memory:")
    print(f"  {'the bot process, peak resident size':<46} {maximum:9.1f} MB")
    slow = max(wijk + wijk_read, zone_time + zone_read) > TARGET_SECONDS
    return 1 if slow else 0


def _check(replies: list[Reply], expected: str) -> None:
    """A fast answer must also be the right one."""
    if not any(isinstance(r, Message) and expected in r.html for r in replies):
        raise RuntimeError(f"the benchmark's answer lacks {expected!r}: {replies[:1]!r}")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.benchmark", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement")
    return event_loop.run(run_benchmark(parser.parse_args().runs))


if __name__ == "__main__":
    sys.exit(main())
