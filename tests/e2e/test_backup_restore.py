"""A backup taken while people answer forms, restored into a fresh folder: sound, complete."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable
from contextlib import closing
from pathlib import Path

from bot.runtime import open_runtime
from bot.settings import Settings
from bot.standin import StandIn
from storage import backups, form_responses, people
from storage.checks import check_file
from tests.dialogs.conftest import Clock
from tests.e2e.conftest import Person, RunningBot

PEOPLE = 4
ROUNDS = 3  # demo forms each person sends
DEMO_ANSWERS = 8


def demo_steps(person: Person, round_: int) -> list[Callable[[], Awaitable[None]]]:
    """The demo form from /proef to sent, one awaitable step at a time."""
    return [
        lambda: person.send("/proef"),
        lambda: person.press("Soms"),
        lambda: person.send("Kerkstraat"),
        lambda: person.press("Te snel rijden"),
        lambda: person.press("Klaar"),
        lambda: person.press("7"),
        lambda: person.send(str(round_)),
        lambda: person.press("Overslaan"),
        lambda: person.send(f"opmerking {person.sim.user_id} {round_}"),
        lambda: person.press("Ja"),
        lambda: person.press("✅ Versturen"),
    ]


def answers(path: Path) -> set[tuple[int, str, str]]:
    """Every stored answer of every sent form: (response, question, value)."""
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT response_id, question, value FROM form_answers")
        return {(int(r[0]), str(r[1]), str(r[2])) for r in rows}


def responses(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM form_responses").fetchone()[0])


async def test_a_backup_while_forms_are_answered_restores_every_committed_answer(
    bot: RunningBot, tmp_path: Path
) -> None:
    database = bot.settings.database
    walkers = [bot.person(5000 + n, f"Bewoner {n}") for n in range(PEOPLE)]
    copy = tmp_path / "backups" / "copy.db"
    committed: set[tuple[int, str, str]] = set()
    backing_up: asyncio.Future[Path] | None = None
    # The people take turns, one step each, so every step is settled before the next; the
    # backup runs in a thread meanwhile, from the moment the first forms are in.
    for round_ in range(ROUNDS):
        walks = [demo_steps(person, round_) for person in walkers]
        for number, steps in enumerate(zip(*walks, strict=True)):
            for step in steps:
                await step()
            if backing_up is None and round_ == 1 and number == 4:
                # What was committed the moment before the backup began must all be in it.
                committed = await asyncio.to_thread(answers, database)
                backing_up = asyncio.ensure_future(
                    asyncio.to_thread(backups.backup, database, copy)
                )
    for person in walkers:
        assert "Bedankt" in person.text
    assert backing_up is not None
    await backing_up
    assert len(committed) == PEOPLE * DEMO_ANSWERS  # the first round's forms

    final = await asyncio.to_thread(answers, database)
    assert len(final) == PEOPLE * ROUNDS * DEMO_ANSWERS
    fresh = tmp_path / "fresh" / "wijkbot.db"
    report = await asyncio.to_thread(backups.restore, copy, fresh)
    assert report.sound and report.pending == []
    assert (await asyncio.to_thread(check_file, fresh)).sound
    restored = await asyncio.to_thread(answers, fresh)
    assert committed <= restored <= final
    assert len(restored) < len(final)  # the people went on answering after the backup
    # Whole forms only: a form in the backup has every one of its answers.
    by_response: dict[int, int] = {}
    for response, _question, _value in restored:
        by_response[response] = by_response.get(response, 0) + 1
    assert set(by_response.values()) == {DEMO_ANSWERS}

    # The bot starts on the restored database and finds each person's forms there.
    settings = Settings(database=fresh, _env_file=None)  # type: ignore[call-arg]
    runtime = await open_runtime(settings, bot.clock)
    try:
        async with runtime.db.transaction() as conn:
            first = await people.by_telegram_id(conn, 5000)
            assert first is not None and first.name == "Bewoner 0"
            sent = await form_responses.list_for_person(conn, first.id)
    finally:
        await runtime.close()
    assert sent and all(r.answers["opmerking"].startswith("opmerking 5000") for r in sent)


async def test_the_daily_backup_runs_at_start_once_a_day_and_keeps_the_newest(
    tmp_path: Path, standin: StandIn
) -> None:
    folder = tmp_path / "daily"
    settings = Settings(  # type: ignore[call-arg]
        database=tmp_path / "wijkbot.db", backup_dir=folder, backup_keep=2, _env_file=None
    )
    running = RunningBot(settings, standin, Clock())
    await running.start()
    try:
        assert running.application is not None and running.application.job_queue is not None
        queue = running.application.job_queue
        (at_start,) = queue.get_jobs_by_name("backup-at-start")
        (daily,) = queue.get_jobs_by_name("backup")
        assert daily.next_t is not None and daily.next_t.hour == 2  # local 02:45 is 01:45 UTC
        await at_start.run(running.application)
        await at_start.run(running.application)  # a restart soon after: no second backup
        assert len(list(folder.iterdir())) == 1
        for _day in range(3):
            running.clock.advance(days=1)
            await daily.run(running.application)
        names = sorted(path.name for path in folder.iterdir())
        assert names == ["wijkbot-20260304-090000.db", "wijkbot-20260305-090000.db"]
        for name in names:
            assert (await asyncio.to_thread(check_file, folder / name)).sound
    finally:
        await running.stop()
