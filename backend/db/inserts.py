"""INSERT ... ON CONFLICT DO NOTHING on SQLite and PostgreSQL (retries and races stay harmless)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel.ext.asyncio.session import AsyncSession


def insert_ignoring_conflicts(session: AsyncSession, table: Table, key: list[str]) -> Any:
    """An insert statement for this session's dialect that skips rows whose key exists."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    if dialect == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing(index_elements=key)
    return sqlite.insert(table).on_conflict_do_nothing(index_elements=key)


class BulkInsert:
    """Many rows of plain values into a table, skipping rows whose key exists, at driver level.

    SQLAlchemy's executemany of an insert() processes every value of every row in Python (tens
    of µs a row); here the driver gets the values as they are, in one statement: SQLite a list
    of tuples through sqlite3's executemany (in aiosqlite's thread, off the event loop),
    PostgreSQL one list per column, unnested server-side (one round trip, no temporary table).
    The values must be what SQLAlchemy would bind: a column whose type converts values (e.g. a
    DateTime on SQLite becomes text) is converted with ``bind_value`` by the caller.
    """

    def __init__(self, table: Table, key: str, dialect: Dialect) -> None:
        self.table = table
        self.dialect = dialect
        self.names = [column.name for column in table.columns]
        listed = ", ".join(self.names)
        if dialect.name == "postgresql":
            arrays = ", ".join(
                f"${i}::{column.type.compile(dialect)}[]"
                for i, column in enumerate(table.columns, start=1)
            )
            source = f"SELECT * FROM unnest({arrays})"
        else:
            source = f"VALUES ({', '.join('?' for _ in self.names)})"
        self.sql = f"INSERT INTO {table.name} ({listed}) {source} ON CONFLICT ({key}) DO NOTHING"

    def bind_value(self, column: str) -> Callable[[Any], Any]:
        """What SQLAlchemy binds for a value of this column on this dialect."""
        type_ = self.table.c[column].type.dialect_impl(self.dialect)
        processor = type_.bind_processor(self.dialect)
        return processor if processor is not None else _same

    def parameters(self, columns: Mapping[str, Sequence[Any]]) -> Any:
        """execute()'s parameters for rows given as one list per column (table columns, any
        order). Costs a tuple per row on SQLite: build it off the event loop."""
        ordered = [columns[name] for name in self.names]
        if self.dialect.name == "postgresql":
            return tuple(ordered)  # one parameter set: a list per column
        return list(zip(*ordered, strict=True))

    async def execute(self, connection: AsyncConnection, parameters: Any) -> None:
        """Run the insert in the connection's transaction (parameters from parameters())."""
        if parameters:
            await connection.exec_driver_sql(self.sql, parameters)


def _same(value: Any) -> Any:
    return value
