"""Fixtures for every test folder: the pseudo-language (see tests/pseudo_locale.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

from bot.event_loop import new_loop
from tests.pseudo_locale import PSEUDO, catalogs_in, make


@pytest.fixture(scope="session")
def pseudo_catalogs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make(tmp_path_factory.mktemp("pseudo") / "locales")


@pytest.fixture
def pseudo_language(pseudo_catalogs: Path) -> Iterator[str]:
    """The catalogs with the pseudo-language beside the real ones; its code."""
    with catalogs_in(pseudo_catalogs):
        yield PSEUDO


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    """Every test on the loop wijkbot runs on (bot/event_loop.py)."""
    return {"wijkbot": new_loop}
