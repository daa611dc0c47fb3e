"""The worker's own resources, typed, kept in arq's ctx dict under one key."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from arq import ArqRedis
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.db.job_state import Factory
from backend.settings import Settings

if TYPE_CHECKING:
    from backend.context import AppContext

CTX_KEY = "app"


@dataclass
class WorkerContext:
    """What tasks and the sweeper need: settings, database, the queue arq connected to."""

    settings: Settings
    engine: AsyncEngine
    session_factory: Factory
    queue: ArqRedis
    sweeper: asyncio.Task[None] | None = None
    # Runs beside arq's job slots (OpenDota syncs): cancelled and re-queued at shutdown.
    background: set[asyncio.Task[str]] = field(default_factory=set)
    # The API's per-process context, for computations the worker runs for it (backtests).
    app: AppContext | None = None


def worker_context(ctx: dict[str, Any]) -> WorkerContext:
    """Our typed context out of arq's dict (set in on_startup)."""
    context: WorkerContext = ctx[CTX_KEY]
    return context
