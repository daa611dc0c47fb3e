"""Per-process resources of the API, made in the app's lifespan and shared by handlers."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from arq import ArqRedis
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models.fast_path import ActiveModelCache
from backend.api.models.model_store import ModelStore
from backend.queue import connect_queue, queue_is_up
from backend.settings import Settings


@dataclass
class AppContext:
    """Everything a request handler may need besides its session."""

    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    queue: ArqRedis | None = None
    models: ModelStore = field(default_factory=ModelStore)
    active: ActiveModelCache = field(init=False)
    _last_connect: float = 0.0

    def __post_init__(self) -> None:
        self.active = ActiveModelCache(self.models)

    async def live_queue(self) -> ArqRedis | None:
        """The queue pool if it answers; reconnects (at most every 5 s) if it was never up."""
        if self.queue is None and time.monotonic() - self._last_connect > 5:
            self._last_connect = time.monotonic()
            self.queue = await connect_queue(self.settings.redis_url)
        return self.queue if await queue_is_up(self.queue) else None
