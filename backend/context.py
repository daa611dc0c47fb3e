"""Per-process resources of the API, made in the app's lifespan and shared by handlers."""

from __future__ import annotations

from dataclasses import dataclass, field

from arq import ArqRedis
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models.model_store import ModelStore
from backend.settings import Settings


@dataclass
class AppContext:
    """Everything a request handler may need besides its session."""

    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    queue: ArqRedis | None = None
    models: ModelStore = field(default_factory=ModelStore)
