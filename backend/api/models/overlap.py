"""Which matches of a file a model saw in training (the service knows each model's dataset).

A match a model was trained on scores it in-sample: its own result shaped the estimator and
the ratings. Evaluations, labelled predictions and backtests count such matches per model and
leave them out of its scores unless asked to keep them (then labelled in-sample).
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.data import datasets
from backend.context import AppContext
from backend.db.tables import Dataset, MLModel

_CACHE_SIZE = 8  # datasets' id arrays kept per process (immutable: stored once by content)
_ids: OrderedDict[str, np.ndarray] = OrderedDict()


async def training_match_ids(
    ctx: AppContext, session: AsyncSession, model: MLModel
) -> np.ndarray | None:
    """Sorted match ids of the model's training dataset; None when it is no longer stored."""
    if model.dataset_id is None:
        return None
    cached = _ids.get(model.dataset_id)
    if cached is not None:
        _ids.move_to_end(model.dataset_id)
        return cached
    dataset = await session.get(Dataset, model.dataset_id)
    if dataset is None and model.dataset_id == datasets.DEFAULT_DATASET_ID:
        dataset = await datasets.ensure_default(session)
    if dataset is None:
        return None
    frame = await datasets.frame_of(ctx, dataset)
    ids = np.sort(frame["match_id"].to_numpy().astype(np.int64))
    _ids[model.dataset_id] = ids
    while len(_ids) > _CACHE_SIZE:
        _ids.popitem(last=False)
    return ids


def in_training(match_ids: np.ndarray, training_ids: np.ndarray | None) -> np.ndarray:
    """Per row: was this match in the training data (False when that data is unknown)."""
    if training_ids is None or len(training_ids) == 0:
        return np.zeros(len(match_ids), dtype=bool)
    at = np.minimum(np.searchsorted(training_ids, match_ids), len(training_ids) - 1)
    return np.asarray(training_ids[at] == match_ids)
