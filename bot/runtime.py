"""The composition root: settings in, a database, the engine with its flows, and the bot."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

import locales
from bot.settings import Settings
from dialogs import bin, buurtgesprek, forms, people, reminders, sectorscan, wijk
from dialogs.engine import emergency
from dialogs.engine.engine import Engine
from dialogs.engine.texts import Texts
from dialogs.engine.zone import Zone
from dialogs.forms.model import Form, load_forms
from storage.db import Database

log = logging.getLogger(__name__)
# The product's parts, each adding its commands, flows and links to the engine; a part leans
# only on those before it.
PARTS = (forms, people, sectorscan, reminders, buurtgesprek, wijk, bin)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Runtime:
    settings: Settings
    db: Database
    engine: Engine
    forms: dict[str, Form]  # the forms loaded at start-up, by id

    async def close(self) -> None:
        await self.db.close()


def offered_languages(settings: Settings) -> tuple[str, ...]:
    """The languages of WIJKBOT_LANGUAGES that have a catalog, the default first; Dutch, the
    source, when none has."""
    present = locales.available()
    offered = tuple(language for language in settings.languages if language in present)
    return offered or (locales.SOURCE_LANGUAGE,)


def texts_factory(settings: Settings) -> Callable[[str], Texts]:
    """The texts of a language; one the zone does not offer gives the default's."""
    offered = offered_languages(settings)

    @cache
    def texts(language: str) -> Texts:
        if language not in offered:
            language = offered[0]
        locale = settings.locale_of(language)
        return Texts(locales.translations(language), locale, settings.timezone)

    return texts


def guess_key(settings: Settings) -> bytes:
    """Derived from the bot token, so counts of wrong codes outlive a restart while the key
    is stored nowhere; without a token (the console, tests) a key for this process only."""
    if settings.telegram_token is None:
        return secrets.token_bytes(32)
    token = settings.telegram_token.get_secret_value().encode()
    return hmac.new(token, b"wijkbot: wrong codes per Telegram id", hashlib.sha256).digest()


async def open_runtime(settings: Settings, clock: Callable[[], datetime] = utc_now) -> Runtime:
    loaded = load_forms()  # a broken form file stops start-up here, before anything runs
    db = await Database.open(settings.database)
    languages = offered_languages(settings)
    for language in set(settings.languages) - set(languages):
        log.warning("language %s has no catalog in locales/ and is not offered", language)
    zone = Zone(
        languages=languages,
        name=settings.zone_name.strip(),
        invite_days=settings.invite_days,
        groups=settings.groups,
        group_interventie=settings.group_interventie,
        group_recherche=settings.group_recherche,
        visit_interval_months=settings.visit_interval_months,
        visit_due_soon_days=settings.visit_due_soon_days,
        reminder_time=settings.reminder_time,
        guess_key=guess_key(settings),
        bin_paid_broadcast=settings.bin_paid_broadcast,
    )
    engine = Engine(db, texts_factory(settings), clock, zone)
    for part in PARTS:
        part.install(engine, loaded)
    warm_up(engine)
    return Runtime(settings, db, engine, loaded)


def warm_up(engine: Engine) -> None:
    """Load now what the first turns would load: each offered language's catalog and the
    emergency cues. Loaded lazily, they held up the event loop, and so everyone, at the
    first message after a start."""
    for language in engine.zone.languages:
        engine.texts(language)
    emergency.warm()
