"""The stand-in driven over real HTTP by python-telegram-bot's own Bot."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
import telegram
from telegram import BotCommandScopeChat, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, RetryAfter

from bot.standin import StandIn, scope_key


@pytest.fixture
async def standin() -> AsyncIterator[StandIn]:
    async with StandIn(bot_username="wijkbot_test_bot") as server:
        yield server


@pytest.fixture
async def bot(standin: StandIn) -> AsyncIterator[telegram.Bot]:
    client = telegram.Bot(
        token="123:abc", base_url=standin.url + "/bot", base_file_url=standin.base_file_url
    )
    async with client:
        yield client


def keyboard(*labels: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=f"cb:{label}") for label in labels]]
    )


async def test_get_me_describes_the_bot(standin: StandIn, bot: telegram.Bot) -> None:
    me = await bot.get_me()
    assert me.username == "wijkbot_test_bot"
    assert me.is_bot and me.can_join_groups
    assert standin.url.startswith("http://127.0.0.1:")


async def test_sent_message_appears_in_the_chat_as_plain_text(
    standin: StandIn, bot: telegram.Bot
) -> None:
    user = standin.user(1001, "Jan")
    sent = await bot.send_message(1001, "<b>Dag</b> &amp; welkom", parse_mode="HTML")

    assert sent.chat.id == 1001 and sent.from_user is not None and sent.from_user.id == bot.id
    assert sent.text == "Dag & welkom"
    assert sent.text_html == "<b>Dag</b> &amp; welkom"  # entities come back too
    assert [m.text for m in user.messages] == ["Dag & welkom"]
    assert user.last is not None and user.last.html == "<b>Dag</b> &amp; welkom"
    assert user.last.from_bot
    assert standin.rejected == []


async def test_inline_keyboard_is_shown_as_buttons(standin: StandIn, bot: telegram.Bot) -> None:
    user = standin.user(1001, "Jan")
    markup = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Ja", callback_data="yes")],
            [InlineKeyboardButton("Site", url="https://www.politie.be")],
        ]
    )
    sent = await bot.send_message(1001, "Bevestigen?", reply_markup=markup)

    assert sent.reply_markup == markup
    assert user.last is not None
    assert user.last.button_labels() == ["Ja", "Site"]
    assert user.last.buttons[0][0].data == "yes"
    assert user.last.buttons[1][0].url == "https://www.politie.be"


async def test_press_posts_a_callback_query(standin: StandIn, bot: telegram.Bot) -> None:
    user = standin.user(1001, "Jan")
    sent = await bot.send_message(1001, "Bevestigen?", reply_markup=keyboard("Ja", "Nee"))

    await user.press("Nee")
    (update,) = await bot.get_updates(timeout=1)

    query = update.callback_query
    assert query is not None and query.data == "cb:Nee"
    assert query.from_user.id == 1001
    assert query.message is not None and query.message.message_id == sent.message_id
    await query.answer("Genoteerd")
    assert [(a.data, a.text) for a in user.answers] == [("cb:Nee", "Genoteerd")]
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await query.answer()  # a query can be answered once


async def test_press_names_the_labels_it_saw(standin: StandIn, bot: telegram.Bot) -> None:
    user = standin.user(1001, "Jan")
    await bot.send_message(1001, "Kies", reply_markup=keyboard("Ja", "Nee"))
    with pytest.raises(AssertionError, match=r"'Misschien'.*\['Ja', 'Nee'\]"):
        await user.press("Misschien")
    assert standin.updates_posted == 0


async def test_long_poll_returns_as_soon_as_an_update_arrives(
    standin: StandIn, bot: telegram.Bot
) -> None:
    user = standin.user(1001, "Jan")

    async def later() -> None:
        await asyncio.sleep(0.2)
        await user.send("hallo")

    loop = asyncio.get_running_loop()
    started = loop.time()
    task = asyncio.create_task(later())
    updates = await bot.get_updates(timeout=5)
    await task
    assert [u.message.text for u in updates if u.message] == ["hallo"]
    assert 0.15 < loop.time() - started < 4.5  # it waited, and answered before the timeout


async def test_long_poll_times_out_with_no_updates(bot: telegram.Bot) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert await bot.get_updates(timeout=1) == ()
    assert loop.time() - started > 0.9  # it held the request for the timeout


async def test_offset_confirms_earlier_updates(standin: StandIn, bot: telegram.Bot) -> None:
    user = standin.user(1001, "Jan")
    for text in ("een", "twee", "drie"):
        await user.send(text)

    first = await bot.get_updates()
    assert [u.update_id for u in first] == [1, 2, 3]
    assert [u.update_id for u in await bot.get_updates()] == [1, 2, 3]  # not yet confirmed
    assert [u.update_id for u in await bot.get_updates(offset=3)] == [3]
    assert await bot.get_updates(offset=4) == ()
    assert [u.update_id for u in await bot.get_updates(limit=1)] == []
    assert standin.updates_posted == 3


async def test_edit_message_text_changes_the_message_in_place(
    standin: StandIn, bot: telegram.Bot
) -> None:
    user = standin.user(1001, "Jan")
    sent = await bot.send_message(1001, "Even geduld", reply_markup=keyboard("Stop"))
    edited = await bot.edit_message_text("<i>Klaar</i>", 1001, sent.message_id, parse_mode="HTML")

    assert isinstance(edited, telegram.Message) and edited.text == "Klaar"
    assert edited.edit_date is not None
    (message,) = user.messages
    assert (message.text, message.html, message.edited) == ("Klaar", "<i>Klaar</i>", True)
    assert message.buttons == []  # an edit without reply_markup drops the keyboard


async def test_unchanged_edit_is_not_modified(standin: StandIn, bot: telegram.Bot) -> None:
    standin.user(1001, "Jan")
    sent = await bot.send_message(1001, "Zelfde", reply_markup=keyboard("Ja"))
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("Zelfde", 1001, sent.message_id, reply_markup=keyboard("Ja"))
    assert [r.method for r in standin.rejected] == ["editMessageText"]
    # A changed keyboard alone is a modification.
    await bot.edit_message_reply_markup(1001, sent.message_id, reply_markup=keyboard("Nee"))


async def test_delete_message_removes_it(standin: StandIn, bot: telegram.Bot) -> None:
    user = standin.user(1001, "Jan")
    first = await bot.send_message(1001, "een")
    await bot.send_message(1001, "twee")
    assert await bot.delete_message(1001, first.message_id)
    assert [m.text for m in user.messages] == ["twee"]
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(1001, first.message_id)


async def test_photo_bytes_round_trip(standin: StandIn, bot: telegram.Bot) -> None:
    user = standin.user(1001, "Jan")
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(200))
    sent = await bot.send_photo(1001, data, caption="Vaststelling")

    assert sent.photo and sent.photo[-1].file_id and sent.photo[-1].file_unique_id
    assert sent.caption == "Vaststelling"
    assert user.last is not None and user.last.photo == data and user.last.text == "Vaststelling"
    file = await bot.get_file(sent.photo[-1].file_id)
    assert bytes(await file.download_as_bytearray()) == data
    again = await bot.send_photo(1001, sent.photo[-1].file_id)  # resend by file_id
    assert user.last.photo == data and again.photo[-1].file_id == sent.photo[-1].file_id


async def test_document_keeps_bytes_and_filename(standin: StandIn, bot: telegram.Bot) -> None:
    user = standin.user(1001, "Jan")
    sent = await bot.send_document(1001, b"naam;straat\n", filename="melding.csv")

    assert sent.document is not None and sent.document.file_name == "melding.csv"
    assert sent.document.mime_type == "text/csv"
    assert user.last is not None
    assert (user.last.document, user.last.filename) == (b"naam;straat\n", "melding.csv")
    file = await bot.get_file(sent.document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"naam;straat\n"


async def test_blocked_user_answers_forbidden(standin: StandIn, bot: telegram.Bot) -> None:
    user = standin.user(1001, "Jan")
    user.block()
    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await bot.send_message(1001, "Hallo?")
    assert user.messages == [] and standin.rejected == []


async def test_unknown_chat_is_not_found(standin: StandIn, bot: telegram.Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(4242, "Hallo?")
    assert standin.rejected[0].description == "Bad Request: chat not found"


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_fail_next_injects_retry_after(standin: StandIn, bot: telegram.Bot) -> None:
    standin.user(1001, "Jan")
    standin.fail_next("sendMessage", times=2)
    for _ in range(2):
        with pytest.raises(RetryAfter, match="Retry in 1 seconds"):
            await bot.send_message(1001, "Hallo")
    await bot.send_message(1001, "Hallo")
    assert [call.method for call in standin.requests].count("sendMessage") == 1
    assert standin.rejected == []


async def test_fail_next_with_another_error(standin: StandIn, bot: telegram.Bot) -> None:
    standin.fail_next("getMe", error_code=502, description="Bad Gateway", retry_after=None)
    with pytest.raises(telegram.error.NetworkError, match="Bad Gateway"):
        await bot.get_me()
    assert (await bot.get_me()).username == "wijkbot_test_bot"


async def test_commands_are_stored_per_scope_and_language(
    standin: StandIn, bot: telegram.Bot
) -> None:
    await bot.set_my_commands([("start", "Begin")])
    await bot.set_my_commands([("melding", "Nieuwe melding")], language_code="nl")
    await bot.set_my_commands([("beheer", "Beheer")], scope=BotCommandScopeChat(-100123))

    assert standin.commands[scope_key(None, None)] == [{"command": "start", "description": "Begin"}]
    assert standin.commands[scope_key(None, "nl")][0]["command"] == "melding"
    chat_scope = {"type": "chat", "chat_id": -100123}
    assert standin.commands[scope_key(chat_scope, "")][0]["command"] == "beheer"
    fetched = await bot.get_my_commands(scope=BotCommandScopeChat(-100123))
    assert [c.command for c in fetched] == ["beheer"]
    await bot.delete_my_commands(language_code="nl")
    assert await bot.get_my_commands(language_code="nl") == ()


async def test_housekeeping_methods_answer(standin: StandIn, bot: telegram.Bot) -> None:
    standin.user(1001, "Jan")
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert (await bot.get_webhook_info()).url == ""
    assert await bot.send_chat_action(1001, "typing")
    assert await bot.set_chat_menu_button(menu_button=telegram.MenuButtonCommands())
    location = await bot.send_location(1001, 51.05, 3.72)
    assert location.location is not None and location.location.latitude == 51.05
    assert standin.state.chat_actions == [(1001, "typing")]
    assert standin.rejected == []


async def test_copy_forward_and_caption_edit(standin: StandIn, bot: telegram.Bot) -> None:
    user = standin.user(1001, "Jan")
    group = standin.group(-100123, "Interventie")
    photo = await user.send_photo(caption="Sluikstort")

    copied = await bot.copy_message(
        -100123, 1001, photo.message_id, caption="<b>Nieuw</b>", parse_mode="HTML"
    )
    assert group.last is not None and group.last.message_id == copied.message_id
    assert (group.last.photo, group.last.text) == (photo.photo, "Nieuw")
    forwarded = await bot.forward_message(-100123, 1001, photo.message_id)
    assert forwarded.forward_origin is not None and forwarded.caption == "Sluikstort"

    edited = await bot.edit_message_caption(-100123, copied.message_id, caption="Anders")
    assert isinstance(edited, telegram.Message) and edited.caption == "Anders"
    assert group.messages[0].text == "Anders" and group.messages[0].edited
    with pytest.raises(BadRequest, match=r"(?i)wrong parameter action"):
        await bot.send_chat_action(1001, "dancing")


async def test_open_chats_let_the_bot_write_to_someone_never_seen() -> None:
    async with StandIn(open_chats=True) as standin:
        bot = telegram.Bot("123:abc", base_url=standin.base_url)
        async with bot:
            await bot.send_message(4242, "Hallo")
        assert [m.text for m in standin.user(4242).bot_messages] == ["Hallo"]
        assert standin.rejected == []
