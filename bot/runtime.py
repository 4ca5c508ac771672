"""The composition root: settings in, a database, the engine with its flows, and the bot."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

import locales
from bot.settings import Settings
from dialogs.engine import Engine
from dialogs.flows import admin, buurtgesprek, contacts, demo, onboarding, privacy, scan, visits
from dialogs.flows.export import ExportFlow
from dialogs.flows.forward import ForwardFlow
from dialogs.flows.scan import ScanFlow
from dialogs.flows.wijk import WijkView
from dialogs.form_model import identifying_questions, load_forms
from dialogs.texts import Texts
from dialogs.zone import Zone
from storage.db import Database


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Runtime:
    settings: Settings
    db: Database
    engine: Engine

    async def close(self) -> None:
        await self.db.close()


def texts_factory(settings: Settings) -> Callable[[str], Texts]:
    @cache
    def texts(language: str) -> Texts:
        if language not in locales.available():
            language = settings.language
        return Texts(locales.translations(language), settings.locale, settings.timezone)

    return texts


async def open_runtime(settings: Settings, clock: Callable[[], datetime] = utc_now) -> Runtime:
    forms = load_forms()  # a broken form file stops start-up here, before anything runs
    db = await Database.open(settings.database)
    zone = Zone(
        invite_days=settings.invite_days,
        groups=settings.groups,
        group_interventie=settings.group_interventie,
        group_recherche=settings.group_recherche,
        visit_interval_months=settings.visit_interval_months,
        visit_due_soon_days=settings.visit_due_soon_days,
        reminder_time=settings.reminder_time,
    )
    engine = Engine(db, texts_factory(settings), clock, settings.language, zone)
    engine.forms = forms
    onboarding.install(engine)
    privacy.install(engine, identifying_questions(forms))
    admin.install(engine)
    contacts.install(engine, forms["contact"])
    ScanFlow(engine, forms[scan.FLOW])
    visits.install(engine)
    buurtgesprek.install(engine, forms)
    WijkView(engine, forms[scan.FLOW])
    ExportFlow(engine, forms[scan.FLOW])
    ForwardFlow(engine, forms[scan.FLOW])
    demo.install(engine, forms[demo.FLOW])
    return Runtime(settings, db, engine)
