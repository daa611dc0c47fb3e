"""Per-process resources of the API, made in the app's lifespan and shared by handlers."""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from arq import ArqRedis
from sqlalchemy import func, text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.registry import active_model_id
from backend.db.tables import TrainingJob
from backend.ledger import LedgerRecorder
from backend.queue import connect_queue, queue_depth, queue_is_up
from backend.serving.active import ActiveModelCache
from backend.serving.by_id import ByIdCache
from backend.serving.store import ModelStore
from backend.settings import Settings

log = logging.getLogger(__name__)
CHECK_TIMEOUT = 2.0  # seconds one dependency check may take before it counts as down


@dataclass
class HealthState:
    """The last background check of the service's dependencies (GET / does no I/O)."""

    database: bool = False
    queue: bool = False
    disk: bool = True  # enough free space where the service writes (see disk_has_room)
    active_model_id: str | None = None
    active_model_loaded: bool = False
    jobs_by_status: dict[str, int] = field(default_factory=dict)
    queue_depth: int | None = None
    checked_at: float = 0.0  # time.monotonic() of the last completed check


def disk_has_room(settings: Settings) -> bool:
    """At least APP_MIN_FREE_DISK_MB free on the SQLite file's disk and the temporary folder
    (uploads spool there); a statvfs each, no write."""
    folders = [Path(tempfile.gettempdir())]
    if settings.database_url.startswith("sqlite") and ":///" in settings.database_url:
        folders.append(Path(settings.database_url.split(":///", 1)[1]).parent)
    need = settings.min_free_disk_mb * 2**20
    try:
        return all(shutil.disk_usage(folder).free >= need for folder in folders if folder.exists())
    except OSError:
        return False


@dataclass
class AppContext:
    """Everything a request handler may need besides its session."""

    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    queue: ArqRedis | None = None
    models: ModelStore = field(default_factory=ModelStore)
    health: HealthState = field(default_factory=HealthState)
    on_refresh: Callable[[HealthState], None] | None = None  # e.g. export to metrics
    ledger: LedgerRecorder = field(default_factory=LedgerRecorder)
    active: ActiveModelCache = field(init=False)  # the active id for /predict (no DB read)
    by_id: ByIdCache = field(init=False)  # other ready models for /predict (no DB read)
    _last_connect: float = 0.0
    _activated_at: float = 0.0  # time.monotonic() of the last activation through this process

    def __post_init__(self) -> None:
        poll = self.settings.active_poll_seconds
        self.active = ActiveModelCache(self.models, poll_seconds=poll)
        self.by_id = ByIdCache(self.models, poll_seconds=poll)

    async def live_queue(self) -> ArqRedis | None:
        """The queue pool if it answers; reconnects (at most every 5 s) if it was never up.

        A pool that was up reconnects by itself (redis-py opens a new connection on the next
        command), so a restarted Valkey on the same address is found again.
        """
        if self.queue is None and time.monotonic() - self._last_connect > 5:
            self._last_connect = time.monotonic()
            self.queue = await connect_queue(self.settings.redis_url)
        return self.queue if await queue_is_up(self.queue) else None

    def note_activation(self, model_id: str) -> None:
        """This process just activated a model: serve and show it before the next poll/check."""
        self.active.pin(model_id)
        self.health.active_model_id = model_id
        self._activated_at = time.monotonic()
        self.active.warm(self.session_factory, model_id)

    async def refresh_health(self) -> HealthState:
        """Check database and queue once; the new state replaces the old one whole."""
        started = time.monotonic()
        state = HealthState()
        try:
            async with asyncio.timeout(CHECK_TIMEOUT), self.session_factory() as session:
                await session.exec(text("SELECT 1"))  # type: ignore[call-overload]
                state.active_model_id = await active_model_id(session)
                counts = await session.exec(
                    select(TrainingJob.status, func.count()).group_by(col(TrainingJob.status))
                )
                state.jobs_by_status = {str(status): int(n) for status, n in counts.all()}
            state.database = True
        except Exception as exc:
            if self.health.database:
                log.warning("database check failed: %s: %s", type(exc).__name__, exc)
        try:
            async with asyncio.timeout(CHECK_TIMEOUT):
                queue = await self.live_queue()
                if queue is not None:
                    state.queue_depth = await queue_depth(queue, self.settings.queue_name)
                    state.queue = True
        except Exception as exc:
            if self.health.queue:
                log.warning("queue check failed: %s: %s", type(exc).__name__, exc)
        state.disk = disk_has_room(self.settings)
        if started <= self._activated_at:  # read before that activation was committed
            state.active_model_id = self.health.active_model_id
        state.active_model_loaded = (
            state.active_model_id is not None and state.active_model_id in self.models
        )
        state.checked_at = time.monotonic()
        self.health = state
        if self.on_refresh is not None:
            self.on_refresh(state)
        self.active.warm(self.session_factory, state.active_model_id)
        return state

    async def watch_health(self) -> None:
        """Refresh the health state every settings.health_refresh_seconds, forever."""
        while True:
            await asyncio.sleep(self.settings.health_refresh_seconds)
            try:
                await self.refresh_health()
            except Exception:  # never let the watcher die
                log.exception("health refresh failed")

    async def close(self) -> None:
        """Stop background work and close the pool (the engine is the caller's)."""
        await self.active.close()
        if self.queue is not None:
            await self.queue.aclose()
