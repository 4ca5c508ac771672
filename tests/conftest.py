"""Fixtures for every test folder: the pseudo-language (see tests/pseudo_locale.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pseudo_locale import PSEUDO, catalogs_in, make


@pytest.fixture(scope="session")
def pseudo_catalogs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make(tmp_path_factory.mktemp("pseudo") / "locales")


@pytest.fixture
def pseudo_language(pseudo_catalogs: Path) -> Iterator[str]:
    """The catalogs with the pseudo-language beside the real ones; its code."""
    with catalogs_in(pseudo_catalogs):
        yield PSEUDO
