"""The schema comes only from alembic, and `upgrade head` matches the tables exactly."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import SQLModel

import backend.db.tables  # noqa: F401  (registers the tables)
from backend.db.migrate import upgrade_to_head
from tests.support.postgres import temporary_database


def schema_diff(url: str) -> list[object]:
    """What autogenerate would still change after the migrations ran."""

    def compare(connection: Connection) -> list[object]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, SQLModel.metadata))

    async def run() -> list[object]:
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            diff = await connection.run_sync(compare)
        await engine.dispose()
        return diff

    return asyncio.run(run())


def test_upgrade_head_on_empty_sqlite_leaves_no_diff(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"
    upgrade_to_head(url)
    assert schema_diff(url) == []


def test_upgrade_head_on_empty_postgresql_leaves_no_diff() -> None:
    with temporary_database() as url:
        upgrade_to_head(url)
        assert schema_diff(url) == []
