"""Dates on the command line as a Belgian types them (2/12/2026, 02-12-2026, 2.12.26) or in
ISO (2026-12-02). The year is required: a command about the past or the future cannot guess."""

from __future__ import annotations

import argparse
import re
from datetime import date

import locales
from dialogs.engine.texts import Texts

_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})")
HELP = "D/M/YYYY or YYYY-MM-DD"


def cli_date(text: str) -> date:
    """An argparse type: the date, or an error in Dutch that shows how to type it."""
    value = text.strip()
    try:
        if found := _DAY_MONTH_YEAR.fullmatch(value):
            year = int(found[4])
            return date(year + 2000 if year < 100 else year, int(found[3]), int(found[1]))
        return date.fromisoformat(value)
    except ValueError:
        pass
    texts = Texts(locales.translations(locales.SOURCE_LANGUAGE), "nl_BE", "Europe/Brussels")
    raise argparse.ArgumentTypeError(texts.plain("cli.bad_date", value=text))
