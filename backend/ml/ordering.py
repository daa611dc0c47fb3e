"""Time ordering of matches and the time-ordered holdout split."""

from __future__ import annotations

import numpy as np
import polars as pl

# Dota match ids advanced by roughly 1.7-2.2 million per day in 2018-2021; used as a clock
# when start_time is missing. Unusual ids (e.g. 1..N) just make inactivity drift negligible.
MATCH_IDS_PER_DAY = 2.0e6


def time_order(frame: pl.DataFrame) -> tuple[pl.DataFrame, str]:
    """Sort matches oldest first and say which key was used.

    start_time is used only when every row has one: mixing timed and untimed rows would need a
    guess. Otherwise match_id is used, which Dota assigns in increasing order over time.
    """
    if frame.height and frame["start_time"].null_count() == 0:
        return frame.sort(["start_time", "match_id"]), "start_time"
    return frame.sort("match_id"), "match_id"


def holdout_size(n_rows: int, holdout_fraction: float) -> int:
    """Number of latest rows held out (at least 1 when there are at least 2 rows)."""
    n_holdout = round(n_rows * holdout_fraction)
    return max(1, min(n_rows - 1, n_holdout)) if n_rows >= 2 else 0


def split_description(order_key: str, holdout_fraction: float) -> str:
    """Human-readable description of the evaluation split."""
    pct = f"{holdout_fraction * 100:g}%"
    if order_key == "start_time":
        return f"time-ordered, latest {pct} held out by start_time"
    return (
        f"time-ordered, latest {pct} held out by match_id "
        "(not every match has a start_time; Dota match ids increase with time)"
    )


def match_days(frame: pl.DataFrame, order_key: str) -> np.ndarray:
    """Days since the first match (start_time, or match_id as a clock), for rating drift."""
    if frame.height == 0:
        return np.zeros(0)
    column = "start_time" if order_key == "start_time" else "match_id"
    values = frame[column].to_numpy().astype(np.float64)
    return days_since(values, float(values[0]), order_key)


def days_since(values: np.ndarray, origin: float, order_key: str) -> np.ndarray:
    """Days of start_times (or match ids, as a clock) since an origin of the same kind."""
    t = np.asarray(values, dtype=np.float64)
    if order_key == "start_time":
        return (t - origin) / 86400.0
    return (t - origin) / MATCH_IDS_PER_DAY
