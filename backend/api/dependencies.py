"""The app context and the one-transaction-per-request session dependency."""

from __future__ import annotations

from collections.abc import AsyncIterator

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers.base import BaseRouteHandler
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.context import AppContext


def provide_ctx(request: Request) -> AppContext:
    """The process-wide resources made in the lifespan."""
    ctx: AppContext = request.app.state.ctx
    return ctx


async def provide_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session and one transaction per request, rolled back on error."""
    ctx: AppContext = request.app.state.ctx
    async with ctx.session_factory() as session, session.begin():
        yield session


def api_key_guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """When APP_API_KEY is set, /api routes need the X-API-Key header."""
    expected = connection.app.state.ctx.settings.api_key
    if expected and connection.headers.get("x-api-key") != expected:
        raise NotAuthorizedException("missing or wrong X-API-Key header (APP_API_KEY is set)")
