"""Shadow challengers: models that predict every request the champion serves, off its path.

The set lives in the database (``ml_models.shadow``) and each API process reads it with the
active model's id (``ActiveModelCache.refresh``, one query). A request never waits for a
shadow: the ledger's flush (every second, a background task) hands this module the champion's
pending requests, and each shadow predicts all their rows in ONE vectorised call per flush, at
the same point in time as the champion did (``in_time.plan`` with the requests' match ids and
start times; a live draft without match id from the latest state). The shadow's predictions are
recorded under its own model id with source ``shadow`` and the champion's prediction ids and
match ids, so the two pair when the results are scored.

Not shadowed: requests made with an explicit other model, and labelled predict_csv files (the
champion saw the file's own earlier results; those are evaluations, see /evaluate and
/backtest). A shadow whose model is not loaded yet, or fails, is skipped for that flush (logged);
the champion's recording never depends on it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import numpy as np

from backend.ledger.rows import PendingBatch, match_id_array
from backend.ledger.store import NO_MATCH
from backend.ml.frame import NO_TIME
from backend.serving.in_time import plan

if TYPE_CHECKING:
    from backend.ml import TrainedModel
    from backend.serving.active import ActiveModelCache

log = logging.getLogger(__name__)
SOURCE = "shadow"  # the ledger's source of shadow predictions
SHADOWED_SOURCES = frozenset({"predict", "predict_csv"})


def _start_times(parts: list[PendingBatch], rows: int) -> np.ndarray:
    """The requests' start times as one int64 array (NO_TIME where unknown)."""
    if all(p.start_times is None for p in parts):  # drafts: none
        return np.full(rows, NO_TIME, dtype=np.int64)
    return np.concatenate(
        [
            p.start_times.astype(np.int64)
            if p.start_times is not None
            else np.full(len(p.probabilities), NO_TIME, dtype=np.int64)
            for p in parts
        ]
    )


class ShadowRunner:
    """Computes the shadows' predictions of a flush's champion requests (the ledger's hook)."""

    def __init__(self, active: ActiveModelCache) -> None:
        self.active = active
        self.computed = 0  # shadow predictions handed to the ledger
        self.failed = 0  # shadow predictions not made (model not loaded or failing)

    async def __call__(self, requests: list[PendingBatch]) -> list[PendingBatch]:
        champion = self.active.active_id()
        shadow_ids = self.active.shadow_ids
        if champion is None or not shadow_ids:
            return []
        mine = [
            r
            for r in requests
            if r.model_id == champion and r.shadowable and r.source in SHADOWED_SOURCES
        ]
        rows = sum(len(r.probabilities) for r in mine)
        if not rows:
            return []
        heroes = np.concatenate([r.heroes for r in mine]).astype(np.int64)
        accounts = np.concatenate([r.accounts for r in mine]).astype(np.int64)
        match_ids = match_id_array([r.match_ids for r in mine])
        has_position = match_ids != NO_MATCH
        start_times = _start_times(mine, rows)
        served = np.concatenate([r.probabilities for r in mine])
        counts = np.cumsum([len(r.probabilities) for r in mine])[:-1]
        out: list[PendingBatch] = []
        for shadow_id in shadow_ids:
            if shadow_id == champion:
                continue
            try:
                made = await self._predict(
                    shadow_id, heroes, accounts, match_ids, start_times, has_position
                )
            except Exception:
                log.warning("shadow %s failed on %d rows; skipped", shadow_id, rows, exc_info=True)
                made = None
            if made is None:
                self.failed += rows
                continue
            probabilities, entry_model = made
            # NaN where the champion had none: the same rows are left out of both.
            probabilities = np.where(np.isnan(served), np.nan, probabilities)
            out += [
                request._replace(
                    model_id=shadow_id, model=entry_model, probabilities=p, source=SOURCE
                )
                for request, p in zip(mine, np.split(probabilities, counts), strict=True)
            ]
            self.computed += rows
        return out

    async def _predict(
        self,
        shadow_id: str,
        heroes: np.ndarray,
        accounts: np.ndarray,
        match_ids: np.ndarray,
        start_times: np.ndarray,
        has_position: np.ndarray,
    ) -> tuple[np.ndarray, TrainedModel] | None:
        """The shadow's probabilities of all rows (one plan, one vectorised prediction) and
        the model that made them."""
        store = self.active.store
        entry = store.peek_entry(shadow_id)
        if entry is None:  # still loading (ActiveModelCache loads it in the background)
            return None
        served = await plan(store, shadow_id, entry, match_ids, start_times, has_position)
        return await asyncio.to_thread(served.predict, heroes, accounts), served.model
