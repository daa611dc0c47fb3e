"""INSERT ... ON CONFLICT DO NOTHING on SQLite and PostgreSQL (retries and races stay harmless)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.tables import Dataset


def insert_ignoring_conflicts(session: AsyncSession, table: Table, key: list[str]) -> Any:
    """An insert statement for this session's dialect that skips rows whose key exists."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    if dialect == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing(index_elements=key)
    return sqlite.insert(table).on_conflict_do_nothing(index_elements=key)


async def insert_if_absent(session: AsyncSession, dataset: Dataset) -> None:
    """INSERT … ON CONFLICT (id) DO NOTHING on SQLite and PostgreSQL alike."""
    values = dataset.model_dump()
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(Dataset).values(**values).on_conflict_do_nothing(index_elements=["id"])
    await session.exec(statement)


class BulkInsert:
    """Many rows of plain values into a table, skipping rows whose key exists, at driver level.

    SQLAlchemy's executemany of an insert() processes every value of every row in Python (tens
    of µs a row); here the driver gets tuples of values as they are. SQLite: sqlite3's
    executemany (in aiosqlite's thread, off the event loop). PostgreSQL: COPY into a temporary
    staging table (binary, the cheapest encoding asyncpg has: ~2 µs a row against ~4 for one
    unnest() statement), then one INSERT ... SELECT that empties it. Either way the rows land in
    the caller's transaction. The values must be what SQLAlchemy would bind: a column whose type
    converts values (e.g. a DateTime on SQLite becomes text) is converted with ``bind_value``.
    """

    def __init__(self, table: Table, key: str, dialect: Dialect) -> None:
        self.table = table
        self.dialect = dialect
        self.names = [column.name for column in table.columns]
        listed = ", ".join(self.names)
        self.postgresql = dialect.name == "postgresql"
        if self.postgresql:
            self.staging = f"{table.name}_incoming"
            # Once per connection (temporary tables are per session); its rows never outlive
            # a transaction.
            self.prepare = (
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {self.staging} "
                f"(LIKE {table.name}) ON COMMIT DELETE ROWS"
            )
            self.sql = (
                f"WITH moved AS (DELETE FROM {self.staging} RETURNING {listed}) "
                f"INSERT INTO {table.name} ({listed}) SELECT {listed} FROM moved "
                f"ON CONFLICT ({key}) DO NOTHING"
            )
        else:
            marks = ", ".join("?" for _ in self.names)
            self.sql = (
                f"INSERT INTO {table.name} ({listed}) VALUES ({marks}) "
                f"ON CONFLICT ({key}) DO NOTHING"
            )

    def bind_value(self, column: str) -> Callable[[Any], Any]:
        """What SQLAlchemy binds for a value of this column on this dialect."""
        type_ = self.table.c[column].type.dialect_impl(self.dialect)
        processor = type_.bind_processor(self.dialect)
        return processor if processor is not None else _same

    def rows(self, columns: Mapping[str, Sequence[Any]]) -> list[tuple[Any, ...]]:
        """execute()'s rows, from one list per column (table columns, any order). A tuple per
        row: build them off the event loop."""
        return list(zip(*(columns[name] for name in self.names), strict=True))

    async def execute(self, connection: AsyncConnection, rows: list[tuple[Any, ...]]) -> None:
        """Insert the rows in the connection's transaction."""
        if not rows:
            return
        if not self.postgresql:
            await connection.exec_driver_sql(self.sql, rows)
            return
        await connection.exec_driver_sql(self.prepare)  # also opens the transaction
        raw = await connection.get_raw_connection()
        await raw.driver_connection.copy_records_to_table(  # type: ignore[union-attr]
            self.staging, records=rows, columns=self.names
        )
        await connection.exec_driver_sql(self.sql)


def _same(value: Any) -> Any:
    return value
