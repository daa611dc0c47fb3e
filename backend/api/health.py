"""Health for people and orchestrators: GET /, /health/live, /health/ready.

All three answer from the state a background task refreshes every APP_HEALTH_REFRESH_SECONDS
(backend/context.py), so they do no I/O and stay cheap however often they are polled.
"""

from __future__ import annotations

import functools
import time
from typing import Literal, cast

from litestar import Request, Response, get
from litestar.enums import MediaType
from pydantic import BaseModel

from backend import __version__
from backend.context import AppContext, HealthState

ComponentState = Literal["ok", "unavailable"]


class Components(BaseModel):
    """Reachability of the service's dependencies."""

    database: ComponentState
    queue: ComponentState
    disk: ComponentState  # free space where the service writes, >= APP_MIN_FREE_DISK_MB


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


def _health(database: bool, queue: bool, disk: bool, active_model_id: str | None) -> Health:
    return Health(
        status="ok" if database and queue and disk else "degraded",
        version=__version__,
        active_model_id=active_model_id,
        components=Components(database=_state(database), queue=_state(queue), disk=_state(disk)),
    )


@functools.lru_cache(maxsize=64)
def _health_body(database: bool, queue: bool, disk: bool, active_model_id: str | None) -> bytes:
    """The encoded answer for one state: it changes rarely and is polled often."""
    return _health(database, queue, disk, active_model_id).model_dump_json().encode()


# Synchronous, the request as its only parameter (no dependency to resolve) and the body
# encoded once per state: what is left per request is Litestar's routing and the response.
@get("/", operation_id="health", tags=["service"], summary="Service status", sync_to_thread=False)
def health(request: Request) -> Response[Health]:
    """`degraded` (with the failing component) when the database or the queue is down, or the
    disk the service writes to is (nearly) full."""
    state: HealthState = request.app.state.ctx.health
    body = _health_body(state.database, state.queue, state.disk, state.active_model_id)
    # The body is Health's JSON (the declared type documents it in the OpenAPI schema).
    return cast("Response[Health]", Response(body, media_type=MediaType.JSON))


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
