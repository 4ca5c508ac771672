"""Simulated users produce real updates, and a real Application can run against the stand-in."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.standin import StandIn


@pytest.fixture
async def standin() -> AsyncIterator[StandIn]:
    async with StandIn() as server:
        yield server


@pytest.fixture
async def bot(standin: StandIn) -> AsyncIterator[telegram.Bot]:
    client = telegram.Bot(
        token="123:abc", base_url=standin.base_url, base_file_url=standin.base_file_url
    )
    async with client:
        yield client


async def test_text_update_has_the_full_bot_api_shape(standin: StandIn, bot: telegram.Bot) -> None:
    user = standin.user(1001, "Jan")
    assert standin.user(1001) is user
    await user.send("/start abc")

    raw = standin.queue.pending[0]
    message = raw["message"]
    assert raw["update_id"] == 1
    assert message["from"] == {
        "id": 1001,
        "is_bot": False,
        "first_name": "Jan",
        "language_code": "nl",
    }
    assert message["chat"] == {"id": 1001, "type": "private", "first_name": "Jan"}
    assert isinstance(message["date"], int) and message["message_id"] == 1
    (update,) = await bot.get_updates()
    assert isinstance(update, Update)
    assert update.effective_message is not None
    assert update.effective_message.text == "/start abc"
    assert update.effective_message.entities[0].type == "bot_command"
    assert update.effective_message.entities[0].length == len("/start")
    assert [m.text for m in user.messages] == ["/start abc"]
    assert user.bot_messages == [] and user.last is None


async def test_media_and_other_messages_de_json(standin: StandIn, bot: telegram.Bot) -> None:
    user = standin.user(1001, "Jan")
    await user.send_location(51.05, 3.72)
    photo = await user.send_photo(caption="Sluikstort")
    await user.send_document(b"%PDF-1.4", filename="pv.pdf")
    await user.send_voice()
    await user.send_sticker()
    await user.send_contact()

    updates = await bot.get_updates()
    messages = [u.message for u in updates if u.message]
    assert len(messages) == 6
    assert messages[0].location is not None and messages[0].location.longitude == 3.72
    assert messages[1].photo and messages[1].caption == "Sluikstort"
    assert messages[2].document is not None and messages[2].document.file_name == "pv.pdf"
    assert messages[3].voice is not None and messages[4].sticker is not None
    assert messages[5].contact is not None and messages[5].contact.user_id == 1001
    # The bot can download what the user sent.
    file = await bot.get_file(messages[1].photo[-1].file_id)
    assert bytes(await file.download_as_bytearray()) == photo.photo
    another = await user.send_photo()
    assert another.photo != photo.photo


async def test_user_edit_posts_edited_message(standin: StandIn, bot: telegram.Bot) -> None:
    user = standin.user(1001, "Jan")
    sent = await user.send("Kapotte lamp")
    await user.edit(sent.message_id, "Kapotte straatlamp")

    updates = await bot.get_updates()
    edited = updates[-1].edited_message
    assert edited is not None and edited.text == "Kapotte straatlamp"
    assert edited.message_id == sent.message_id and edited.edit_date is not None
    assert [(m.text, m.edited) for m in user.messages] == [("Kapotte straatlamp", True)]


async def test_press_data_forges_a_callback(standin: StandIn, bot: telegram.Bot) -> None:
    user = standin.user(1001, "Jan")
    sent = await bot.send_message(1001, "Kies")
    await user.press_data("admin:wis-alles", sent.message_id)
    (update,) = await bot.get_updates()
    assert update.callback_query is not None
    assert update.callback_query.data == "admin:wis-alles"


async def test_group_messages_respect_privacy_mode(standin: StandIn, bot: telegram.Bot) -> None:
    group = standin.group(-100123, "Interventie")
    agent = standin.user(2002, "Els")
    await group.send(agent, "gewoon gebabbel")
    await group.send(agent, "/status")

    (update,) = await bot.get_updates()
    assert update.message is not None and update.message.text == "/status"
    assert update.message.chat.type == "supergroup"
    assert update.message.chat.title == "Interventie"
    assert update.message.from_user is not None and update.message.from_user.id == 2002
    assert [m.text for m in group.messages] == ["gewoon gebabbel", "/status"]
    await bot.send_message(-100123, "Status: rustig")
    assert group.last is not None and group.last.text == "Status: rustig"


async def test_block_posts_my_chat_member(standin: StandIn, bot: telegram.Bot) -> None:
    user = standin.user(1001, "Jan")
    user.block()
    (update,) = await bot.get_updates(allowed_updates=["message", "my_chat_member"])
    assert update.my_chat_member is not None
    assert update.my_chat_member.new_chat_member.status == "kicked"
    await user.send("/start")  # writing again unblocks, like the Restart button
    await bot.send_message(1001, "Welkom terug")
    assert user.last is not None and user.last.text == "Welkom terug"


async def test_unblocking_posts_a_my_chat_member_the_bot_can_read(
    standin: StandIn, bot: telegram.Bot
) -> None:
    user = standin.user(1001, "Jan")
    user.block()
    user.unblock()
    blocked, unblocked = await bot.get_updates(allowed_updates=["my_chat_member"])
    assert blocked.my_chat_member is not None and unblocked.my_chat_member is not None
    assert unblocked.my_chat_member.old_chat_member.status == "kicked"
    assert unblocked.my_chat_member.new_chat_member.status == "member"


async def test_listener_sees_sends_and_edits(standin: StandIn, bot: telegram.Bot) -> None:
    seen: list[tuple[int, str, bool]] = []
    standin.add_listener(
        lambda chat_id, message, edited: seen.append((chat_id, message.text, edited))
    )
    standin.user(1001, "Jan")
    sent = await bot.send_message(1001, "een")
    await bot.edit_message_text("twee", 1001, sent.message_id)
    assert seen == [(1001, "een", False), (1001, "twee", True)]


async def test_a_real_application_runs_against_the_stand_in(standin: StandIn) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None and update.effective_user is not None
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("Ja", callback_data="ja")]])
        await update.effective_message.reply_html(
            f"Dag <b>{update.effective_user.first_name}</b>, melden?", reply_markup=markup
        )

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer()
        await query.edit_message_text(f"Gekozen: {query.data}")

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(update.effective_message.text or "")

    app = (
        ApplicationBuilder()
        .token("123:abc")
        .base_url(f"{standin.url}/bot")
        .base_file_url(standin.base_file_url)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    user = standin.user(1001, "Jan")

    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        try:
            await user.send("/start")
            greeting = await user.wait_for_reply()
            assert greeting.text == "Dag Jan, melden?"
            await user.press("Ja")
            edited = await user.wait_for_reply()
            assert edited.text == "Gekozen: ja" and edited.buttons == []
            await user.send("hallo")
            assert (await user.wait_for_reply()).text == "hallo"
        finally:
            await app.updater.stop()
            await app.stop()

    assert [m.text for m in user.messages] == ["/start", "Gekozen: ja", "hallo", "hallo"]
    assert len(user.answers) == 1 and not standin.pending_queries
    assert standin.rejected == []
