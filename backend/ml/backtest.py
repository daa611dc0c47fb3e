"""Walk-forward backtest: replay labelled matches in time order as live use would have seen them.

Each match is predicted from the model's artifact advanced by every result known before it —
the stored results and the file's own earlier matches — then its result is applied. With
``apply_every`` results are applied in groups (every N matches, or once per UTC day of
start_time): every match of a group is predicted from the state before the group's first
match, as if results were posted at those moments. The frozen predictions (the artifact with
no result applied) come alongside. Nothing is stored: the replay is one ``Timeline``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from backend.ml.frame import NO_TIME, prepare_matches, to_arrays
from backend.ml.ordering import MATCH_IDS_PER_DAY
from backend.ml.point_in_time import timeline_of
from backend.ml.trained_model import TrainedModel

APPLY_MATCH = "match"
APPLY_DAY = "day"


@dataclass(frozen=True)
class BacktestRun:
    """Per match of the file (file order): walk-forward and frozen P(radiant wins)."""

    match_id: np.ndarray
    radiant_win: np.ndarray
    walk_forward: np.ndarray
    frozen: np.ndarray
    cutoffs: np.ndarray  # results applied before each match's prediction
    n_results: int  # results on the timeline (stored + the file's applicable matches)


def parse_apply_every(value: str | int | None) -> str | int:
    """'match' (default), 'day' or a whole number N >= 1 of matches per application."""
    if value is None or value == "" or value == APPLY_MATCH:
        return APPLY_MATCH
    if value == APPLY_DAY:
        return APPLY_DAY
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ValueError(
            f"apply_every must be 'match', 'day' or a whole number of matches; got {value!r}"
        ) from None
    if n < 1:
        raise ValueError(f"apply_every must be at least 1; got {n}")
    return APPLY_MATCH if n == 1 else n


def group_cutoffs(
    own: np.ndarray,
    start_time: np.ndarray | None,
    apply_every: str | int,
    match_id: np.ndarray | None = None,
) -> np.ndarray:
    """Cut-offs when results are applied in groups: each match gets its group's first cut-off.

    ``own`` is each match's own cut-off (results strictly before it). Groups are N matches in
    time order, or the matches of one UTC day of start_time; when some match has no
    start_time, days are blocks of MATCH_IDS_PER_DAY match ids (Dota's ids grow ~2M a day).
    """
    if apply_every == APPLY_MATCH or len(own) == 0:
        return own
    order = np.argsort(own, kind="stable")
    if apply_every == APPLY_DAY:
        if start_time is not None and not (start_time == NO_TIME).any():
            group = (start_time // 86_400)[order]
        elif match_id is not None:
            group = (match_id // int(MATCH_IDS_PER_DAY))[order]
        else:
            raise ValueError("apply_every='day' needs start_time or match_id")
    else:
        group = np.arange(len(own)) // int(apply_every)
    out = np.empty_like(own)
    sorted_own = own[order]
    # Groups in time order: the first cut-off of each group applies to all its matches.
    firsts: dict[int, int] = {}
    for g, k in zip(group.tolist(), sorted_own.tolist(), strict=True):
        firsts.setdefault(g, k)
    out[order] = np.array([firsts[g] for g in group.tolist()], dtype=own.dtype)
    return out


def walk_forward(
    artifact: TrainedModel,
    stored: pl.DataFrame,
    matches: pl.DataFrame,
    apply_every: str | int = APPLY_MATCH,
    queries: pl.DataFrame | None = None,
) -> BacktestRun:
    """Replay ``matches`` (labelled) after the ``stored`` results, from the model's artifact.

    ``queries``: the same matches (same order) as they are predicted, e.g. with some account
    ids hidden the way users call the model; the results applied keep what ``matches`` has.
    """
    frame = prepare_matches(matches, require_label=True)
    arrays = to_arrays(frame)
    asked = (
        to_arrays(prepare_matches(queries, require_label=False)) if queries is not None else arrays
    )
    timeline = timeline_of(artifact.state, stored, frame)
    own = timeline.cutoffs(arrays.match_id, arrays.start_time, np.ones(len(arrays), dtype=bool))
    cutoffs = group_cutoffs(own, arrays.start_time, apply_every, arrays.match_id)
    X = artifact.features_at(timeline, asked.heroes, asked.accounts, cutoffs)
    frozen = artifact.predict_matrix(artifact.features_from_arrays(asked.heroes, asked.accounts))
    assert arrays.radiant_win is not None
    return BacktestRun(
        arrays.match_id,
        arrays.radiant_win,
        artifact.predict_matrix(X),
        frozen,
        cutoffs,
        timeline.n,
    )
