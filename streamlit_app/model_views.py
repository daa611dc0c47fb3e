"""Model metrics shown on the Train and Models pages."""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

# (key, label, higher is better)
METRICS = (
    ("roc_auc", "ROC AUC", True),
    ("log_loss", "Log-loss", False),
    ("accuracy", "Accuracy", True),
    ("brier", "Brier", False),
    ("ece", "ECE", False),
)


def metric_cards(metrics: dict[str, Any] | None) -> None:
    """One st.metric per holdout metric, with the change against the baseline as delta."""
    if not metrics:
        st.info("This model has no metrics yet.")
        return
    baseline = metrics.get("baseline") or {}
    cols = st.columns(len(METRICS) + 1)
    for col, (key, label, higher_better) in zip(cols, METRICS, strict=False):
        value, base = metrics.get(key), baseline.get(key)
        delta = (
            f"{value - base:+.4f} vs baseline" if value is not None and base is not None else None
        )
        col.metric(
            label,
            f"{value:.4f}" if value is not None else "n/a",
            delta=delta,
            delta_color="normal" if higher_better else "inverse",
        )
    cols[-1].metric(
        "Holdout matches",
        f"{metrics.get('n_holdout', 0):,}",
        help=f"trained on {metrics.get('n_train', 0):,} earlier matches; split: "
        f"{metrics.get('split', 'n/a')}",
    )
    st.caption(
        "Baseline: always predict the training Radiant win rate "
        f"({baseline.get('radiant_win_rate', 0):.1%}). ECE = expected calibration error."
    )


_TABLE_SCHEMA = {
    "model_id": pl.String,
    "model_type": pl.String,
    "status": pl.String,
    "active": pl.Boolean,
    "created_at": pl.String,
    "tags": pl.String,
    **{key: pl.Float64 for key, _, _ in METRICS},
    **{f"baseline_{key}": pl.Float64 for key in ("roc_auc", "log_loss", "accuracy", "brier")},
    "n_train": pl.Int64,
    "n_holdout": pl.Int64,
}


def models_table(summaries: list[dict[str, Any]]) -> pl.DataFrame:
    """One row per model with its holdout metrics and baselines flattened into columns."""
    rows = []
    for model in summaries:
        metrics = model.get("metrics") or {}
        baseline = metrics.get("baseline") or {}
        row = {
            "model_id": model["model_id"],
            "model_type": model["model_type"],
            "status": model["status"],
            "active": model["is_active"],
            "created_at": str(model.get("created_at", ""))[:19].replace("T", " "),
            "tags": ", ".join(model.get("tags") or []),
            "n_train": metrics.get("n_train"),
            "n_holdout": metrics.get("n_holdout"),
        }
        row |= {key: metrics.get(key) for key, _, _ in METRICS}
        row |= {
            f"baseline_{k}": baseline.get(k) for k in ("roc_auc", "log_loss", "accuracy", "brier")
        }
        rows.append(row)
    return pl.DataFrame(rows, schema=_TABLE_SCHEMA)


def display_table(table: pl.DataFrame) -> pl.DataFrame:
    """The models table for reading: metrics as text, with "n/a" where a model has none."""
    numbers = [c for c, dtype in table.schema.items() if dtype.is_numeric()]
    return table.with_columns(
        pl.col(c)
        .map_elements(
            lambda v: f"{v:,}" if isinstance(v, int) else f"{v:.4f}", return_dtype=pl.String
        )
        .fill_null("n/a")
        for c in numbers
    )


def readable(value: Any) -> str:
    """A value as a person reads it: never "None", "True" or a JSON literal."""
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.4g}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list | tuple):
        return ", ".join(readable(v) for v in value) or "none"
    return str(value)


def name_value_rows(values: dict[str, Any], prefix: str = "") -> list[dict[str, str]]:
    """{"name", "value"} rows of a (nested) dict; nested keys joined with " · "."""
    rows: list[dict[str, str]] = []
    for key, value in values.items():
        name = f"{prefix}{str(key).replace('_', ' ')}"
        if isinstance(value, dict):
            rows += name_value_rows(value, f"{name} · ")
        else:
            rows.append({"name": name, "value": readable(value)})
    return rows


def worse_than_baseline(metrics: dict[str, Any] | None) -> float | None:
    """How much higher the holdout log-loss is than the base-rate baseline's (None if not)."""
    metrics = metrics or {}
    value, base = metrics.get("log_loss"), (metrics.get("baseline") or {}).get("log_loss")
    if value is None or base is None or value <= base:
        return None
    return float(value - base)
