"""`wijkbot benchmark conversation`: how many updates a second wijkbot answers, and how fast,
against a bare python-telegram-bot echo bot on the same machine and stand-in.

Simulated people walk a form, each waiting for the answer before the next step, at 1, 20
and 100 people; the two bots take turns, three rounds each per crowd size. Then the p99 of
20 people's updates while an admin exports the whole seeded zone against the same without
an export, and the bulk pace of the outbox. Every form the people sent is looked up in
wijkbot's database afterwards. The goals are printed beside the figures; nothing fails on
them but the exit status.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from bot.benchmarks import bulk
from bot.benchmarks.figures import (
    EXPORT_GOAL,
    P99_GOAL,
    RATE_GOAL,
    Figures,
    crowd_lines,
    export_lines,
    figures_of,
)
from bot.benchmarks.processes import TelegramSideProcess, running
from bot.benchmarks.walks import stored_answers
from bot.benchmarks.zone import prepare
from storage import form_responses, people
from storage.db import Database

CROWDS = (1, 20, 100)
ROUNDS = 3  # per bot and crowd size, interleaved
EXPORT_CROWD = 20
QUIET_SECONDS = 8.0  # the crowd without an export, before it and again after it
FIRST_PERSON = 50_000_000  # far from the seeded zone's Telegram ids
BULK_FIRST = 60_000_000
BULK_TIMEOUT = 120.0


class People:
    """Hands out fresh Telegram ids, so no round starts in a form left by another."""

    def __init__(self) -> None:
        self.next = FIRST_PERSON

    def take(self, count: int) -> int:
        first, self.next = self.next, self.next + 1_000 * (1 + count // 1_000)
        return first


async def run_conversation(seconds: float) -> int:
    with tempfile.TemporaryDirectory(prefix="wijkbot-conversation-") as name:
        folder = Path(name)
        database = folder / "wijkbot.db"
        started = time.perf_counter()
        zone = await prepare(database)
        print(
            f"Seeded a zone of {len(zone.officer_telegram_ids)} officers, {zone.scans} scans and"
            f" {zone.concerns} concerns in {time.perf_counter() - started:.0f} s; rounds of"
            f" {seconds:g} s, echo bot and wijkbot in turn, {ROUNDS} rounds each:"
        )
        ids, walked = People(), list[tuple[int, str]]()
        async with running(folder, database) as side:
            for bot in ("echo", "wijk"):  # the first answers wait for the bots to start
                warm = await side.ask("walk", bot=bot, first=ids.take(1), people=1, seconds=2.0)
                if bot == "wijk":
                    walked += warm["walks"]
            crowds_met = True
            for size in CROWDS:
                results: dict[str, list[dict[str, Any]]] = {"echo": [], "wijk": []}
                for _ in range(ROUNDS):
                    for bot in ("echo", "wijk"):
                        result = await side.ask(
                            "walk", bot=bot, first=ids.take(size), people=size, seconds=seconds
                        )
                        results[bot].append(result)
                echo, wijk = figures_of(results["echo"]), figures_of(results["wijk"])
                walked += [w for r in results["wijk"] for w in r["walks"]]
                crowds_met &= _met(echo, wijk)
                print("\n".join(crowd_lines(size, echo, wijk)))
            export_met, export_walks = await _export(side, ids, zone.admin_telegram_id)
            walked += export_walks
            times = await _bulk(side, database)
        print("Bulk pace of the outbox:")
        print("\n".join(bulk.lines(times, bulk.BACKLOG)))
        missing = await _missing(database, walked)
        print(
            f"Answers in the database: {len(walked) - missing} of the {len(walked)} forms sent"
            f" are stored with every answer" + ("" if not missing else f"; {missing} are NOT")
        )
    bulk_met = bulk.met(times, bulk.BACKLOG)
    return 0 if crowds_met and export_met and bulk_met and not missing else 1


def _met(echo: Figures, wijk: Figures) -> bool:
    return wijk.rate >= RATE_GOAL * echo.rate and wijk.p99 <= P99_GOAL * echo.p99


async def _export(
    side: TelegramSideProcess, ids: People, admin: int
) -> tuple[bool, list[tuple[int, str]]]:
    """The crowd without an export just before and just after the one with it, so a change in
    the machine's other load shows in both rather than in one."""
    rounds = []
    for export in (False, True, False):
        first = ids.take(EXPORT_CROWD)
        if export:
            result = await side.ask("export", admin_id=admin, first=first, people=EXPORT_CROWD)
        else:
            result = await side.ask(
                "walk", bot="wijk", first=first, people=EXPORT_CROWD, seconds=QUIET_SECONDS
            )
        rounds.append(result)
    before, during, after = rounds
    quiet, busy = figures_of([before, after]), figures_of([_within(during)])
    print(f"Other people's updates ({EXPORT_CROWD} people) while an admin exports the zone:")
    print("\n".join(export_lines(quiet, busy, during["end"] - during["start"])))
    walks = [w for r in rounds for w in r["walks"]]
    return busy.p99 <= EXPORT_GOAL * quiet.p99, walks


def _within(result: dict[str, Any]) -> dict[str, Any]:
    """Only the updates posted while the export ran."""
    start, end = result["start"], result["end"]
    samples = [s for s in result["samples"] if start <= s[0] <= end]
    return {**result, "samples": samples}


async def _bulk(side: TelegramSideProcess, database: Path) -> list[float]:
    chats = [BULK_FIRST + n for n in range(bulk.RECIPIENTS)]
    await side.ask("bulk_watch", chats=chats)
    await bulk.queue_bulk_messages(database, chats, bulk.BACKLOG)
    answer = await side.ask("bulk_wait", count=bulk.BACKLOG, within=BULK_TIMEOUT)
    times: list[float] = answer["times"]
    return times


async def _missing(database: Path, walked: list[tuple[int, str]]) -> int:
    """How many of the forms the people sent are not in the database, answer for answer."""
    db = await Database.open(database)
    try:
        async with db.reader() as conn:
            stored: dict[int, list[dict[str, Any]]] = {}
            for telegram_id in {telegram_id for telegram_id, _ in walked}:
                person = await people.by_telegram_id(conn, telegram_id)
                responses = (
                    [] if person is None else await form_responses.list_for_person(conn, person.id)
                )
                stored[telegram_id] = [r.answers for r in responses]
    finally:
        await db.close()
    return sum(1 for telegram_id, text in walked if stored_answers(text) not in stored[telegram_id])
