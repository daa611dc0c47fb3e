"""Serving rows with a place in time: the latest state, or the state just before each match.

A row with a position (a match id, and a start_time when the model orders by it) that lies
after every result the model applied is served from the latest state, the one-draft fast path
included. A row at or before some applied result is served from its point in time: the
artifact advanced by the results strictly before it (``ModelStore.timeline``). The choice is
one function, ``plan``, and it costs a few array comparisons when no row lies in the past.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import polars as pl

from backend.ml.frame import NO_TIME
from backend.ml.point_in_time import timeline_of

if TYPE_CHECKING:
    from backend.ml import TrainedModel
    from backend.ml.point_in_time import Timeline
    from backend.serving.store import ModelStore, ServedModel


@dataclass(frozen=True)
class ServingPlan:
    """How each row of a request is served: latest state, or at its cut-off in the timeline."""

    model: TrainedModel  # the latest (rolled-forward) model
    timeline: Timeline | None = None  # None: every row is served from the latest state
    cutoffs: np.ndarray | None = None  # per row: results before it (timeline.n = all)
    # True when the timeline's end is the latest model's state (stored results only), so rows
    # after every result take the latest model's own (fast) features; False when the request
    # brought results of its own (a labelled file's earlier matches).
    ends_at_model: bool = True

    @property
    def n_in_past(self) -> int:
        """Rows served from another state than the latest model's."""
        if self.timeline is None or self.cutoffs is None:
            return 0
        if not self.ends_at_model:
            return len(self.cutoffs)
        return int((self.cutoffs < self.timeline.n).sum())

    def matrix(self, heroes: np.ndarray, accounts: np.ndarray, start: int = 0) -> np.ndarray:
        """Features of rows ``start .. start + len(heroes)`` of the request."""
        X = self.model.features_from_arrays(heroes, accounts)
        if self.timeline is None or self.cutoffs is None:
            return X
        cut = self.cutoffs[start : start + len(heroes)]
        if not self.ends_at_model:
            return self.model.features_at(self.timeline, heroes, accounts, cut)
        past = np.flatnonzero(cut < self.timeline.n)
        if len(past):
            X[past] = self.model.features_at(self.timeline, heroes[past], accounts[past], cut[past])
        return X

    def predict(self, heroes: np.ndarray, accounts: np.ndarray, start: int = 0) -> np.ndarray:
        """P(radiant wins) of rows ``start ..`` of the request."""
        return self.model.predict_matrix(self.matrix(heroes, accounts, start))


def takes_fast_path(served: ServingPlan) -> bool:
    """Whether POST /predict serves its one draft by the fast path: the hero and account
    arrays straight to the latest model (its one-draft look-ups), no feature matrix. Every
    draft does, unless its match_id lies before results the model applied (a timeline)."""
    return served.timeline is None


def _maybe_past(
    entry: ServedModel,
    store: ModelStore,
    match_id: np.ndarray,
    start_time: np.ndarray | None,
    has_position: np.ndarray,
) -> np.ndarray:
    """Rows that may lie before an applied result (a superset; the timeline decides)."""
    state = entry.model.state
    as_of = state.ratings_as_of
    if not entry.advanceable or state.results_applied == 0 or as_of is None:
        return np.zeros(len(match_id), dtype=bool)
    stored = store.results.match_ids(entry.applied_seq)
    at = np.minimum(np.searchsorted(stored, match_id), max(len(stored) - 1, 0))
    own = (stored[at] == match_id) if len(stored) else np.zeros(len(match_id), dtype=bool)
    if state.order_key == "start_time":
        times = start_time if start_time is not None else np.full(len(match_id), NO_TIME)
        as_time = as_of.start_time if as_of.start_time is not None else -1
        dated = times != NO_TIME
        earlier = (times < as_time) | ((times == as_time) & (match_id <= as_of.match_id))
        # An undated row is placed by its match id against the applied results' ids.
        latest_id = int(stored[-1]) if len(stored) else as_of.match_id
        earlier = np.where(dated, earlier, match_id <= max(latest_id, as_of.match_id))
    else:
        earlier = match_id <= as_of.match_id
    return has_position & (own | earlier)


async def plan(
    store: ModelStore,
    model_id: str,
    entry: ServedModel,
    match_id: np.ndarray,
    start_time: np.ndarray | None = None,
    has_position: np.ndarray | None = None,
    known: pl.DataFrame | None = None,
) -> ServingPlan:
    """The serving plan of a request's rows (``has_position`` default: every row has one).

    ``known``: labelled matches the request itself brings (a labelled file). They were known
    before the later matches of the request, so each row also sees those before it, exactly
    as if they had been posted as results first; never its own.
    """
    if has_position is None:
        has_position = np.ones(len(match_id), dtype=bool)
    if known is not None and known.height and entry.advanceable:
        stored = store.results.read(entry.applied_seq)
        timeline = await asyncio.to_thread(timeline_of, entry.artifact.state, stored, known)
        cutoffs = timeline.cutoffs(match_id, start_time, has_position)
        return ServingPlan(entry.model, timeline, cutoffs, ends_at_model=False)
    if not _maybe_past(entry, store, match_id, start_time, has_position).any():
        return ServingPlan(entry.model)
    timeline = await store.timeline(model_id, entry)
    cutoffs = timeline.cutoffs(match_id, start_time, has_position)
    if (cutoffs >= timeline.n).all():
        return ServingPlan(entry.model)
    return ServingPlan(entry.model, timeline, cutoffs)
