"""GET /: is the service up, which model is active, are its parts reachable."""

from __future__ import annotations

from typing import Literal

from litestar import get
from pydantic import BaseModel
from sqlalchemy import text

from backend import __version__
from backend.api.models.serving import active_model_id
from backend.context import AppContext


class Components(BaseModel):
    """Reachability of the service's dependencies."""

    database: Literal["ok", "unavailable"]
    queue: Literal["ok", "unavailable"]


class Health(BaseModel):
    """Service status."""

    status: Literal["ok", "degraded"]
    version: str
    active_model_id: str | None
    components: Components


@get("/", operation_id="health", tags=["service"], summary="Service status")
async def health(ctx: AppContext) -> Health:
    active = None
    database: Literal["ok", "unavailable"] = "ok"
    try:
        async with ctx.session_factory() as session:
            await session.exec(text("SELECT 1"))  # type: ignore[call-overload]
            active = await active_model_id(session)
    except Exception:
        database = "unavailable"
    queue: Literal["ok", "unavailable"] = "ok" if await ctx.live_queue() else "unavailable"
    return Health(
        status="ok" if database == "ok" else "degraded",
        version=__version__,
        active_model_id=active,
        components=Components(database=database, queue=queue),
    )
