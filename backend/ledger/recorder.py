"""Recording predictions without slowing them: an in-memory buffer flushed in batches.

A request only appends what it already has, as compact arrays (backend.ledger.rows), and gets
back the prediction ids. A background task packs the pending requests, in a worker thread, into
one array per model and stores each as one prediction_batches row (backend.ledger.store): no
per-row database work at all. The buffer is bounded: a request that does not fit is dropped and
counted.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import itertools
import logging
import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

import numpy as np
import polars as pl
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.tables import utcnow
from backend.ledger.rows import PendingBatch, compact_match_ids, frame_arrays, pack_pending
from backend.ledger.store import Batch, prune_before, write_batches

if TYPE_CHECKING:
    from backend.ml import TrainedModel

log = logging.getLogger(__name__)
PRUNE_EVERY_SECONDS = 3600.0
# Given a flush's pending requests, more requests to record beside them (shadow predictions,
# backend/serving/shadows.py); computed at flush time, never on the request path.
ShadowHook = Callable[[list[PendingBatch]], Awaitable[list[PendingBatch]]]


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
        # The requests and batches of a flush that has not been acknowledged: retried as they
        # are (same batch ids), so a flush whose commit went through is not stored twice.
        self._inflight: tuple[list[PendingBatch], list[Batch]] | None = None
        self._clock = clock  # created_at, POSIX seconds (a datetime is built at flush time)
        self.shadow: ShadowHook | None = None

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
        match_ids: np.ndarray | Sequence[int | None],
        source: str,
        *,
        start_times: np.ndarray | None = None,
        shadowable: bool = True,
    ) -> str | None:
        """record() for predictions already as arrays: (n, 10) hero ids, (n, 10) account ids
        (-1 = unknown player), match ids as an int64 array or a list with Nones (kept as they
        are: the caller must not change them afterwards). ``start_times`` and ``shadowable``
        are for shadow models (PendingBatch)."""
        if not self.enabled or not self._fits(len(probabilities)):
            return None
        return self._queue(
            model_id,
            model,
            heroes,
            accounts,
            probabilities,
            match_ids,
            source,
            start_times,
            shadowable,
        )

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
        start_times: np.ndarray | None = None,
        shadowable: bool = True,
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
                start_times,
                shadowable,
            )
        )
        self._pending_rows += len(probabilities)
        return prefix

    async def flush(self, factory: async_sessionmaker[AsyncSession]) -> int:
        """Write every pending prediction, a transaction per flush; returns rows written.

        A flush that fails is retried whole, with the same batch ids, before anything newer:
        if its commit went through after all (e.g. the connection dropped after COMMIT), the
        stored batches are skipped rather than duplicated.
        """
        async with self._flush_lock:
            written = 0
            if self._inflight is not None:
                written += await self._write_inflight(factory)
            if self._pending:
                requests = list(self._pending)  # record() only appends; only flush() pops
                shadows = await self._shadows(requests)
                batches = await asyncio.to_thread(self._pack, requests, shadows)
                self._inflight = (requests, batches)
                written += await self._write_inflight(factory)
            return written

    async def _write_inflight(self, factory: async_sessionmaker[AsyncSession]) -> int:
        assert self._inflight is not None
        requests, batches = self._inflight
        async with factory() as session, session.begin():
            await write_batches(session, batches)
        self._forget(requests)
        rows = sum(len(batch.rows) for batch in batches)
        self.written += rows
        return rows

    async def _shadows(self, requests: list[PendingBatch]) -> list[PendingBatch]:
        """The shadow models' predictions of these requests; none if that fails (the
        champion's own recording never depends on a shadow)."""
        if self.shadow is None:
            return []
        try:
            return await self.shadow(requests)
        except Exception:
            log.exception("shadow predictions failed; the champion's are recorded alone")
            return []

    def _pack(
        self, requests: list[PendingBatch], shadows: Sequence[PendingBatch] = ()
    ) -> list[Batch]:
        """The batches of the requests and of their shadow predictions (backend.serving.shadows);
        shadow batches get ids of their own (the requests' prefixes are the champion's)."""
        batches = self._pack_each(requests)
        if shadows:
            try:
                batches += [shadow_batch(b) for b in pack_pending(shadows)]
            except Exception:
                log.exception("packing shadow predictions failed; they are not recorded")
        return batches

    def _pack_each(self, requests: list[PendingBatch]) -> list[Batch]:
        """pack_pending(), or, if that fails, each request alone: one that cannot be packed is
        dropped (counted and logged), never allowed to block the buffer."""
        try:
            return pack_pending(requests)
        except Exception:
            log.exception("packing ledger requests failed; packing them one by one")
        batches = []
        for request in requests:
            try:
                batches += pack_pending([request])
            except Exception:
                log.exception("ledger request %s cannot be packed; dropped", request.prefix)
                self.dropped += len(request.probabilities)
        return batches

    def _forget(self, requests: list[PendingBatch]) -> None:
        """Drop written requests from the buffer (they are its oldest)."""
        for request in requests:
            self._pending.popleft()
            self._pending_rows -= len(request.probabilities)
        self._inflight = None

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


def shadow_batch(batch: Batch) -> Batch:
    """A shadow model's batch under an id of its own: its first request's prefix (shared with
    the champion's batch) and a digest of the model id. The same on a retried flush."""
    digest = hashlib.sha256(batch.model_id.encode()).hexdigest()[:16]
    return dataclasses.replace(batch, id=f"{batch.id}~{digest}")


async def prune(factory: async_sessionmaker[AsyncSession], retention_days: float) -> int:
    """Delete recorded predictions older than the retention period; returns how many."""
    async with factory() as session, session.begin():
        return await prune_before(session, utcnow() - timedelta(days=retention_days))
