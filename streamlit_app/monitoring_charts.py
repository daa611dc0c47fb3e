"""Plotly figures of the Monitoring page."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from streamlit_app.charts import DIRE, NEUTRAL, RADIANT, layout


def rolling_quality(
    points: list[dict[str, Any]], window: int, holdout: dict[str, Any] | None
) -> go.Figure:
    """Rolling log-loss and accuracy of scored predictions as their results arrived, with the
    holdout lines. The x axis counts scored predictions in arrival order rather than showing
    the arrival time: a file of results arrives in one instant and would collapse to one x."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08)
    x = [p["scored"] for p in points]
    text = [f"result received {str(p['result_at'])[:19].replace('T', ' ')} UTC" for p in points]
    for row, key, name, colour in (
        (1, "log_loss", "rolling log-loss", DIRE),
        (2, "accuracy", "rolling accuracy", RADIANT),
    ):
        fig.add_scatter(
            x=x,
            y=[p[key] for p in points],
            mode="lines+markers",
            name=name,
            line_color=colour,
            text=text,
            hovertemplate="%{y:.4f} (%{text})<extra></extra>",
            row=row,
            col=1,
        )
        if holdout and holdout.get(key) is not None:
            fig.add_hline(
                y=holdout[key],
                line_dash="dash",
                line_color=NEUTRAL,
                annotation_text=f"holdout {holdout[key]:.3f}",
                row=row,
                col=1,
            )
    fig.update_yaxes(title="log-loss", row=1, col=1)
    fig.update_yaxes(title="accuracy", tickformat=".0%", row=2, col=1)
    fig.update_xaxes(title="scored predictions, in the order their results arrived", row=2, col=1)
    return layout(fig, f"Rolling quality (last {window})", height=520)
