"""Recording predictions without slowing them: an in-memory buffer flushed in batches.

A request only appends a reference to what it already has (the served model object, the
canonical frame or, on the single-draft path, the draft's hero and account arrays, the
probabilities) and gets back the prediction ids. A background task turns
pending batches into rows (unknown-player and unknown-hero shares need the model's state, which
is immutable, so computing them later gives the same numbers) and inserts them in chunks. The
buffer is bounded: a batch that does not fit is dropped and counted.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.inserts import insert_ignoring_conflicts
from backend.db.tables import PredictionRecord, utcnow
from backend.matches import ACCOUNT_COLUMNS, HERO_COLUMNS

if TYPE_CHECKING:
    from backend.ml import TrainedModel

log = logging.getLogger(__name__)
INSERT_CHUNK = 500  # rows per statement: keeps each stretch of event-loop work short
PRUNE_EVERY_SECONDS = 3600.0
TABLE = PredictionRecord.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class PendingBatch:
    """Predictions of one request, not yet written."""

    prefix: str  # prediction ids are f"{prefix}-{row}"
    model_id: str
    model: TrainedModel
    # What the probabilities were computed from: a canonical frame, or (n, 10) hero ids and
    # (n, 10) account ids with UNKNOWN (-1) for unknown players (the lean /predict path).
    frame: pl.DataFrame | None
    arrays: tuple[np.ndarray, np.ndarray] | None
    probabilities: np.ndarray
    match_ids: list[int | None]
    source: str
    created_at: datetime


def batch_arrays(batch: PendingBatch) -> tuple[np.ndarray, np.ndarray]:
    """(n, 10) hero ids and account ids (-1 where unknown) of a pending batch."""
    if batch.arrays is not None:
        return batch.arrays
    assert batch.frame is not None
    heroes = batch.frame.select(HERO_COLUMNS).to_numpy().astype(np.int64)
    accounts = batch.frame.select(ACCOUNT_COLUMNS).fill_null(-1).to_numpy().astype(np.int64)
    return heroes, accounts


def unknown_shares(
    model: TrainedModel, heroes: np.ndarray, accounts: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per row: share of the 10 players the model has no state for, and of unseen heroes."""
    players = model.state.player_index(accounts) < 0
    games, _ = model.state.tables["hero"].lookup(heroes)
    return players.mean(axis=1), (games == 0).mean(axis=1)


def ledger_rows(batches: list[PendingBatch]) -> list[dict[str, Any]]:
    """The ledger rows of pending batches (one vectorised pass per served model)."""
    groups: dict[int, list[PendingBatch]] = {}
    for batch in batches:
        groups.setdefault(id(batch.model), []).append(batch)
    out: list[dict[str, Any]] = []
    for group in groups.values():
        parts = [batch_arrays(b) for b in group]
        hero_ids = np.concatenate([h for h, _ in parts]) if len(parts) > 1 else parts[0][0]
        accounts = np.concatenate([a for _, a in parts]) if len(parts) > 1 else parts[0][1]
        player_share, hero_share = unknown_shares(group[0].model, hero_ids, accounts)
        players, heroes_share = player_share.tolist(), hero_share.tolist()
        heroes = [",".join(map(str, h)) for h in hero_ids.tolist()]
        offset = 0
        for batch in group:
            for i, (match_id, p) in enumerate(
                zip(batch.match_ids, batch.probabilities.tolist(), strict=True)
            ):
                row = offset + i
                if p != p:  # NaN: the row had no prediction
                    continue
                out.append(
                    {
                        "id": f"{batch.prefix}-{i}",
                        "model_id": batch.model_id,
                        "match_id": match_id,
                        "radiant_win_probability": p,
                        "unknown_player_share": players[row],
                        "unknown_hero_share": heroes_share[row],
                        "heroes": heroes[row],
                        "source": batch.source,
                        "created_at": batch.created_at,
                    }
                )
            offset += len(batch.match_ids)
    return out


class LedgerRecorder:
    """Per-process buffer of predictions to record; flushed by ``run`` and on shutdown."""

    def __init__(self, enabled: bool = True, capacity: int = 200_000) -> None:
        self.enabled = enabled
        self.capacity = capacity
        self.dropped = 0  # predictions not recorded because the buffer was full
        self.written = 0
        self._pending: deque[PendingBatch] = deque()
        self._pending_rows = 0
        self._flush_lock = asyncio.Lock()

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
        """Queue a request's predictions; returns the id prefix, or None if not recorded."""
        return self._queue(model_id, model, frame, None, probabilities, match_ids, source)

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
        unknown player (the arrays the prediction was made from; no frame is built)."""
        return self._queue(
            model_id, model, None, (heroes, accounts), probabilities, match_ids, source
        )

    def _queue(
        self,
        model_id: str,
        model: TrainedModel,
        frame: pl.DataFrame | None,
        arrays: tuple[np.ndarray, np.ndarray] | None,
        probabilities: np.ndarray,
        match_ids: list[int | None],
        source: str,
    ) -> str | None:
        if not self.enabled:
            return None
        rows = len(match_ids)
        if self._pending_rows + rows > self.capacity:
            self.dropped += rows
            return None
        prefix = secrets.token_hex(8)
        self._pending.append(
            PendingBatch(
                prefix, model_id, model, frame, arrays, probabilities, match_ids, source, utcnow()
            )
        )
        self._pending_rows += rows
        return prefix

    async def flush(self, factory: async_sessionmaker[AsyncSession]) -> int:
        """Write every pending batch (few transactions: chunks of rows); returns rows written."""
        async with self._flush_lock:
            batches = list(self._pending)  # record() only appends; only flush() pops
            if not batches:
                return 0
            rows = await asyncio.to_thread(ledger_rows, batches)
            for start in range(0, len(rows), INSERT_CHUNK):
                async with factory() as session, session.begin():
                    # Ignoring conflicts makes a retry after a partial failure harmless.
                    await session.exec(
                        insert_ignoring_conflicts(session, TABLE, ["id"]),
                        params=rows[start : start + INSERT_CHUNK],
                    )
            for batch in batches:
                self._pending.popleft()
                self._pending_rows -= len(batch.match_ids)
            self.written += len(rows)
            return len(rows)

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


async def prune(factory: async_sessionmaker[AsyncSession], retention_days: float) -> int:
    """Delete ledger rows older than the retention period; returns how many."""
    cutoff = utcnow() - timedelta(days=retention_days)
    async with factory() as session, session.begin():
        result = await session.exec(
            delete(PredictionRecord).where(PredictionRecord.created_at < cutoff)  # type: ignore[arg-type]
        )
    return int(getattr(result, "rowcount", 0) or 0)
