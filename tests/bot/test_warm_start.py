"""A started runtime has loaded what a first message needs, so nobody's turn waits for it."""

from __future__ import annotations

from pathlib import Path

import locales
from bot.runtime import open_runtime
from bot.settings import Settings
from dialogs.engine import emergency


async def test_every_language_is_loaded_when_the_runtime_opens(tmp_path: Path) -> None:
    # The caches live as long as the process: emptied, so only this start can fill them.
    emergency.matcher.cache_clear()
    emergency.load.cache_clear()
    locales.translations.cache_clear()
    settings = Settings(
        database=tmp_path / "wijkbot.db", languages=("nl", "fr", "en"), _env_file=None
    )  # type: ignore[call-arg]
    runtime = await open_runtime(settings)
    try:
        # Each message is read with every language's emergency cues, whatever it offers.
        assert emergency.matcher.cache_info().currsize == len(emergency.cue_languages()) == 3
        assert locales.translations.cache_info().currsize == 3
        compiled = emergency.matcher.cache_info().hits
        assert emergency.emergency_of("help er is brand in de keuken", "fr") is not None
        assert emergency.matcher.cache_info().misses == 3  # nothing compiled at the message
        assert emergency.matcher.cache_info().hits > compiled
    finally:
        await runtime.close()
