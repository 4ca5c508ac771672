"""Telegram updates turned into engine events: the only place that reads an Update."""

from __future__ import annotations

from telegram import Message, Update

from dialogs.engine import events
from dialogs.engine.engine import Engine

# What a message can carry that the engine has no use for, in the order Telegram checks them.
_UNSUPPORTED = (
    "sticker",
    "voice",
    "video_note",
    "video",
    "animation",
    "audio",
    "document",
    "contact",
    "poll",
    "dice",
    "venue",
    "game",
)


def sender_of(update: Update) -> events.Sender | None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or user.is_bot:
        return None
    return events.Sender(
        telegram_id=user.id,
        name=user.full_name,
        language=user.language_code,
        private_chat=chat.type == chat.PRIVATE,
        chat_id=chat.id,
    )


def event_of(update: Update) -> events.Event | None:
    if update.callback_query is not None:
        return events.Button(update.callback_query.data or "")
    if update.edited_message is not None:
        return events.Edited()
    if update.message is not None:
        return _message_event(update.message)
    return None


def _message_event(message: Message) -> events.Event:
    if message.text is not None:
        text = message.text
        if text.startswith("/"):
            head, _, args = text.partition(" ")
            name = head[1:].split("@", 1)[0].lower()
            return events.Command(name, args.strip())
        return events.Text(text)
    if message.location is not None and message.venue is None:
        return events.Location(message.location.latitude, message.location.longitude)
    if message.photo:
        return events.Photo(message.photo[-1].file_id, message.caption)
    for kind in _UNSUPPORTED:
        if getattr(message, kind, None):
            return events.Unsupported(kind)
    return events.Unsupported("other")


async def answer_unhandled(update: Update, engine: Engine) -> None:
    """A button press the engine has no chat to answer in still gets its callback answer.

    A button under an inline message (sent through inline mode, which this bot does not
    offer) comes without a message or chat; unanswered, the person's client keeps spinning.
    """
    query = update.callback_query
    if query is None:
        return
    texts = engine.texts(query.from_user.language_code or engine.default_language)
    await query.answer(texts.plain("button.stale"))
