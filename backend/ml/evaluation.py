"""What users get from a trained model: frozen vs rolled-forward ratings, hidden ids, side swap."""

from __future__ import annotations

import numpy as np
import polars as pl

from backend.ml.frame import (
    ACCOUNT_COLUMNS,
    DIRE_ACCOUNTS,
    DIRE_HEROES,
    RADIANT_ACCOUNTS,
    RADIANT_HEROES,
)
from backend.ml.ordering import MATCH_IDS_PER_DAY
from backend.ml.trained_model import TrainedModel

DAY_SECONDS = 86400


def mask_accounts(frame: pl.DataFrame, share: float, seed: int) -> pl.DataFrame:
    """The frame with each account id independently set to null with probability ``share``."""
    if share <= 0.0 or frame.height == 0:
        return frame
    rng = np.random.default_rng(seed)
    hide = rng.random((frame.height, len(ACCOUNT_COLUMNS))) < share
    return frame.with_columns(
        pl.when(pl.Series(hide[:, j])).then(None).otherwise(pl.col(col)).alias(col)
        for j, col in enumerate(ACCOUNT_COLUMNS)
        if col in frame.columns
    )


def swap_sides(frame: pl.DataFrame) -> pl.DataFrame:
    """Radiant and dire exchanged (heroes and accounts); the label flipped when present."""
    pairs = list(zip(RADIANT_HEROES + RADIANT_ACCOUNTS, DIRE_HEROES + DIRE_ACCOUNTS, strict=True))
    exprs = [pl.col(d).alias(r) for r, d in pairs if d in frame.columns]
    exprs += [pl.col(r).alias(d) for r, d in pairs if r in frame.columns]
    if "radiant_win" in frame.columns:
        exprs.append(~pl.col("radiant_win"))
    return frame.with_columns(exprs)


def side_swap_deviation(model: TrainedModel, frame: pl.DataFrame) -> float:
    """Max |s - median(s)| over drafts of s = logit p(A, B) + logit p(B, A); 0 = consistent."""
    p = np.clip(model.predict_proba(frame), 1e-12, 1 - 1e-12)
    q = np.clip(model.predict_proba(swap_sides(frame)), 1e-12, 1 - 1e-12)
    s = np.log(p / (1 - p)) + np.log(q / (1 - q))
    return float(np.max(np.abs(s - np.median(s)))) if len(s) else 0.0


def time_blocks(frame: pl.DataFrame) -> list[pl.DataFrame]:
    """Consecutive blocks of about one day of a time-ordered frame.

    By start_time (UTC day) when every match has one; otherwise by match_id in blocks of
    MATCH_IDS_PER_DAY (2 million ids, roughly one day of Dota matches).
    """
    if frame.height == 0:
        return []
    if frame["start_time"].null_count() == 0:
        key = pl.col("start_time") // DAY_SECONDS
    else:
        key = pl.col("match_id") // int(MATCH_IDS_PER_DAY)
    keyed = frame.with_columns(key.alias("_block"))
    return [
        block.drop("_block")
        for block in keyed.partition_by("_block", maintain_order=True, include_key=True)
    ]
