"""Overlaid ROC and reliability curves of several models scored on one common test set."""

from __future__ import annotations

from typing import Any

import plotly.express as px
import plotly.graph_objects as go

from streamlit_app.charts import NEUTRAL, layout

PALETTE = px.colors.qualitative.D3


def _color(i: int) -> str:
    return str(PALETTE[i % len(PALETTE)])


def roc_overlay(results: list[dict[str, Any]]) -> go.Figure:
    """One ROC curve per model, chance diagonal dashed."""
    fig = go.Figure()
    fig.add_scatter(
        x=[0, 1], y=[0, 1], mode="lines", line={"dash": "dash", "color": NEUTRAL}, name="chance"
    )
    for i, r in enumerate(results):
        curve = r["roc_curve"]
        auc = r.get("roc_auc")
        name = f"{r['model_id']} (AUC {auc:.3f})" if auc is not None else r["model_id"]
        fig.add_scatter(
            x=curve["fpr"], y=curve["tpr"], mode="lines", line_color=_color(i), name=name
        )
    fig.update_xaxes(title="false positive rate", range=[0, 1])
    fig.update_yaxes(title="true positive rate", range=[0, 1])
    return layout(fig, "ROC curves (common test set)", height=440, legend={"x": 0.4, "y": 0.05})


def calibration_overlay(results: list[dict[str, Any]]) -> go.Figure:
    """One reliability curve per model over the same 10 bins; the diagonal is perfect."""
    fig = go.Figure()
    fig.add_scatter(
        x=[0, 1], y=[0, 1], mode="lines", line={"dash": "dash", "color": NEUTRAL}, name="perfect"
    )
    for i, r in enumerate(results):
        bins = [b for b in r["calibration"]["bins"] if b.get("count")]
        fig.add_scatter(
            x=[b["mean_predicted"] for b in bins],
            y=[b["observed_rate"] for b in bins],
            mode="lines+markers",
            line_color=_color(i),
            name=r["model_id"],
            customdata=[b["count"] for b in bins],
            hovertemplate="predicted %{x:.1%}, observed %{y:.1%} "
            "(%{customdata} matches)<extra></extra>",
        )
    fig.update_xaxes(title="mean predicted probability", range=[0, 1], tickformat=".0%")
    fig.update_yaxes(title="observed Radiant win rate", range=[0, 1], tickformat=".0%")
    return layout(fig, "Calibration (common test set)", height=440, legend={"x": 0.02, "y": 0.98})
