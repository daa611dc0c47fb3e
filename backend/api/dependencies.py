"""The app context, the one-transaction-per-request session dependency and the key guard."""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator
from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.params import Body
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.context import AppContext

# Routes marked with this opt accept the read key; every other guarded route needs the admin
# key, so a new route is admin-only until someone decides otherwise.
READ: dict[str, Any] = {"access": "read"}
# A handler's form body: ``data: Annotated[SomeForm, MULTIPART]``.
MULTIPART = Body(media_type=RequestEncodingType.MULTI_PART)


def provide_ctx(request: Request) -> AppContext:
    """The process-wide resources made in the lifespan."""
    ctx: AppContext = request.app.state.ctx
    return ctx


async def provide_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session and one transaction per request, rolled back on error."""
    ctx: AppContext = request.app.state.ctx
    async with ctx.session_factory() as session, session.begin():
        yield session


def _matches(given: str, expected: str | None) -> bool:
    # Constant-time comparison, so response timing does not reveal how much of a key matched.
    return expected is not None and hmac.compare_digest(given.encode(), expected.encode())


def api_key_guard(connection: ASGIConnection, handler: BaseRouteHandler) -> None:
    """APP_API_KEY opens every /api route; APP_READ_API_KEY only the routes marked READ."""
    settings = connection.app.state.ctx.settings
    if not settings.api_key:
        return
    given = connection.headers.get("x-api-key", "")
    if _matches(given, settings.api_key):
        connection.state.api_key_role = "admin"  # recorded as the actor of activations
        return
    if _matches(given, settings.read_api_key):
        if handler.opt.get("access") == READ["access"]:
            connection.state.api_key_role = "read"
            return
        raise PermissionDeniedException(
            "this X-API-Key is the read-only key (APP_READ_API_KEY); this route needs the admin "
            "key (APP_API_KEY)"
        )
    raise NotAuthorizedException("missing or wrong X-API-Key header (APP_API_KEY is set)")
