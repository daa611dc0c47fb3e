"""Canonical match-frame columns, validation and conversion to numpy arrays."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from backend.matches.heroes import hero_registry

# The highest hero id of the hero registry: the width of the pick matrix and the id range.
MAX_HERO_ID = hero_registry().max_id
RADIANT_HEROES = tuple(f"radiant_hero_{i}" for i in range(1, 6))
DIRE_HEROES = tuple(f"dire_hero_{i}" for i in range(1, 6))
RADIANT_ACCOUNTS = tuple(f"radiant_account_id_{i}" for i in range(1, 6))
DIRE_ACCOUNTS = tuple(f"dire_account_id_{i}" for i in range(1, 6))
HERO_COLUMNS = RADIANT_HEROES + DIRE_HEROES
ACCOUNT_COLUMNS = RADIANT_ACCOUNTS + DIRE_ACCOUNTS

# Steam's placeholder for anonymous/private players: many different people share it,
# so it must be treated as "unknown player" rather than one very active account.
ANONYMOUS_ACCOUNT_ID = 4294967295
UNKNOWN = -1
NO_TIME = -1  # start_time placeholder in MatchArrays


@dataclass(frozen=True)
class MatchArrays:
    """Numpy view of a canonical frame (rows in the frame's order)."""

    match_id: np.ndarray  # (n,) int64
    heroes: np.ndarray  # (n, 10) int64, radiant slots first
    accounts: np.ndarray  # (n, 10) int64, UNKNOWN (-1) where no usable account id
    radiant_win: np.ndarray | None  # (n,) float64 0/1, None when not all rows are labelled
    start_time: np.ndarray | None = None  # (n,) int64 seconds, NO_TIME where missing

    def __len__(self) -> int:
        return int(self.match_id.shape[0])


def prepare_matches(matches: pl.DataFrame, *, require_label: bool) -> pl.DataFrame:
    """Check the canonical columns and return a frame with exactly the canonical dtypes."""
    needed = ["match_id", "start_time", "radiant_win", *HERO_COLUMNS, *ACCOUNT_COLUMNS]
    optional = {"start_time", "radiant_win", *ACCOUNT_COLUMNS}
    missing = [c for c in needed if c not in matches.columns and c not in optional]
    if missing:
        raise ValueError(f"match frame is missing columns: {', '.join(missing)}")
    exprs: list[pl.Expr] = []
    for col in needed:
        dtype: pl.DataType = pl.Int16() if col in HERO_COLUMNS else pl.Int64()
        if col == "radiant_win":
            dtype = pl.Boolean()
        base = pl.col(col) if col in matches.columns else pl.lit(None)
        exprs.append(base.cast(dtype, strict=True).alias(col))
    try:
        frame = matches.select(exprs)
    except pl.exceptions.PolarsError as exc:  # e.g. strings in a numeric column
        raise ValueError(f"match frame has a column of the wrong type: {exc}") from exc
    heroes = frame.select(HERO_COLUMNS).to_numpy()
    # The range comes from the hero registry (the reader has already checked each id exists).
    if frame.height and (
        frame.select(pl.sum_horizontal(pl.col(HERO_COLUMNS).is_null())).to_series().sum() > 0
        or heroes.min() < 1
        or heroes.max() > MAX_HERO_ID
    ):
        raise ValueError(f"hero ids must be present and between 1 and {MAX_HERO_ID}")
    if frame["match_id"].null_count():
        raise ValueError("match_id must not be null")
    if require_label and frame["radiant_win"].null_count():
        raise ValueError(f"{frame['radiant_win'].null_count()} rows have no radiant_win label")
    return frame


def to_arrays(frame: pl.DataFrame) -> MatchArrays:
    """Convert a prepared frame to numpy arrays; unusable account ids become UNKNOWN."""
    accounts = frame.select(ACCOUNT_COLUMNS).fill_null(UNKNOWN).to_numpy().astype(np.int64)
    accounts[(accounts <= 0) | (accounts == ANONYMOUS_ACCOUNT_ID)] = UNKNOWN
    label = frame["radiant_win"]
    y = None if label.null_count() else label.cast(pl.Float64).to_numpy().astype(np.float64)
    return MatchArrays(
        match_id=frame["match_id"].to_numpy().astype(np.int64),
        heroes=frame.select(HERO_COLUMNS).to_numpy().astype(np.int64),
        accounts=accounts,
        radiant_win=y,
        start_time=frame["start_time"].fill_null(NO_TIME).to_numpy().astype(np.int64),
    )
