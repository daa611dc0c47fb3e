"""Plotly figures of models and predictions; inputs are plain lists, dicts and polars frames."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import polars as pl

from streamlit_app.charts import BASELINE, DIRE, MARGIN, NEUTRAL, RADIANT, layout


def probability_histogram(probabilities: pl.DataFrame) -> go.Figure:
    """Predicted Radiant win probability; split by actual winner when `actual` is present."""
    fig = go.Figure()
    if "actual" in probabilities.columns and probabilities["actual"].null_count() == 0:
        for actual, color in (("Radiant won", RADIANT), ("Dire won", DIRE)):
            part = probabilities.filter(pl.col("actual") == actual)
            fig.add_histogram(
                x=part["radiant_win_probability"].to_list(),
                name=actual,
                marker_color=color,
                xbins={"start": 0, "end": 1, "size": 0.025},
                opacity=0.75,
            )
        fig.update_layout(barmode="overlay")
    else:
        fig.add_histogram(
            x=probabilities["radiant_win_probability"].to_list(),
            marker_color=NEUTRAL,
            xbins={"start": 0, "end": 1, "size": 0.025},
        )
    fig.update_xaxes(range=[0, 1], tickformat=".0%", title="Radiant win probability")
    fig.update_yaxes(title="matches")
    return layout(fig, "Predicted probabilities", height=340)


METRICS = (("roc_auc", "ROC AUC ↑"), ("log_loss", "Log-loss ↓"), ("accuracy", "Accuracy ↑"))


def model_comparison(models: pl.DataFrame) -> list[go.Figure]:
    """AUC, log-loss and accuracy (one figure each, for columns that stack on a narrow screen):
    a dot per model (active green), its baseline as an orange cross."""
    ids = models["model_id"].to_list()
    colors = [RADIANT if active else NEUTRAL for active in models["active"].to_list()]
    figures = []
    for metric, title in METRICS:
        fig = go.Figure()
        fig.add_scatter(
            x=models[f"baseline_{metric}"].to_list(),
            y=ids,
            mode="markers",
            marker={"symbol": "x-thin-open", "size": 12, "color": BASELINE, "line": {"width": 2}},
            name="baseline",
            hovertemplate="baseline %{x:.4f}<extra></extra>",
        )
        fig.add_scatter(
            x=models[metric].to_list(),
            y=ids,
            mode="markers+text",
            marker={"size": 14, "color": colors},
            text=[f"{v:.3f}" for v in models[metric].to_list()],
            textposition="top center",
            name="model",
            hovertemplate="%{y}: %{x:.4f}<extra></extra>",
        )
        # Categorical y: reversed range with room above the first row for its value labels.
        fig.update_yaxes(range=[len(ids) - 0.5, -0.9], automargin=True)
        fig.update_xaxes(title="holdout score", nticks=5)
        legend = {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom"}
        margin = {**MARGIN, "b": 60}  # the legend below the axis
        figures.append(
            layout(fig, title, height=max(240, 50 * len(ids) + 150), margin=margin, legend=legend)
        )
    return figures


def roc_curve(fpr: list[float], tpr: list[float], auc: float | None) -> go.Figure:
    """ROC curve with the chance diagonal."""
    fig = go.Figure()
    fig.add_scatter(
        x=[0, 1], y=[0, 1], mode="lines", line={"dash": "dash", "color": NEUTRAL}, name="chance"
    )
    label = f"model (AUC {auc:.3f})" if auc is not None else "model"
    fig.add_scatter(x=fpr, y=tpr, mode="lines", line_color=RADIANT, name=label)
    fig.update_xaxes(title="false positive rate", range=[0, 1])
    fig.update_yaxes(title="true positive rate", range=[0, 1])
    return layout(fig, "ROC curve (holdout)", height=420, legend={"x": 0.55, "y": 0.05})


def calibration(bins: list[dict[str, Any]], title: str = "Calibration (holdout)") -> go.Figure:
    """Observed Radiant win rate against the mean predicted probability per bin."""
    bins = [b for b in bins if b.get("count")]
    fig = go.Figure()
    fig.add_scatter(
        x=[0, 1], y=[0, 1], mode="lines", line={"dash": "dash", "color": NEUTRAL}, name="perfect"
    )
    counts = [b["count"] for b in bins]
    biggest = max(counts, default=1)
    fig.add_scatter(
        x=[b["mean_predicted"] for b in bins],
        y=[b["observed_rate"] for b in bins],
        mode="lines+markers",
        line_color=RADIANT,
        name="model",
        customdata=counts,
        marker={"size": [8 + 20 * (c / biggest) ** 0.5 for c in counts]},
        hovertemplate="predicted %{x:.1%}, observed %{y:.1%} "
        "(%{customdata} matches)<extra></extra>",
    )
    fig.update_xaxes(title="mean predicted probability", range=[0, 1], tickformat=".0%")
    fig.update_yaxes(title="observed Radiant win rate", range=[0, 1], tickformat=".0%")
    return layout(fig, title, height=420, legend={"x": 0.02, "y": 0.98})


def training_curve(curve: dict[str, Any], baseline: float | None) -> go.Figure:
    """Log-loss after each iteration on the training part and on the holdout (raw model)."""
    fig = go.Figure()
    steps = curve["iterations"]
    fig.add_scatter(
        x=steps, y=curve["train_log_loss"], mode="lines+markers", name="training part",
        line_color=NEUTRAL,
    )  # fmt: skip
    fig.add_scatter(
        x=steps, y=curve["holdout_log_loss"], mode="lines+markers", name="holdout",
        line_color=RADIANT,
    )  # fmt: skip
    if baseline is not None:
        fig.add_hline(
            y=baseline, line_dash="dot", line_color=BASELINE,
            annotation_text="holdout baseline (training base rate)",
        )  # fmt: skip
    fig.update_xaxes(title=curve.get("unit", "iterations"), type="log")
    fig.update_yaxes(title="log-loss (before calibration)")
    return layout(
        fig, "Training curve", height=420, legend={"x": 0.98, "y": 0.98, "xanchor": "right"}
    )


def importances(items: list[dict[str, Any]], top: int = 20) -> go.Figure:
    """The largest feature importances as horizontal bars."""
    items = sorted(items, key=lambda i: abs(float(i.get("importance") or 0)), reverse=True)[:top]
    items.reverse()
    fig = go.Figure(
        go.Bar(
            x=[i.get("importance") for i in items],
            y=[str(i.get("feature")) for i in items],
            orientation="h",
            marker_color=RADIANT,
        )
    )
    fig.update_xaxes(title="importance (mean |log-odds contribution|)")
    fig.update_yaxes(title="feature", automargin=True)
    return layout(
        fig, f"Top {len(items)} feature importances", height=max(300, 22 * len(items) + 80)
    )


def factors(items: list[dict[str, Any]]) -> go.Figure:
    """Contributions in log-odds: green pushes towards Radiant, red towards Dire."""
    items = sorted(items, key=lambda f: abs(float(f["contribution"])))
    values = [float(f["contribution"]) for f in items]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=[str(f["factor"]) for f in items],
            orientation="h",
            marker_color=[RADIANT if v > 0 else DIRE for v in values],
            hovertemplate="%{y}: %{x:+.3f} log-odds<extra></extra>",
        )
    )
    fig.update_xaxes(title="← Dire · log-odds · Radiant →", zeroline=True)
    return layout(fig, "Why: top factors", height=max(280, 26 * len(items) + 90))


def win_probability(radiant: float) -> go.Figure:
    """One stacked bar: Radiant's share on the left, Dire's on the right."""
    fig = go.Figure()
    for name, share, color in (("Radiant", radiant, RADIANT), ("Dire", 1 - radiant, DIRE)):
        fig.add_bar(
            x=[share],
            y=[""],
            orientation="h",
            name=name,
            marker_color=color,
            text=[f"{name} {share:.1%}"],
            textposition="inside",
            insidetextanchor="middle",
            hovertemplate=f"{name}: %{{x:.1%}}<extra></extra>",
        )
    fig.update_layout(barmode="stack", showlegend=False)
    fig.update_xaxes(range=[0, 1], visible=False)
    return layout(fig, "", height=110, margin={"l": 0, "r": 0, "t": 0, "b": 0})
