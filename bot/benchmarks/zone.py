"""wijkbot's database for the benchmark: the seeded zone of `wijkbot benchmark`, so a
whole-zone export has the size it has in a real zone, made quiet beforehand.

The zone is seeded up to today, the digests of its officers are off and retention has run
once, so neither a reminder run nor the retention run at start lands among the figures.
"""

from __future__ import annotations

import random
from pathlib import Path

from bot.benchmark_seed import SeededZone, seed_zone
from bot.runtime import open_runtime, utc_now
from bot.settings import Settings
from dialogs.forms.model import identifying_questions
from dialogs.people.retention import apply_retention
from storage import digest_preferences, people
from storage.digest_preferences import Frequency


async def prepare(database: Path) -> SeededZone:
    settings = Settings(database=database, _env_file=None)  # type: ignore[call-arg]
    runtime = await open_runtime(settings)
    try:
        engine = runtime.engine
        now = utc_now()
        today = engine.texts(engine.default_language).local(now).date()
        problems = [o.id for o in runtime.forms["sectorscan"].question("problemen").options]
        async with runtime.db.transaction() as conn:
            zone = await seed_zone(conn, today, problems, random.Random(7))
            for telegram_id in [*zone.officer_telegram_ids, zone.admin_telegram_id]:
                person = await people.by_telegram_id(conn, telegram_id)
                assert person is not None
                await digest_preferences.put(conn, person.id, Frequency.OFF, now)
        await apply_retention(
            runtime.db, now, today, engine.zone, identifying_questions(runtime.forms)
        )
    finally:
        await runtime.close()
    return zone
