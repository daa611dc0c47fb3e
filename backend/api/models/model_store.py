"""Trained models loaded once per process, cached, and kept rolled forward with stored results.

Artifacts never change once stored. The model a process serves is its artifact advanced (ratings,
experience, hero statistics; the estimator is not refitted) by every stored match result after
the model's training end, in time order: computed when the process loads the model, then
incrementally whenever ``refresh`` sees a newer results version. A result that arrives after a
later one was applied (out of time order) makes the model be rebuilt from its artifact, so every
process serves exactly artifact + stored results, whatever order they arrived in.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import polars as pl
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.tables import ModelArtifact
from backend.errors import ApiError, ErrorCode, quote
from backend.results import SEQ, results_since, results_version

if TYPE_CHECKING:
    from backend.ml import TrainedModel

log = logging.getLogger(__name__)

# One draft of real hero ids (1-10) with unknown players, to check a loaded model once.
_PROBE_DRAFT = (np.arange(1, 11, dtype=np.int64)[None, :], np.full((1, 10), -1, dtype=np.int64))


@dataclass(frozen=True)
class TrainingProfile:
    """What the training data looked like, for input-drift checks (from the artifact's state)."""

    unknown_player_share: float | None  # player slots without an account id
    hero_games: dict[int, float]  # games per hero id


@dataclass(frozen=True)
class ServedModel:
    """A cached model: the artifact advanced by the stored results up to ``applied_seq``."""

    model: TrainedModel
    profile: TrainingProfile
    applied_seq: int
    advanceable: bool  # False for states from before roll-forward existed


def training_profile(model: TrainedModel) -> TrainingProfile:
    """Unknown-player share and hero pick counts of the training data (before any results)."""
    state = model.state
    hero = state.tables.get("hero")
    hero_games = (
        {int(k): float(g) for k, g in zip(hero.keys, hero.games, strict=True)} if hero else {}
    )
    player = state.tables.get("player")
    slots = 10 * state.n_matches
    share = None
    if player is not None and slots > 0:
        share = float(1.0 - np.sum(player.games) / slots)
    return TrainingProfile(share, hero_games)


def _advance(model: TrainedModel, results: pl.DataFrame) -> tuple[TrainedModel, bool]:
    """The model advanced by these results; False when some came out of time order."""
    advanced, report = model.advance(results)
    return advanced, report.skipped_out_of_order == 0


def _can_advance(model: TrainedModel) -> bool:
    state = model.state
    return getattr(state, "n_matches", -1) >= 0 and getattr(state, "training_end", None) is not None


class ModelStore:
    """An LRU of served models keyed by model id."""

    def __init__(self, capacity: int = 4) -> None:
        self.capacity = capacity
        self._models: OrderedDict[str, ServedModel] = OrderedDict()
        self._lock = asyncio.Lock()

    def __contains__(self, model_id: object) -> bool:
        """True when the model is loaded in this process."""
        return model_id in self._models

    def peek(self, model_id: str) -> TrainedModel | None:
        """The served model if it is loaded in this process (no I/O; the lean predict path)."""
        entry = self._models.get(model_id)
        if entry is None:
            return None
        self._models.move_to_end(model_id)  # the active model stays clear of eviction
        return entry.model

    def discard(self, model_id: str) -> None:
        """Forget a model (it was deleted)."""
        self._models.pop(model_id, None)

    async def get(self, session: AsyncSession, model_id: str) -> TrainedModel | None:
        """The served model, from memory or (once) from the database; None without artifact."""
        entry = await self.entry(session, model_id)
        return entry.model if entry else None

    async def entry(self, session: AsyncSession, model_id: str) -> ServedModel | None:
        """The cached entry (model, training profile, results applied)."""
        if model_id in self._models:
            self._models.move_to_end(model_id)
            return self._models[model_id]
        async with self._lock:
            if model_id in self._models:
                return self._models[model_id]
            entry = await self._load(session, model_id)
            if entry is None:
                return None
            self._models[model_id] = entry
            while len(self._models) > self.capacity:
                self._models.popitem(last=False)
            return entry

    async def _load(self, session: AsyncSession, model_id: str) -> ServedModel | None:
        artifact = await session.get(ModelArtifact, model_id)
        if artifact is None:
            return None
        from backend.ml import TrainedModel
        from backend.ml.artifacts import ArtifactError

        try:
            base = await asyncio.to_thread(
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
        try:  # a model trained by an older feature pipeline cannot serve today's features
            await asyncio.to_thread(base.features_from_arrays, *_PROBE_DRAFT)
        except ValueError as exc:
            raise ApiError(
                409,
                ErrorCode.model_outdated,
                f"model {quote(model_id)} cannot be used: {exc}",
                field="model_id",
            ) from exc
        version = await results_version(session)
        if not _can_advance(base):
            return ServedModel(base, training_profile(base), version, advanceable=False)
        results = await results_since(session, 0, version)
        model = base
        if results.height:
            model, _ = await asyncio.to_thread(_advance, base, results)
        return ServedModel(model, training_profile(base), version, advanceable=True)

    async def refresh(self, session: AsyncSession) -> int:
        """Advance every cached model with results stored since it was last advanced.

        Cheap when nothing changed (one counter read). Returns the results version seen.
        """
        version = await results_version(session)
        if all(e.applied_seq >= version for e in self._models.values()):
            return version
        async with self._lock:
            stale = {m: e for m, e in self._models.items() if e.applied_seq < version}
            if not stale:
                return version
            oldest = min(e.applied_seq for e in stale.values())
            results = await results_since(session, oldest, version)
            # Most recently used first (the LRU's end): the model being asked for is served
            # with the new results soonest.
            for model_id, entry in reversed(stale.items()):
                new = results.filter(pl.col(SEQ) > entry.applied_seq)
                self._models[model_id] = await self._advanced(
                    session, model_id, entry, new, version
                )
        return version

    async def _advanced(
        self,
        session: AsyncSession,
        model_id: str,
        entry: ServedModel,
        new: pl.DataFrame,
        version: int,
    ) -> ServedModel:
        if not entry.advanceable or new.height == 0:
            return ServedModel(entry.model, entry.profile, version, entry.advanceable)
        model, in_order = await asyncio.to_thread(_advance, entry.model, new)
        if in_order:
            return ServedModel(model, entry.profile, version, advanceable=True)
        log.info("results for %s arrived out of time order; rebuilding from its artifact", model_id)
        rebuilt = await self._load(session, model_id)
        return rebuilt if rebuilt is not None else entry

    def cached(self) -> dict[str, ServedModel]:
        """The cached entries (a copy)."""
        return dict(self._models)
