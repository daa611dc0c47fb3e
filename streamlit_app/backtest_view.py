"""Models page: the walk-forward backtest, with intervals, the frozen model and baselines."""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

from streamlit_app import lifecycle_charts, service
from streamlit_app.lifecycle_views import test_file

BACKTEST_KEY = "lifecycle_backtest"
APPLY_CHOICES = {
    "after every match": "match",
    "once a day (start_time)": "day",
    "every 50 matches": "50",
    "every 500 matches": "500",
}


def _with_interval(value: float | None, interval: list[float] | None) -> str:
    if value is None:
        return "n/a"
    if not interval:
        return f"{value:.4f}"
    return f"{value:.4f} [{interval[0]:.4f}, {interval[1]:.4f}]"


def backtest_table(results: list[dict[str, Any]]) -> pl.DataFrame:
    """One row per model and per baseline, scored on the same matches (model's own rows)."""
    rows: list[dict[str, Any]] = []
    for r in results:
        intervals = r.get("intervals") or {}
        frozen = r.get("frozen") or {}
        rows.append(
            {
                "model": r["model_id"] + (" (active)" if r.get("is_active") else ""),
                "log-loss [95 % CI]": _with_interval(r.get("log_loss"), intervals.get("log_loss")),
                "AUC [95 % CI]": _with_interval(r.get("roc_auc"), intervals.get("roc_auc")),
                "accuracy": r.get("accuracy"),
                "Brier": r.get("brier"),
                "ECE": r.get("ece"),
                "frozen log-loss": frozen.get("log_loss"),
                "frozen AUC": frozen.get("roc_auc"),
                "scored": r.get("n_scored"),
                "left out (trained on)": r.get("n_training_matches"),
            }
        )
        for name, label in (
            ("coin_flip", "coin flip (p = 0.5)"),
            ("training_base_rate", "training base rate"),
            ("market", "market (the file's odds)"),
        ):
            block = (r.get("baselines") or {}).get(name)
            if block:
                rows.append(
                    {
                        "model": f"  ↳ {label}",
                        "log-loss [95 % CI]": _with_interval(block.get("log_loss"), None),
                        "AUC [95 % CI]": _with_interval(block.get("roc_auc"), None),
                        "accuracy": block.get("accuracy"),
                        "Brier": block.get("brier"),
                        "ECE": block.get("ece"),
                        "scored": block.get("n_matches"),
                    }
                )
    return pl.DataFrame(rows, infer_schema_length=None)


def per_match_csv(results: list[dict[str, Any]]) -> bytes:
    """Every model's prediction of every match (walk-forward and frozen), one row each."""
    rows = [{"model_id": r["model_id"], **p} for r in results for p in r.get("predictions") or []]
    columns = ["model_id", "match_id", "walk_forward", "frozen", "results_before", "in_training"]
    frame = pl.DataFrame(rows, infer_schema_length=None) if rows else pl.DataFrame()
    return (frame.select(columns) if rows else pl.DataFrame(schema=columns)).write_csv().encode()


def backtest_panel(ready: list[str]) -> None:
    """Replay a labelled file as live use with results would have seen it."""
    st.subheader("Walk-forward backtest")
    st.caption(
        "Every match is predicted from the model as trained, advanced by the stored results and "
        "the file's earlier matches — never its own result or a later one — then its result is "
        "applied. The frozen column is the same model with no result applied. Matches a model "
        "was trained on are left out of its scores. Intervals: 95 % bootstrap over matches."
    )
    chosen = st.multiselect("Models", ready, default=ready, key="backtest_models")
    apply_label = st.selectbox("Apply results", list(APPLY_CHOICES), key="backtest_apply")
    file = test_file("backtest")
    if st.button(
        "Run backtest",
        type="primary",
        disabled=file is None or not chosen,
        key="backtest_button",
        icon=":material/history:",
    ):
        assert file is not None
        with st.spinner("Replaying the matches…"):
            found = service.call(
                "Running the backtest",
                service.client().backtest,
                file,
                model_ids=chosen,
                apply_every=APPLY_CHOICES[apply_label],
                include_predictions=True,
            )
        if found is not None:
            st.session_state[BACKTEST_KEY] = found.to_dict()
    report = st.session_state.get(BACKTEST_KEY)
    if not report:
        return
    st.markdown(
        f"**{report['n_matches']:,} matches** of {report['filename']} · backtest "
        f"`{report['backtest_id']}` (promote accepts it as evaluation id) · results applied "
        f"{report['apply_every']}"
    )
    st.dataframe(backtest_table(report["results"]), hide_index=True)
    st.download_button(
        "Download per-match predictions (CSV)",
        data=per_match_csv(report["results"]),
        file_name=f"{report['backtest_id']}.csv",
        mime="text/csv",
        icon=":material/download:",
        key="backtest_download",
    )
    scored = [r for r in report["results"] if r.get("n_scored")]
    if scored:
        st.plotly_chart(lifecycle_charts.calibration_overlay(scored), key="backtest_calibration")
