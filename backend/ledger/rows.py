"""Pending predictions as compact arrays, and the packed ledger batches made of them.

A request keeps only small arrays (int16 hero ids, int64 account ids, the probabilities, the match
ids), never a frame: a frame chunk is a slice sharing the whole parsed file's buffers, so holding
it until the next flush would keep the whole upload alive. The unknown-player and unknown-hero
counts need the served model's state, which is immutable, so they are computed at flush time, one
vectorised pass per model.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import polars as pl

from backend.ledger.store import NO_MATCH, ROW, Batch
from backend.matches import ACCOUNT_COLUMNS, HERO_COLUMNS

if TYPE_CHECKING:
    from backend.ml import TrainedModel

UNKNOWN = -1  # account id of an unknown player in the account arrays (as in backend.ml)
# Account cells from which polars' is_in beats the state's KeyIndex (player_index): polars has
# ~0.3 ms of fixed cost per call (a flush of single drafts: 5x slower), but at 1M cells (a
# 100k-row file) it is ~2.8x faster (measured, same answers).
POLARS_LOOKUP_FROM = 100_000


class PendingBatch(NamedTuple):
    """Predictions of one request, not yet written (a NamedTuple: cheapest to create)."""

    prefix: str  # prediction ids are f"{prefix}-{row}"
    model_id: str
    model: TrainedModel
    heroes: np.ndarray  # (n, 10) hero ids, radiant 1-5 then dire 1-5
    accounts: np.ndarray  # (n, 10) account ids, UNKNOWN where unknown
    probabilities: np.ndarray  # (n,), NaN where a row had no prediction
    match_ids: np.ndarray | Sequence[int | None]  # int64 array, or a list when some are None
    source: str
    created_at: float  # POSIX seconds: the datetime is only built when the row is
    # What a shadow needs to predict the same rows at the same point in time (not stored):
    start_times: np.ndarray | None = None  # int64, -1 unknown; None: no start times
    shadowable: bool = True  # False when the request brought results of its own (labelled)


def frame_arrays(frame: pl.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Compact copies of a canonical frame's hero ids (int16) and account ids (int64)."""
    heroes = frame.select(HERO_COLUMNS).to_numpy()
    accounts = frame.select(ACCOUNT_COLUMNS).fill_null(UNKNOWN).to_numpy()
    return heroes, accounts


def compact_match_ids(match_ids: Sequence[int | None]) -> np.ndarray | Sequence[int | None]:
    """An int64 array when every match id is known (a file's rows); the ids as given otherwise."""
    if None in match_ids:
        return match_ids
    return np.array(match_ids, dtype=np.int64)


def unknown_counts(
    model: TrainedModel, heroes: np.ndarray, accounts: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per row: how many of the 10 players the model has no state for, and of unseen heroes."""
    if accounts.size <= POLARS_LOOKUP_FROM:
        players = model.state.player_index(accounts) < 0  # UNKNOWN (-1) is never a key
    else:
        known = pl.Series(accounts.ravel()).is_in(pl.Series(model.state.accounts).implode())
        players = ~known.to_numpy().reshape(accounts.shape) | (accounts == UNKNOWN)
    # Hero ids are few: look each id up once, then index (a lookup per cell costs 15x more).
    low = min(int(heroes.min()), 0) if heroes.size else 0
    ids = np.arange(low, int(heroes.max()) + 1 if heroes.size else 1)
    games, _ = model.state.tables["hero"].lookup(ids)
    unseen = (games == 0)[heroes - low]
    return players.sum(axis=1), unseen.sum(axis=1)


def pack_pending(batches: Sequence[PendingBatch]) -> list[Batch]:
    """The ledger batches of pending predictions: one per model, in request order; rows without
    a prediction (NaN) are left out. A batch's id is its first request's prefix (unique to it),
    so packing the same pending requests again gives the same ids."""
    groups: dict[tuple[str, int], list[PendingBatch]] = {}
    for batch in batches:
        groups.setdefault((batch.model_id, id(batch.model)), []).append(batch)
    packed = [_pack(group) for group in groups.values()]
    return [batch for batch in packed if len(batch.rows)]


def _pack(group: list[PendingBatch]) -> Batch:
    """One model's pending requests as one batch (one vectorised pass)."""
    heroes = np.concatenate([b.heroes for b in group])
    accounts = np.concatenate([b.accounts for b in group])
    probabilities = np.concatenate([b.probabilities for b in group])
    counts = np.array([len(b.probabilities) for b in group])
    players, unseen = unknown_counts(group[0].model, heroes, accounts)
    rows = np.empty(len(probabilities), dtype=ROW)
    rows["match_id"] = match_id_array([b.match_ids for b in group])
    rows["created_us"] = np.repeat([round(b.created_at * 1e6) for b in group], counts)
    rows["probability"] = probabilities
    rows["request"] = np.repeat(np.arange(len(group)), counts)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    rows["row"] = np.arange(len(probabilities)) - starts
    rows["unknown_players"] = players
    rows["unseen_heroes"] = unseen
    rows["heroes"] = heroes
    kept = rows[~np.isnan(probabilities)]
    requests = [[b.prefix, b.source] for b in group]
    return Batch(id=group[0].prefix, model_id=group[0].model_id, requests=requests, rows=kept)


def match_id_array(parts: list[np.ndarray | Sequence[int | None]]) -> np.ndarray:
    """Match ids of the batches as one int64 array, NO_MATCH where None (one pass over all of
    them: drafts come one per batch)."""
    arrays = [part for part in parts if isinstance(part, np.ndarray)]
    if len(arrays) == len(parts):
        return np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int64)
    flat = [m for part in parts for m in (part.tolist() if isinstance(part, np.ndarray) else part)]
    return np.fromiter((NO_MATCH if m is None else m for m in flat), np.int64, count=len(flat))
