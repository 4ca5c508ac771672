"""Every person in his own language, end to end over HTTP: the sectorscan, the concern intake
and a digest run walked in each language present in locales/, with the pseudo-language
(tests/pseudo_locale.py) beside them so the walks run before any translation has landed.

Every button is pressed by the words of its catalog and form keys in the walk's language, so
the same walk fits a translation nobody here has read; what people saw in a language other
than Dutch is searched for Dutch words that must not be there. Last, a contact who reads
another language and a Dutch-speaking officer share one scan, each in his own language.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable, Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

import locales
from bot.reminder_jobs import run_reminders
from bot.settings import Settings
from bot.standin import StandIn
from bot.standin.world import scope_key
from dialogs.engine.texts import Texts
from dialogs.forms.localized import localized
from dialogs.forms.model import Form
from storage import invites, people
from storage.people import Role
from tests import visit_seed
from tests.dialogs.conftest import Clock, plain
from tests.e2e.conftest import INTERVENTIE, Person, RunningBot
from tests.e2e.test_reminders import LONG_AGO
from tests.pseudo_locale import PSEUDO

PRESENT = locales.available()
WALKED = [*PRESENT, PSEUDO]  # the pseudo-language walks too, as long as no real one is there
OTHERS = [language for language in WALKED if language != locales.SOURCE_LANGUAGE]
# Words only Dutch has; "je" is French too, so it counts only outside French.
DUTCH = {
    "jij", "jouw", "wijk", "wijkinspecteur", "melding", "meldingen", "buurtgesprek",
    "vragenlijst", "versturen", "terug", "overslaan", "bedankt", "contactpersoon", "niet",
    "welke", "bezoek", "bezoeken", "inwoner", "inwoners", "opslaan", "uitnodigen",
}  # fmt: skip
COMMAND = re.compile(r"/[a-z_]+")  # commands stay Dutch in every language, by design


class Words:
    """A language's words: catalog texts as a person reads them, and forms in that language."""

    def __init__(self, bot: RunningBot, language: str) -> None:
        assert bot.runtime is not None
        self.texts: Texts = bot.runtime.engine.texts(language)
        self.forms = bot.runtime.forms

    def __call__(self, key: str, **values: object) -> str:
        return plain(self.texts.t(key, **values))

    def label(self, key: str, **values: object) -> str:
        return self.texts.plain(key, **values)

    def form(self, form_id: str) -> Form:
        return localized(self.forms[form_id], self.texts)

    def option(self, form_id: str, question: str, option: str) -> str:
        return next(
            o.label for o in self.form(form_id).question(question).options if o.id == option
        )


@pytest.fixture(params=WALKED)
def language(request: pytest.FixtureRequest) -> str:
    if request.param == PSEUDO:
        request.getfixturevalue("pseudo_language")
    return str(request.param)


@pytest.fixture(params=OTHERS)
def other(request: pytest.FixtureRequest) -> str:
    if request.param == PSEUDO:
        request.getfixturevalue("pseudo_language")
    return str(request.param)


def running(tmp_path: Path, standin: StandIn, languages: Iterable[str]) -> RunningBot:
    settings = Settings(  # type: ignore[call-arg]
        database=tmp_path / "wijkbot.db",
        group_interventie=INTERVENTIE,
        languages=tuple(dict.fromkeys(["nl", *languages])),
        _env_file=None,
    )
    return RunningBot(settings, standin, Clock())


@pytest.fixture
async def bot_in(tmp_path: Path, standin: StandIn) -> AsyncIterator[Callable[[str], Any]]:
    started: list[RunningBot] = []

    async def start(language: str) -> RunningBot:
        bot = running(tmp_path, standin, [language])
        await bot.start()
        started.append(bot)
        return bot

    yield start
    for bot in started:
        await bot.stop()


def speaker(bot: RunningBot, telegram_id: int, name: str, language: str) -> Person:
    return Person(bot, bot.standin.user(telegram_id, name, language_code=language))


def dutch_in(person: Person, language: str) -> list[str]:
    """Dutch words in everything the person saw: messages and buttons."""
    seen = [m.text for m in person.sim.bot_messages]
    seen += [label for m in person.sim.bot_messages for label in m.button_labels()]
    words = set(re.findall(r"\w+", COMMAND.sub(" ", "\n".join(seen)).lower()))
    banned = DUTCH | ({"je"} if language != "fr" else set())
    return sorted(words & banned)


async def officer_in(bot: RunningBot, language: str, telegram_id: int = 500) -> Person:
    assert bot.runtime is not None
    now = bot.clock()
    async with bot.runtime.db.transaction() as conn:
        _invite, token = await invites.create(
            conn,
            role=Role.OFFICER,
            now=now,
            expires_at=now + timedelta(days=14),
            name="Alex Martin",
            area="Centrum",
        )
    officer = speaker(bot, telegram_id, "Alex", language)
    await officer.send(f"/start {token}")
    return officer


async def invited_contact(bot: RunningBot, officer: Person, officer_words: Words) -> str:
    """The officer adds a contact and invites him; the invite's token."""
    w = officer_words
    await officer.send("/contacten")
    await officer.press(w.label("contacts.add"))
    await officer.send("Sam Lee")
    await officer.send("Boulangerie Delta")
    await officer.press(w.option("contact", "rol", "winkelier"))
    await officer.press("Centrum")  # the zone's wijken as buttons, named as the zone names them
    await officer.press(w.label("form.skip"))
    await officer.press(w.label("form.skip"))
    await officer.press(w.form("contact").submit_label or w.label("form.send"))
    await officer.press(w.label("contacts.open"))
    await officer.press(w.label("contact.invite"))
    found = re.search(r"start=([\w-]+)", officer.seen)
    assert found is not None, officer.seen
    return found[1]


async def answer_scan(contact: Person, w: Words, problems: list[str]) -> None:
    option = w.option
    await contact.press(w.label("scan.start_button"))
    await contact.press(option("sectorscan", "gevoel", "soms"))
    await contact.press(option("sectorscan", "evolutie", "slechter"))
    await contact.press(option("sectorscan", "mijding", "niet_buiten_donker"))
    await contact.press(w.label("form.done"))
    for problem in problems:
        await contact.press(option("sectorscan", "problemen", problem))
    await contact.press(w.label("form.done"))
    much = w.label("form.toggle_off", label=option("sectorscan", "ernst", "veel"))
    for _ in problems:
        await contact.press(much)  # the first row still without an answer
    await contact.press(w.label("form.done"))
    await contact.press(option("sectorscan", "problemen", problems[0]))
    await contact.press("7")
    await contact.send("xyz 123")
    await contact.press(w.label("form.yes"))
    await contact.press(w.form("sectorscan").submit_label or w.label("form.send"))


async def test_the_sectorscan_in_each_language(bot_in: Any, language: str) -> None:
    bot: RunningBot = await bot_in(language)
    w = Words(bot, language)
    officer = await officer_in(bot, language)
    token = await invited_contact(bot, officer, w)
    contact = speaker(bot, 777, "Sam", language)
    await contact.send(f"/start {token}")
    await answer_scan(contact, w, ["drugsoverlast", "parkeeroverlast"])
    done = w.form("sectorscan").done
    assert done is not None and done[:40] in contact.seen
    summary = officer.text
    assert w("summary.first") in summary
    assert w.option("sectorscan", "problemen", "drugsoverlast") in summary
    if language != locales.SOURCE_LANGUAGE:
        assert dutch_in(officer, language) == [] and dutch_in(contact, language) == []


async def test_the_concern_intake_in_each_language(bot_in: Any, language: str) -> None:
    bot: RunningBot = await bot_in(language)
    w = Words(bot, language)
    officer = await officer_in(bot, language)
    meeting = w.form("meeting")
    await officer.send("/buurtgesprek")
    await officer.press(w.label("meeting.plan_button"))
    await officer.press(w.option("meeting", "kind", "inventariserend"))
    await officer.send("12/3 19:30")
    await officer.press(w.label("form.confirm_yes"))
    await officer.send("Salle 12")
    await officer.press("Centrum")
    await officer.press(w.label("form.skip"))
    await officer.press(w.option("meeting", "deadline", "1"))
    await officer.press(meeting.submit_label or w.label("form.send"))
    code = re.search(r"start=bg_([a-z0-9]+)", officer.seen)
    assert code is not None, officer.seen

    resident = speaker(bot, 901, "Kim", language)
    await resident.send(f"/start bg_{code[1]}")
    assert "Salle 12" in resident.text
    await resident.press(w.label("intake.new_button"))
    await resident.press(w.option("sectorscan", "problemen", "parkeeroverlast"))
    await resident.send("xyz 456")
    for _ in range(3):  # no place, no photo, no idea
        await resident.press(w.label("form.skip"))
    await resident.press(w.label("form.yes"))
    await resident.press(w.label("form.no"))
    await resident.press(w.form("concern").submit_label or w.label("form.send"))
    done = w.form("concern").done
    assert done is not None and done[:40] in resident.seen

    await officer.send("/agenda")
    await officer.press(officer.labels[0])  # the one meeting
    agenda = officer.seen  # the agenda, then its CSV file
    assert w.option("sectorscan", "problemen", "parkeeroverlast") in agenda
    if language != locales.SOURCE_LANGUAGE:
        assert dutch_in(officer, language) == [] and dutch_in(resident, language) == []


async def test_a_digest_run_in_each_language(bot_in: Any, language: str) -> None:
    bot: RunningBot = await bot_in(language)
    assert bot.runtime is not None and bot.application is not None
    db, now = bot.runtime.db, bot.clock()
    person = await visit_seed.person(db, 500, "Alex Martin", Role.OFFICER, now)
    async with db.transaction() as conn:
        await people.set_language(conn, person.id, language, now)
    await visit_seed.contact(db, person, "Boulangerie Delta", LONG_AGO)
    officer = speaker(bot, 500, "Alex", language)
    await run_reminders(bot.runtime.engine)
    await bot.settle()  # the dispatcher sends what the run queued
    w = Words(bot, language)
    title = w("visits.digest_title", date=w.texts.weekday_date(w.texts.local(now).date()))
    assert officer.text.startswith(title)
    assert "Boulangerie Delta" in officer.text
    if language != locales.SOURCE_LANGUAGE:
        assert dutch_in(officer, language) == []


async def test_a_contact_and_his_officer_each_read_their_own_language(
    tmp_path: Path, standin: StandIn, other: str
) -> None:
    bot = running(tmp_path, standin, [other])
    await bot.start()
    try:
        dutch, theirs = Words(bot, "nl"), Words(bot, other)
        officer = await officer_in(bot, "nl")
        token = await invited_contact(bot, officer, dutch)
        contact = speaker(bot, 777, "Sam", other)
        await contact.send(f"/start {token}")  # Telegram in his language: the bot follows
        await answer_scan(contact, theirs, ["drugsoverlast"])
        assert dutch_in(contact, other) == []
        summary = officer.text
        assert dutch("summary.first") in summary and "Drugsoverlast" in summary
        assert theirs("summary.first") not in summary
        assert officer.labels == [dutch.label("forward.button")]  # his button is Dutch too

        # The officer sets a new scan ready: the contact is told in his own language.
        bot.clock.advance(days=365)
        await officer.send("/contacten")
        await officer.press(next(label for label in officer.labels if "Delta" in label))
        await officer.press(dutch.label("contact.scan_send"))
        assert theirs("scan.ready", officer="Alex Martin") in contact.text
        assert theirs.label("scan.start_button") in contact.labels
        assert dutch("scan.sent", organisation="Boulangerie Delta") in officer.text
    finally:
        await bot.stop()


async def test_the_command_menu_in_each_language_offered(bot_in: Any, other: str) -> None:
    bot: RunningBot = await bot_in(other)
    menus = bot.standin.commands
    dutch, theirs = Words(bot, "nl"), Words(bot, other)
    default = {c["command"]: c["description"] for c in menus[scope_key(None, None)]}
    for_them = {c["command"]: c["description"] for c in menus[scope_key(None, other)]}
    assert default["taal"] == dutch.label("command.taal")  # the default language for all
    assert for_them["taal"] == theirs.label("command.taal")  # theirs, for their Telegram
    assert set(default) == set(for_them)
