"""The Monitoring page's tables (kept out of the page so they can be tested on their own)."""

from __future__ import annotations

import math
from typing import Any

import polars as pl

WINDOWS = (("last_100", "Last 100"), ("last_500", "Last 500"), ("all", "All"))
METRICS = ("accuracy", "roc_auc", "log_loss", "brier", "ece")
_SCHEMA = {
    "window": pl.String,
    "n": pl.Int64,
    **{metric: pl.Float64 for metric in METRICS},
    "coin-flip log-loss": pl.Float64,
    "base-rate log-loss": pl.Float64,
    "drift": pl.String,
}


def _baselines(block: dict[str, Any]) -> dict[str, Any]:
    """The coin flip's and the training base rate's log-loss on the same predictions."""
    baselines = block.get("baselines") or {}
    return {
        "coin-flip log-loss": (baselines.get("coin_flip") or {}).get("log_loss"),
        "base-rate log-loss": (baselines.get("training_base_rate") or {}).get("log_loss"),
    }


def windows_table(report: dict[str, Any]) -> pl.DataFrame:
    """Holdout, then each window of scored predictions: n, the metrics, the baselines' log-loss
    on the same predictions (coin flip, training base rate) and the drift verdict.

    A window without enough data has no metrics (null), which display_table shows as "n/a".
    """
    holdout = report.get("holdout") or {}
    base = holdout.get("baseline") or {}
    rows = [
        {"window": "holdout", "n": holdout.get("n_holdout"), "drift": ""}
        | {metric: holdout.get(metric) for metric in METRICS}
        | {
            # p = 0.5 scores ln 2 on any labels; the base rate is the holdout's own baseline.
            "coin-flip log-loss": math.log(2) if holdout.get("n_holdout") else None,
            "base-rate log-loss": base.get("log_loss"),
        }
    ]
    for key, title in WINDOWS:
        window = report["windows"][key]
        rows.append(
            {"window": title, "n": window["n"], "drift": window.get("drift") or ""}
            | {metric: window.get(metric) for metric in METRICS}
            | _baselines(window)
        )
    return pl.DataFrame(rows, schema=_SCHEMA)
