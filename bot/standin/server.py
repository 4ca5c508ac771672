"""The HTTP side: Bot API routes, request decoding, checking and dispatch."""

from __future__ import annotations

import logging
import time
from typing import Any

from aiohttp import web

from . import bot_methods, edit_methods, send_methods
from .errors import ApiError
from .faults import DROPPED
from .spec import MethodSpec
from .validate import Upload
from .world import AsyncHandler, World

_LOG = logging.getLogger(__name__)
WORLD: web.AppKey[World] = web.AppKey("world")
HANDLERS: dict[str, AsyncHandler] = {
    **bot_methods.HANDLERS,
    **send_methods.HANDLERS,
    **edit_methods.HANDLERS,
}
_UPLOAD_LIMIT = 50 * 1024 * 1024  # Telegram's limit for files sent by bots


def build_app(world: World, extra: list[web.RouteDef] | None = None) -> web.Application:
    app = web.Application(client_max_size=_UPLOAD_LIMIT + 1024 * 1024)
    app[WORLD] = world
    app.router.add_route("*", "/bot{token}/{method}", _api_call)
    app.router.add_route("GET", "/file/bot{token}/{path:.+}", _download)
    app.router.add_routes(extra or [])
    app.router.add_route("*", "/{tail:.*}", _not_found)
    return app


def _answer(error: ApiError) -> web.Response:
    return web.json_response(error.payload(), status=error.error_code)


async def _not_found(request: web.Request) -> web.Response:
    return _answer(ApiError.not_found())


async def _download(request: web.Request) -> web.Response:
    stored = request.app[WORLD].files.by_path(request.match_info["path"])
    if stored is None:
        return _answer(ApiError.not_found())
    return web.Response(
        body=stored.data, content_type=stored.mime_type or "application/octet-stream"
    )


async def _read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
    """Query string plus a JSON, url-encoded or multipart body, as Telegram accepts them."""
    params: dict[str, Any] = dict(request.query)
    uploads: dict[str, Upload] = {}
    if not request.body_exists:
        return params, uploads
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise ApiError.bad_request("can't parse JSON encoded request body") from None
        if not isinstance(body, dict):
            raise ApiError.bad_request("JSON body must be an object")
        params.update(body)
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                uploads[key] = Upload(value.filename, value.content_type, value.file.read())
            else:
                params[key] = value
    return params, uploads


def _dropped(request: web.Request) -> web.Response:
    """No answer at all: the connection closes, as when the network fails."""
    if request.transport is not None:
        request.transport.close()
    return web.Response(status=499)  # never reaches the bot


async def _api_call(request: web.Request) -> web.Response:
    arrived = time.monotonic()
    world = request.app[WORLD]
    name = request.match_info["method"]
    method = world.spec.method(name)
    if method is None:
        world.reject(name, {}, "Not Found")
        return _answer(ApiError.not_found())
    params: dict[str, Any] = {}
    try:
        params, uploads = await _read_params(request)
        world.arrived(arrived, method.name, params)
        if (crash := world.take_crash(method.name, params)) is not None:
            crash()  # the bot dies with this call in flight: nothing of it is done
            return _dropped(request)
        if (fault := world.take_fault(method.name)) is not None:
            if fault.error_code == DROPPED:
                return _dropped(request)
            return _answer(fault)  # injected on purpose, so not counted as rejected
        params = world.validator.check(method, params, uploads)
        result = await _dispatch(world, method, params)
    except ApiError as error:
        if error.error_code in (400, 404):
            world.reject(method.name, params, error.description)
        _LOG.debug("%s answered %s: %s", method.name, error.error_code, error.description)
        return _answer(error)
    world.record(method.name, params)
    return web.json_response({"ok": True, "result": result})


async def call_in_response(world: World, name: str, params: dict[str, Any]) -> None:
    """A method named in the response to a webhook post: done, or rejected, never answered.

    Recorded (calls) but no arrival: the bot made no request of its own for it."""
    method = world.spec.method(name)
    if method is None:
        world.reject(name, params, "Not Found")
        return
    try:
        checked = world.validator.check(method, params, {})
        await _dispatch(world, method, checked)
    except ApiError as error:
        world.reject(method.name, params, error.description)
        return
    world.record(method.name, checked)


async def _dispatch(world: World, method: MethodSpec, params: dict[str, Any]) -> Any:
    handler = HANDLERS.get(method.name)
    if handler is not None:
        return await handler(world, params)
    if method.returns == ("Boolean",):
        # Settings-like methods only need to succeed; the call is still recorded.
        return True
    raise ApiError.bad_request(f"method {method.name} is not simulated by the stand-in")
