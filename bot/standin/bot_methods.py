"""Bot API methods about the bot itself: identity, updates, commands, files, callbacks."""

from __future__ import annotations

from typing import Any

from .chats import CallbackAnswer
from .errors import ApiError
from .world import AsyncHandler, World, scope_key

_DEFAULTS = {"Boolean": False, "Integer": 0, "Float": 0.0, "String": ""}


async def get_me(world: World, params: dict[str, Any]) -> dict[str, Any]:
    return world.bot_user | {
        "can_join_groups": True,
        "can_read_all_group_messages": not world.privacy_mode,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


async def get_updates(world: World, params: dict[str, Any]) -> list[dict[str, Any]]:
    if world.state.webhook_url:
        raise ApiError(
            409,
            "Conflict: can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first",
        )
    return await world.queue.poll(
        offset=params.get("offset"),
        limit=params.get("limit"),
        wait=params.get("timeout") or 0,
        allowed_updates=params.get("allowed_updates"),
    )


async def set_webhook(world: World, params: dict[str, Any]) -> bool:
    """From now on the updates are posted to the url (standin/webhook.py), not polled."""
    world.state.webhook_url = params["url"]
    world.state.webhook_secret = params.get("secret_token") or ""
    if params.get("drop_pending_updates"):
        world.queue.drop_pending()
    world.queue.allow(params.get("allowed_updates"))
    world.queue.news.set()
    return True


async def delete_webhook(world: World, params: dict[str, Any]) -> bool:
    world.state.webhook_url = ""
    world.state.webhook_secret = ""
    if params.get("drop_pending_updates"):
        world.queue.drop_pending()
    return True


async def get_webhook_info(world: World, params: dict[str, Any]) -> dict[str, Any]:
    return {
        "url": world.state.webhook_url,
        "has_custom_certificate": False,
        "allowed_updates": sorted(world.queue.allowed or ()),
        "pending_update_count": len(world.queue.pending),
    }


async def set_my_commands(world: World, params: dict[str, Any]) -> bool:
    key = scope_key(params.get("scope"), params.get("language_code"))
    world.state.commands[key] = params["commands"]
    return True


async def get_my_commands(world: World, params: dict[str, Any]) -> list[dict[str, Any]]:
    key = scope_key(params.get("scope"), params.get("language_code"))
    return world.state.commands.get(key, [])


async def delete_my_commands(world: World, params: dict[str, Any]) -> bool:
    world.state.commands.pop(scope_key(params.get("scope"), params.get("language_code")), None)
    return True


async def set_chat_menu_button(world: World, params: dict[str, Any]) -> bool:
    chat_id = params.get("chat_id")
    if chat_id is not None:
        world.chat_for(chat_id, write=False)
    world.state.menu_buttons[chat_id] = params.get("menu_button") or {"type": "default"}
    return True


async def get_chat_menu_button(world: World, params: dict[str, Any]) -> dict[str, Any]:
    chat_id = params.get("chat_id")
    fallback = {"type": "default"} if chat_id is not None else {"type": "commands"}
    return world.state.menu_buttons.get(chat_id, fallback)


async def get_file(world: World, params: dict[str, Any]) -> dict[str, Any]:
    stored = world.files.get(params["file_id"])
    if stored is None:
        raise ApiError.bad_request("invalid file_id")
    return stored.file_api()


async def answer_callback_query(world: World, params: dict[str, Any]) -> bool:
    query_id = params["callback_query_id"]
    pending = world.pending_queries.pop(query_id, None)
    if pending is None:
        raise ApiError.bad_request(
            "query is too old and response timeout expired or query ID is invalid"
        )
    answer = CallbackAnswer(
        query_id=query_id,
        data=pending.data,
        text=params.get("text"),
        show_alert=bool(params.get("show_alert")),
        url=params.get("url"),
    )
    pending.user.answers.append(answer)
    world.answered(pending.chat_id, answer)
    return True


async def get_chat(world: World, params: dict[str, Any]) -> dict[str, Any]:
    chat = world.chat_for(params["chat_id"], write=False)
    info = chat.api() | {"accent_color_id": 0, "max_reaction_count": 11}
    # Fill whatever else the spec requires with neutral values.
    for name in ("accepted_gift_types",):
        field = world.spec.types["ChatFullInfo"].fields[name]
        nested = world.spec.types[field.types[0]].fields.values()
        info[name] = {f.name: _DEFAULTS.get(f.types[0]) for f in nested if f.required}
    return info


async def no_op(world: World, params: dict[str, Any]) -> bool:
    return True


HANDLERS: dict[str, AsyncHandler] = {
    "getMe": get_me,
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "setChatMenuButton": set_chat_menu_button,
    "getChatMenuButton": get_chat_menu_button,
    "getFile": get_file,
    "answerCallbackQuery": answer_callback_query,
    "getChat": get_chat,
    "close": no_op,
    "logOut": no_op,
}
