"""Recording predictions without slowing them: an in-memory buffer flushed in batches.

A request only appends what it already has, as compact arrays (backend.ledger.rows), and gets
back the prediction ids. A background task turns pending batches into rows column-wise in a
worker thread and hands them to the database driver in big chunks (backend.db.inserts.BulkInsert:
no per-row SQLAlchemy work). The buffer is bounded: a batch that does not fit is dropped and
counted.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import secrets
import time
from collections import deque
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl
from sqlalchemy import delete
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.inserts import BulkInsert
from backend.db.tables import PredictionRecord, utcnow
from backend.ledger.rows import PendingBatch, compact_match_ids, frame_arrays, ledger_columns

if TYPE_CHECKING:
    from backend.ml import TrainedModel

log = logging.getLogger(__name__)
# Rows per insert statement: big, as the per-statement cost is what chunks add; small enough
# that one statement's values (and, on PostgreSQL, their encoding on the event loop) stay short.
INSERT_CHUNK = 10_000
PRUNE_EVERY_SECONDS = 3600.0
TABLE = PredictionRecord.__table__  # type: ignore[attr-defined]


class LedgerRecorder:
    """Per-process buffer of predictions to record; flushed by ``run`` and on shutdown."""

    def __init__(
        self,
        enabled: bool = True,
        capacity: int = 200_000,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.enabled = enabled
        self.capacity = capacity
        self.dropped = 0  # predictions not recorded because the buffer was full
        self.written = 0
        self._pending: deque[PendingBatch] = deque()
        self._pending_rows = 0
        self._flush_lock = asyncio.Lock()
        # Id prefixes: 64 random bits per recorder (unique across processes and restarts) and
        # a counter (unique within it); cheaper per request than fresh random bytes.
        self._process = secrets.token_hex(8)
        self._counter = itertools.count()
        self._inserts: dict[str, BulkInsert] = {}  # per dialect name
        self._clock = clock  # created_at, POSIX seconds (a datetime is built at flush time)

    @property
    def pending(self) -> int:
        """Predictions waiting to be written."""
        return self._pending_rows

    def record(
        self,
        model_id: str,
        model: TrainedModel,
        frame: pl.DataFrame,
        probabilities: np.ndarray,
        match_ids: list[int | None],
        source: str,
    ) -> str | None:
        """Queue a request's predictions; returns the id prefix, or None if not recorded.

        Only compact copies of the frame's hero and account ids are kept, not the frame.
        """
        if not self.enabled or not self._fits(len(probabilities)):
            return None
        heroes, accounts = frame_arrays(frame)
        ids = compact_match_ids(match_ids)
        return self._queue(model_id, model, heroes, accounts, probabilities, ids, source)

    def record_arrays(
        self,
        model_id: str,
        model: TrainedModel,
        heroes: np.ndarray,
        accounts: np.ndarray,
        probabilities: np.ndarray,
        match_ids: list[int | None],
        source: str,
    ) -> str | None:
        """record() for drafts already as arrays: (n, 10) hero ids, (n, 10) account ids, -1 =
        unknown player (the arrays the prediction was made from, kept as they are: the caller
        must not change them afterwards)."""
        if not self.enabled or not self._fits(len(probabilities)):
            return None
        return self._queue(model_id, model, heroes, accounts, probabilities, match_ids, source)

    def _fits(self, rows: int) -> bool:
        """Whether the buffer has room for these rows; counts them as dropped if not."""
        if self._pending_rows + rows > self.capacity:
            self.dropped += rows
            return False
        return True

    def _queue(
        self,
        model_id: str,
        model: TrainedModel,
        heroes: np.ndarray,
        accounts: np.ndarray,
        probabilities: np.ndarray,
        match_ids: np.ndarray | Sequence[int | None],
        source: str,
    ) -> str:
        prefix = f"{self._process}{next(self._counter):08x}"
        self._pending.append(
            PendingBatch(
                prefix,
                model_id,
                model,
                heroes,
                accounts,
                probabilities,
                match_ids,
                source,
                self._clock(),
            )
        )
        self._pending_rows += len(probabilities)
        return prefix

    async def flush(self, factory: async_sessionmaker[AsyncSession]) -> int:
        """Write every pending batch in one transaction; returns rows written.

        Conflicting ids are skipped, so a retry after a flush whose commit went through but
        whose batches were not forgotten (e.g. the connection dropped after COMMIT) is harmless.
        """
        async with self._flush_lock:
            batches = list(self._pending)  # record() only appends; only flush() pops
            if not batches:
                return 0
            async with factory() as session, session.begin():
                connection = await session.connection()
                insert = self._insert_for(connection.dialect)
                rows, chunks = await asyncio.to_thread(row_chunks, insert, batches)
                for chunk in chunks:
                    await insert.execute(connection, chunk)
            self._forget(batches)
            self.written += rows
            return rows

    def _insert_for(self, dialect: Dialect) -> BulkInsert:
        insert = self._inserts.get(dialect.name)
        if insert is None:
            insert = self._inserts[dialect.name] = BulkInsert(TABLE, "id", dialect)
        return insert

    def _forget(self, batches: list[PendingBatch]) -> None:
        """Drop written batches from the buffer (they are its oldest)."""
        for batch in batches:
            self._pending.popleft()
            self._pending_rows -= len(batch.probabilities)

    async def run(
        self,
        factory: async_sessionmaker[AsyncSession],
        interval: float,
        retention_days: float,
    ) -> None:
        """Background task: flush every ``interval`` seconds, prune old rows every hour."""
        loop = asyncio.get_running_loop()
        next_prune = loop.time()
        while True:
            try:
                await self.flush(factory)
                if loop.time() >= next_prune:
                    await prune(factory, retention_days)
                    next_prune = loop.time() + PRUNE_EVERY_SECONDS
            except asyncio.CancelledError:
                raise
            except Exception:  # the database may be down for a moment; keep the buffer
                log.exception("prediction ledger flush failed; will retry")
            await asyncio.sleep(interval)


def row_chunks(
    insert: BulkInsert, batches: list[PendingBatch]
) -> tuple[int, list[list[tuple[Any, ...]]]]:
    """The rows of pending batches as the insert takes them, INSERT_CHUNK rows per statement,
    and how many (run in a worker thread: this is the per-row Python work of a flush)."""
    columns = ledger_columns(batches, insert.bind_value("created_at"))
    rows = insert.rows(columns)
    return len(rows), [
        rows[start : start + INSERT_CHUNK] for start in range(0, len(rows), INSERT_CHUNK)
    ]


async def prune(factory: async_sessionmaker[AsyncSession], retention_days: float) -> int:
    """Delete ledger rows older than the retention period; returns how many."""
    cutoff = utcnow() - timedelta(days=retention_days)
    async with factory() as session, session.begin():
        result = await session.exec(
            delete(PredictionRecord).where(PredictionRecord.created_at < cutoff)  # type: ignore[arg-type]
        )
    return int(getattr(result, "rowcount", 0) or 0)
