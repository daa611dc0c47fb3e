"""Bounds every request body before a handler parses it.

- A body that is not a multipart form (uploads: APP_MAX_UPLOAD_MB) must be JSON: its
  Content-Type ``application/json`` or none (else 415, so a cross-site ``text/plain`` POST is
  never parsed as JSON), at most APP_MAX_JSON_KB (else 413, read no further) and UTF-8 (else a
  400 naming the byte, not a decoder error deep in the framework).
- Heavy routes (``opt={"heavy": "<name>"}``) run at most ``Settings.concurrency_limit(name)`` at
  a time per process; one more waits at most ``HEAVY_QUEUE_SECONDS`` for a slot and is otherwise
  answered 429 ``overloaded`` with Retry-After, instead of piling up behind the others.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, cast

from litestar.enums import RequestEncodingType
from litestar.types import ASGIApp, Receive, Scope, Send

from backend.errors import ErrorBody, ErrorCode

JSON_TYPES = ("application/json",)
HEAVY_QUEUE_SECONDS = 0.5  # a request waits this long for a free slot before its 429
RETRY_AFTER_SECONDS = 1


async def _send_error(send: Send, body: ErrorBody, headers: dict[str, str] | None = None) -> None:
    payload = json.dumps(body.model_dump(exclude_none=True)).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    start = {"type": "http.response.start", "status": body.status_code, "headers": raw}
    await send(cast(Any, start))
    await send(cast(Any, {"type": "http.response.body", "body": payload}))


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return ""


class _Slots:
    """One semaphore per heavy route name, made on first use (inside the running loop)."""

    def __init__(self) -> None:
        self.semaphores: dict[str, asyncio.Semaphore] = {}

    def get(self, name: str, limit: int) -> asyncio.Semaphore:
        if name not in self.semaphores:
            self.semaphores[name] = asyncio.Semaphore(limit)
        return self.semaphores[name]


def request_limits(app: ASGIApp) -> ASGIApp:
    """Litestar middleware factory (runs after routing: the route's opt is known)."""
    slots = _Slots()

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        settings = scope["app"].state.ctx.settings
        checked = await _checked_body(scope, receive, send, settings.max_json_bytes)
        if checked is None:
            return
        receive = checked
        handler = scope.get("route_handler")
        heavy = (getattr(handler, "opt", None) or {}).get("heavy")
        if heavy is None:
            await app(scope, receive, send)
            return
        semaphore = slots.get(heavy, settings.concurrency_limit(heavy))
        try:
            async with asyncio.timeout(HEAVY_QUEUE_SECONDS):
                await semaphore.acquire()
        except TimeoutError:
            body = ErrorBody(
                status_code=429,
                error=ErrorCode.overloaded,
                message=f"too many {heavy} requests are running in this process "
                f"(at most {settings.concurrency_limit(heavy)}); try again shortly",
            )
            await _send_error(send, body, {"Retry-After": str(RETRY_AFTER_SECONDS)})
            return
        try:
            await app(scope, receive, send)
        finally:
            semaphore.release()

    return middleware


async def _checked_body(scope: Scope, receive: Receive, send: Send, limit: int) -> Receive | None:
    """The receive callable to use (the body replayed if it was read), or None if answered."""
    if scope.get("method") in ("GET", "HEAD", "OPTIONS", "DELETE"):
        return receive
    if _takes_form(scope.get("route_handler")):
        return receive  # uploads: bounded by APP_MAX_UPLOAD_MB, parsed (and worded) as forms
    content_type = _header(scope, b"content-type").split(";", 1)[0].strip().lower()
    declared = _header(scope, b"content-length")
    if declared.isdigit() and int(declared) > limit:
        await _send_error(send, _too_large(limit))
        return None
    chunks: list[bytes] = []
    size = 0
    while True:
        message: Any = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            await _send_error(send, _too_large(limit))
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    body = b"".join(chunks)
    # No Content-Type at all is read as JSON (scripts); a browser always sends one with a body,
    # so a cross-site text/plain or form POST is still refused.
    if body and content_type and content_type not in JSON_TYPES:
        shown = content_type
        await _send_error(
            send,
            ErrorBody(
                status_code=415,
                error=ErrorCode.unsupported_media_type,
                message=f"this route takes a JSON body with Content-Type: application/json; "
                f"got {shown[:60]}",
            ),
        )
        return None
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        await _send_error(
            send,
            ErrorBody(
                status_code=400,
                error=ErrorCode.invalid_request,
                message=f"the JSON body is not UTF-8 text (byte 0x{body[exc.start]:02x} at "
                f"position {exc.start})",
                field="body",
            ),
        )
        return None
    replayed = False

    async def replay() -> Any:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return cast(Receive, replay)


def _takes_form(handler: Any) -> bool:
    """The route's ``data`` is a multipart or url-encoded form (Body(media_type=...))."""
    field = getattr(handler, "parsed_data_field", None)
    media_type = getattr(getattr(field, "kwarg_definition", None), "media_type", None)
    return media_type in (RequestEncodingType.MULTI_PART, RequestEncodingType.URL_ENCODED)


def _too_large(limit: int) -> ErrorBody:
    return ErrorBody(
        status_code=413,
        error=ErrorCode.too_large,
        message=f"the JSON body is larger than {limit // 1024} KB (APP_MAX_JSON_KB); "
        "files go in a multipart form",
    )
