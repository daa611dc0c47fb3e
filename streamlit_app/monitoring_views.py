"""The Monitoring page's tables (kept out of the page so they can be tested on their own)."""

from __future__ import annotations

from typing import Any

import polars as pl

WINDOWS = (("last_100", "Last 100"), ("last_500", "Last 500"), ("all", "All"))
METRICS = ("accuracy", "roc_auc", "log_loss", "brier", "ece")
_SCHEMA = {
    "window": pl.String,
    "n": pl.Int64,
    **{metric: pl.Float64 for metric in METRICS},
    "drift": pl.String,
}


def windows_table(report: dict[str, Any]) -> pl.DataFrame:
    """Holdout, then each window of scored predictions: n, the metrics and the drift verdict.

    A window without enough data has no metrics (null), which display_table shows as "n/a".
    """
    holdout = report.get("holdout") or {}
    rows = [
        {"window": "holdout", "n": holdout.get("n_holdout"), "drift": ""}
        | {metric: holdout.get(metric) for metric in METRICS}
    ]
    for key, title in WINDOWS:
        window = report["windows"][key]
        rows.append(
            {"window": title, "n": window["n"], "drift": window.get("drift") or ""}
            | {metric: window.get(metric) for metric in METRICS}
        )
    return pl.DataFrame(rows, schema=_SCHEMA)
