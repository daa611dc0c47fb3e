"""The schema comes only from alembic, and `upgrade head` matches the tables exactly."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlmodel import SQLModel

import backend.db.tables  # noqa: F401
from backend.db.migrate import upgrade_to_head


def _diff(sync_url: str) -> list[object]:
    engine = create_engine(sync_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    return list(diff)


def test_upgrade_head_on_empty_sqlite_leaves_no_diff(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    upgrade_to_head(f"sqlite+aiosqlite:///{path}")
    assert _diff(f"sqlite:///{path}") == []


def test_upgrade_head_on_empty_postgresql_leaves_no_diff() -> None:
    asyncpg = pytest.importorskip("asyncpg")
    name = f"test_{uuid.uuid4().hex[:10]}"

    async def admin(sql: str) -> None:
        connection = await asyncpg.connect("postgresql://postgres@127.0.0.1:5432/postgres")
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    try:
        asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    except (OSError, asyncpg.PostgresError) as exc:
        pytest.skip(f"no PostgreSQL at 127.0.0.1:5432: {exc}")
    try:
        upgrade_to_head(f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}")
        assert _diff_pg(name) == []
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _diff_pg(name: str) -> list[object]:
    from sqlalchemy.ext.asyncio import create_async_engine

    async def run() -> list[object]:
        engine = create_async_engine(f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}")
        async with engine.connect() as connection:

            def compare(sync_connection: object) -> list[object]:
                context = MigrationContext.configure(sync_connection, opts={"compare_type": True})  # type: ignore[arg-type]
                return list(compare_metadata(context, SQLModel.metadata))

            diff = await connection.run_sync(compare)
            await connection.execute(text("SELECT 1"))
        await engine.dispose()
        return diff

    return asyncio.run(run())
