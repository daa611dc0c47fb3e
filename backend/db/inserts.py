"""INSERT ... ON CONFLICT DO NOTHING on SQLite and PostgreSQL (retries and races stay harmless)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession


def insert_ignoring_conflicts(session: AsyncSession, table: Table, key: list[str]) -> Any:
    """An insert statement for this session's dialect that skips rows whose key exists."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    if dialect == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing(index_elements=key)
    return sqlite.insert(table).on_conflict_do_nothing(index_elements=key)
