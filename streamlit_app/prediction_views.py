"""Showing one draft's prediction and a file's predictions."""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

from streamlit_app import model_charts


def draft_result(result: dict[str, Any]) -> None:
    """Win probability for both sides, the favourite, and the factors when explained."""
    radiant = float(result["radiant_win_probability"])
    cols = st.columns(3)
    cols[0].metric("Radiant win probability", f"{radiant:.1%}")
    cols[1].metric("Dire win probability", f"{1 - radiant:.1%}")
    cols[2].metric("Favourite", str(result["winner"]).title())
    st.plotly_chart(model_charts.win_probability(radiant), config={"displayModeBar": False})
    st.caption(f"Model `{result['model_id']}`")
    if unknown := result.get("unknown_account_ids"):
        st.info(
            "The model has no history for "
            + ", ".join(str(a) for a in unknown)
            + "; they count as average players."
        )
    if factors := result.get("factors"):
        st.plotly_chart(model_charts.factors(factors))


def _four(value: Any) -> str:
    return f"{value:.4f}" if isinstance(value, int | float) else "n/a"


def quality_cards(quality: dict[str, Any]) -> None:
    """Accuracy, AUC, log-loss and Brier of a labelled file (matches the model trained on left
    out, as the service scores them)."""
    cols = st.columns(5)
    cols[0].metric("Labelled matches", f"{quality['n_labelled']:,}")
    cols[1].metric("Accuracy", _four(quality.get("accuracy")))
    cols[2].metric("ROC AUC", _four(quality.get("roc_auc")))
    cols[3].metric("Log-loss", _four(quality.get("log_loss")))
    cols[4].metric("Brier", _four(quality.get("brier")))
    left_out = quality.get("n_training_matches") or 0
    if left_out:
        st.caption(
            f"{left_out:,} of these matches were in the model's training data and are left out "
            f"of the scores (in-sample); scored: {quality.get('n_scored') or 0:,}."
        )


def file_result(result: dict[str, Any], name: str, labels: pl.DataFrame | None) -> None:
    """Quality (when the file had radiant_win), the table, a histogram and a CSV download."""
    frame = pl.DataFrame(
        result["predictions"],
        schema={"match_id": pl.Int64, "radiant_win_probability": pl.Float64, "winner": pl.String},
    )
    if labels is not None:
        frame = frame.join(labels, on="match_id", how="left", maintain_order="left")
    st.caption(f"{frame.height:,} matches from **{name}** · model `{result['model_id']}`")
    if quality := result.get("quality"):
        quality_cards(quality)
    left, right = st.columns([3, 2])
    left.plotly_chart(model_charts.probability_histogram(frame))
    right.dataframe(
        frame,
        hide_index=True,
        height=340,
        column_config={
            "match_id": st.column_config.NumberColumn(format="%d"),
            "radiant_win_probability": st.column_config.ProgressColumn(
                "P(Radiant wins)", format="percent", min_value=0, max_value=1
            ),
        },
    )
    stem = name.removesuffix(".gz").removesuffix(".csv").replace(" ", "_")
    st.download_button(
        "Download predictions (CSV)",
        frame.write_csv(),
        file_name=f"predictions_{stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        key="batch_download",
    )
