"""The key of the count of wrong codes: stored nowhere, yet the same after a restart."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr

from bot.runtime import guess_key
from bot.settings import Settings


def settings(token: str | None) -> Settings:
    return Settings(  # type: ignore[call-arg]
        database=Path("unused.db"),
        telegram_token=SecretStr(token) if token else None,
        _env_file=None,
    )


def test_the_key_follows_the_token_and_is_not_the_token() -> None:
    key = guess_key(settings("123:geheim"))
    assert key == guess_key(settings("123:geheim"))  # a restart counts on
    assert key != guess_key(settings("123:ander"))
    assert b"geheim" not in key and len(key) == 32


def test_without_a_token_each_process_has_its_own_key() -> None:
    assert guess_key(settings(None)) != guess_key(settings(None))
