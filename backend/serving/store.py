"""Trained models loaded once per process, cached, and kept rolled forward with stored results.

Artifacts never change once stored. The model a process serves is its artifact advanced (ratings,
experience, hero statistics; the estimator is not refitted) by every stored match result after
the model's training end, in time order: computed when the process loads the model, then
incrementally whenever ``refresh`` sees a newer results version. A result that arrives after a
later one was applied (out of time order) makes the model be rebuilt from its artifact, so every
process serves exactly artifact + stored results, whatever order they arrived in.

That latest state serves live drafts. A match that lies before some applied result is served
from its point in time instead (``timeline``: the artifact plus only the results before it,
``backend/ml/point_in_time.py``). The stored results are read once per process into one shared
frame (``ResultsCache``), which every model's load, refresh and timeline uses.
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
from backend.errors import ApiError, ErrorCode
from backend.results import SEQ, results_frame, results_since, results_version
from backend.text import quote

if TYPE_CHECKING:
    from backend.ml import TrainedModel
    from backend.ml.point_in_time import Timeline

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
    base: TrainedModel | None = None  # the artifact as stored (None: same as ``model``)

    @property
    def artifact(self) -> TrainedModel:
        """The model as trained, before any result was applied."""
        return self.base if self.base is not None else self.model


class ResultsCache:
    """Every stored result up to ``seq``, read from the database once per process."""

    def __init__(self) -> None:
        self.seq = 0
        self.frame: pl.DataFrame = results_frame([])
        self._lock = asyncio.Lock()
        self._ids: tuple[int, np.ndarray] | None = None

    async def upto(self, session: AsyncSession, version: int) -> pl.DataFrame:
        """The results of batches up to ``version`` (new batches are read and appended)."""
        if version > self.seq:
            async with self._lock:
                if version > self.seq:
                    new = await results_since(session, self.seq, version)
                    self.frame = pl.concat([self.frame, new]) if self.frame.height else new
                    self.seq = version
        return self.read(version)

    def read(self, version: int) -> pl.DataFrame:
        """The results already read, up to ``version`` (no I/O)."""
        return self.frame if version >= self.seq else self.frame.filter(pl.col(SEQ) <= version)

    def match_ids(self, version: int) -> np.ndarray:
        """Sorted match ids of the results up to ``version`` (a cheap pre-check of rows)."""
        if self._ids is None or self._ids[0] != version:
            ids = self.read(version)["match_id"].to_numpy().astype(np.int64)
            self._ids = (version, np.sort(ids))
        return self._ids[1]


def training_profile(model: TrainedModel) -> TrainingProfile:
    """Unknown-player share and hero picks of the training data (before any results).

    Hero picks are the hero table's games: recency-weighted when the model decays its hero
    statistics, so drift is measured against the meta the model was trained for.
    """
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

    def __init__(self, capacity: int = 6) -> None:  # the active model, 3 shadows, 2 others
        self.capacity = capacity
        self._models: OrderedDict[str, ServedModel] = OrderedDict()
        self._lock = asyncio.Lock()
        self.results = ResultsCache()
        self._timelines: dict[str, tuple[int, Timeline]] = {}
        self._timeline_lock = asyncio.Lock()

    def __contains__(self, model_id: object) -> bool:
        """True when the model is loaded in this process."""
        return model_id in self._models

    def peek(self, model_id: str) -> TrainedModel | None:
        """The served model if it is loaded in this process (no I/O; the lean predict path)."""
        entry = self.peek_entry(model_id)  # the active model stays clear of eviction
        return None if entry is None else entry.model

    def discard(self, model_id: str) -> None:
        """Forget a model (it was deleted)."""
        self._models.pop(model_id, None)
        self._timelines.pop(model_id, None)

    def peek_entry(self, model_id: str) -> ServedModel | None:
        """The cached entry if the model is loaded in this process (no I/O)."""
        entry = self._models.get(model_id)
        if entry is not None:
            self._models.move_to_end(model_id)
        return entry

    async def timeline(self, model_id: str, entry: ServedModel) -> Timeline:
        """The entry's artifact and the results it applied, queryable at any point in time.

        Built in a worker thread on the first look into the past, then kept until the entry
        is advanced by newer results. No I/O: loading the entry read those results already.
        """
        cached = self._timelines.get(model_id)
        if cached is not None and cached[0] == entry.applied_seq:
            return cached[1]
        async with self._timeline_lock:
            cached = self._timelines.get(model_id)
            if cached is not None and cached[0] == entry.applied_seq:
                return cached[1]
            from backend.ml.point_in_time import Timeline

            results = self.results.read(entry.applied_seq)
            if not entry.advanceable:
                results = results.clear()
            built = await asyncio.to_thread(Timeline, entry.artifact.state, results)
            self._timelines[model_id] = (entry.applied_seq, built)
            return built

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
        results = await self.results.upto(session, version)
        model = base
        if results.height:
            model, _ = await asyncio.to_thread(_advance, base, results)
        return ServedModel(model, training_profile(base), version, advanceable=True, base=base)

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
            results = await self.results.upto(session, version)
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
            return ServedModel(entry.model, entry.profile, version, entry.advanceable, entry.base)
        model, in_order = await asyncio.to_thread(_advance, entry.model, new)
        if in_order:
            return ServedModel(model, entry.profile, version, advanceable=True, base=entry.base)
        log.info("results for %s arrived out of time order; rebuilding from its artifact", model_id)
        rebuilt = await self._load(session, model_id)
        return rebuilt if rebuilt is not None else entry

    def cached(self) -> dict[str, ServedModel]:
        """The cached entries (a copy)."""
        return dict(self._models)
