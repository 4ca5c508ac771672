"""/taal: the language the bot speaks to a person, any time, among those the zone offers.

A newcomer starts in his Telegram's language when the zone offers it, else in the zone's
default (see the engine); /taal changes it. Each language is named in itself ("Français",
"English"), so whoever cannot read the current one still finds his own.
"""

from __future__ import annotations

from dialogs.engine.engine import Engine
from dialogs.engine.menu import menu
from dialogs.engine.replies import CommandMenu
from dialogs.engine.texts import language_in_itself, language_name
from dialogs.engine.turn import Turn
from storage import people


def install(engine: Engine) -> None:
    engine.add_command("taal", choose)


async def choose(turn: Turn, arg: str) -> None:
    """Without an argument, the languages to choose from; with one ("fr"), the choice."""
    offered = turn.zone.languages
    code = arg.strip().lower()
    if code in offered:
        await _switch(turn, code)
        return
    current = turn.zone.language_of(turn.person.language)
    if len(offered) == 1:
        turn.say(turn.t("language.only_one", language=language_in_itself(current)))
        return
    buttons = []
    for language in offered:
        name = language_name(language)
        if language == current:
            name = turn.label("language.current", language=name)
        buttons.append((turn.menu_button(name, "taal", language),))
    turn.say(turn.t("language.choose", language=language_in_itself(current)), tuple(buttons))


async def _switch(turn: Turn, language: str) -> None:
    await people.set_language(turn.conn, turn.person.id, language, turn.now)
    turn.person = turn.person.model_copy(update={"language": language})
    # The rest of this turn, and every turn after it, speaks the new language.
    turn.texts = turn.texts_of(language)
    turn.say(turn.t("language.chosen", language=language_in_itself(language)), edit=True)
    if turn.person.telegram_id is not None:
        commands = menu(turn.person.role, turn.texts)
        turn.replies.append(CommandMenu(commands, to=turn.person.telegram_id))
