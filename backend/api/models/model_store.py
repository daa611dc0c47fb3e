"""Trained models loaded once per process and cached; artifacts never change once stored."""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from typing import TYPE_CHECKING

from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.tables import ModelArtifact
from backend.errors import ApiError, ErrorCode, quote

if TYPE_CHECKING:
    from backend.ml import TrainedModel

log = logging.getLogger(__name__)


class ModelStore:
    """An LRU of deserialised models keyed by model id."""

    def __init__(self, capacity: int = 4) -> None:
        self.capacity = capacity
        self._models: OrderedDict[str, TrainedModel] = OrderedDict()
        self._lock = asyncio.Lock()

    def __contains__(self, model_id: object) -> bool:
        """True when the model is loaded in this process."""
        return model_id in self._models

    async def get(self, session: AsyncSession, model_id: str) -> TrainedModel | None:
        """The model, from memory or (once) from the database; None if it has no artifact."""
        if model_id in self._models:
            self._models.move_to_end(model_id)
            return self._models[model_id]
        async with self._lock:
            if model_id in self._models:
                return self._models[model_id]
            artifact = await session.get(ModelArtifact, model_id)
            if artifact is None:
                return None
            from backend.ml import TrainedModel
            from backend.ml.artifacts import ArtifactError

            try:
                model = await asyncio.to_thread(
                    TrainedModel.from_bytes, artifact.content, artifact.sha256
                )
            except ArtifactError as exc:
                # Not cached: a repaired row (or a retrained model) is picked up next time.
                log.error("model %s: artifact refused: %s", model_id, exc)
                raise ApiError(
                    409,
                    ErrorCode.model_artifact_invalid,
                    f"model {quote(model_id)} cannot be loaded: {exc}",
                    field="model_id",
                ) from exc
            self._models[model_id] = model
            while len(self._models) > self.capacity:
                self._models.popitem(last=False)
            return model

    def discard(self, model_id: str) -> None:
        """Forget a model (it was deleted)."""
        self._models.pop(model_id, None)
