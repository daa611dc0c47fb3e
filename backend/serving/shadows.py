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

from backend.ledger.rows import PendingBatch
from backend.ledger.store import NO_MATCH
from backend.ml.frame import NO_TIME
from backend.serving.in_time import plan

if TYPE_CHECKING:
    from backend.ml import TrainedModel
    from backend.serving.active import ActiveModelCache

log = logging.getLogger(__name__)
SOURCE = "shadow"  # the ledger's source of shadow predictions
SHADOWED_SOURCES = frozenset({"predict", "predict_csv"})


def _concat_ids(parts: list[PendingBatch]) -> tuple[np.ndarray, np.ndarray]:
    """Match ids of the requests as int64 (NO_MATCH where None) and whether each has one."""
    ids = []
    for part in parts:
        if isinstance(part.match_ids, np.ndarray):
            ids.append(part.match_ids.astype(np.int64))
        else:
            ids.append(
                np.array([NO_MATCH if m is None else m for m in part.match_ids], dtype=np.int64)
            )
    match_ids = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
    return match_ids, match_ids != NO_MATCH


def _start_times(parts: list[PendingBatch]) -> np.ndarray:
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
        match_ids, has_position = _concat_ids(mine)
        start_times = _start_times(mine)
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
            for request, p in zip(mine, np.split(probabilities, counts), strict=True):
                # NaN where the champion had none: the same rows are left out of both.
                p = np.where(np.isnan(request.probabilities), np.nan, p)
                out.append(
                    request._replace(
                        model_id=shadow_id, model=entry_model, probabilities=p, source=SOURCE
                    )
                )
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
