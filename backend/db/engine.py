"""The async engine and session factory (one per process)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession


def make_engine(
    url: str, pool_timeout: float = 30.0, pool_size: int = 5, max_overflow: int = 10
) -> AsyncEngine:
    """Engine for SQLite (WAL, so the API and workers can share one file) or PostgreSQL.

    ``pool_timeout``: how long a checkout waits for a free connection before
    sqlalchemy.exc.TimeoutError (the API answers it with 503 + Retry-After).
    """
    pool: dict[str, Any] = {
        "pool_timeout": pool_timeout,
        "pool_size": pool_size,
        "max_overflow": max_overflow,
    }
    if url.startswith("sqlite"):
        engine = create_async_engine(url, connect_args={"timeout": 30}, **pool)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            # With WAL, NORMAL syncs at checkpoints instead of on every commit: the file stays
            # consistent after a crash or power cut (a power cut may undo the last commits),
            # and frequent small commits (job progress, ledger flushes) stop paying an fsync each.
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_async_engine(url, pool_pre_ping=True, **pool)


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded attributes after commit (SQLModel async needs this)."""
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


@asynccontextmanager
async def transaction(
    factory: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """One session, committed on success and rolled back on error."""
    async with factory() as session, session.begin():
        yield session


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)
