"""Health for people and orchestrators: GET /, /health/live, /health/ready.

All three answer from the state a background task refreshes every APP_HEALTH_REFRESH_SECONDS
(backend/context.py), so they do no I/O and stay cheap however often they are polled.
"""

from __future__ import annotations

import time
from typing import Literal

from litestar import Response, get
from pydantic import BaseModel

from backend import __version__
from backend.context import AppContext, HealthState

ComponentState = Literal["ok", "unavailable"]


class Components(BaseModel):
    """Reachability of the service's dependencies."""

    database: ComponentState
    queue: ComponentState


class Health(BaseModel):
    """Service status."""

    status: Literal["ok", "degraded"]
    version: str
    active_model_id: str | None
    components: Components


class Readiness(BaseModel):
    """Whether this API process can serve predictions now."""

    ready: bool
    reason: str | None = None
    active_model_id: str | None = None
    checked_seconds_ago: float


def _state(up: bool) -> ComponentState:
    return "ok" if up else "unavailable"


@get("/", operation_id="health", tags=["service"], summary="Service status")
async def health(ctx: AppContext) -> Health:
    """`degraded` (with the failing component) when the database or the queue is down."""
    state = ctx.health
    return Health(
        status="ok" if state.database and state.queue else "degraded",
        version=__version__,
        active_model_id=state.active_model_id,
        components=Components(database=_state(state.database), queue=_state(state.queue)),
    )


@get("/health/live", include_in_schema=False, sync_to_thread=False)
def live() -> dict[str, str]:
    """The process answers (liveness probe); says nothing about dependencies."""
    return {"status": "alive"}


def readiness(state: HealthState) -> Readiness:
    """Ready = database reachable and an active model that can be served."""
    reason = None
    if not state.database:
        reason = "the database is not reachable"
    elif state.active_model_id is None:
        reason = "no model is active yet (train one, or wait for the default model)"
    return Readiness(
        ready=reason is None,
        reason=reason,
        active_model_id=state.active_model_id,
        checked_seconds_ago=round(time.monotonic() - state.checked_at, 3),
    )


@get("/health/ready", include_in_schema=False, sync_to_thread=False)
def ready(ctx: AppContext) -> Response[Readiness]:
    """200 when this process can serve predictions, else 503 with the reason (the queue being
    down does not make the API unready: predictions do not need it)."""
    result = readiness(ctx.health)
    return Response(result, status_code=200 if result.ready else 503)
