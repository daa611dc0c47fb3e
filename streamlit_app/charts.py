"""Plotly figures of the Data & EDA page, plus the shared colours and layout."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

RADIANT = "#2e8b57"
DIRE = "#c0392b"
NEUTRAL = "#7f8c8d"
# Baseline markers: an orange with contrast >= 3 on Streamlit's light and dark backgrounds
# (black vanished on the dark theme's near-black).
BASELINE = "#d35400"
MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}


def layout(fig: go.Figure, title: str, height: int = 380, **kwargs: Any) -> go.Figure:
    fig.update_layout(title=title, height=height, margin=kwargs.pop("margin", MARGIN), **kwargs)
    return fig


def hero_bars(
    stats: pl.DataFrame, value: str, title: str, axis: str, percent: bool = True
) -> go.Figure:
    """Horizontal bars of one column per hero name (stats needs `name`, `picks` and `value`)."""
    stats = stats.reverse()  # plotly draws the first bar at the bottom
    fig = go.Figure(
        go.Bar(
            x=stats[value].to_list(),
            y=stats["name"].to_list(),
            orientation="h",
            marker_color=RADIANT,
            customdata=stats["picks"].to_list(),
            hovertemplate="%{y}: %{x:.1%} (%{customdata} picks)<extra></extra>"
            if percent
            else "%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_xaxes(tickformat=".0%" if percent else None, title=axis)
    fig.update_yaxes(title="hero")
    return layout(fig, title, height=max(300, 22 * stats.height + 60))


def win_rate_heatmap(
    matrix: list[list[float | None]],
    rows: Sequence[str],
    columns: Sequence[str],
    title: str,
    axes: tuple[str, str],
    relation: str = "with",
) -> go.Figure:
    """Win rates centred on 50 %: green above, red below; blank cells had too few games."""
    fig = go.Figure(
        go.Heatmap(
            z=matrix,
            x=list(columns),
            y=list(rows),
            zmid=0.5,
            colorscale="RdYlGn",
            colorbar={"tickformat": ".0%"},
            hovertemplate=f"%{{y}} {relation} %{{x}}: %{{z:.1%}}<extra></extra>",
            hoverongaps=False,
        )
    )
    # Every hero named: plotly's automatic ticks skip every other category on a crowded axis.
    fig.update_yaxes(autorange="reversed", title=axes[1], tickmode="array", tickvals=list(rows))
    fig.update_xaxes(title=axes[0], tickmode="array", tickvals=list(columns), tickangle=-45)
    return layout(fig, title, height=max(420, 20 * len(rows) + 140))


def matches_per_month(months: pl.DataFrame) -> go.Figure:
    """Bars of matches per month with the Radiant win rate as a line."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    x = months["month"].to_list()
    fig.add_bar(x=x, y=months["matches"].to_list(), name="matches", marker_color=NEUTRAL)
    fig.add_scatter(
        x=x,
        y=months["radiant_win_rate"].to_list(),
        name="Radiant win rate",
        line_color=RADIANT,
        secondary_y=True,
    )
    fig.update_xaxes(title="month (UTC)", type="category")
    fig.update_yaxes(title="matches", secondary_y=False)
    fig.update_yaxes(
        title="Radiant win rate",
        tickformat=".0%",
        secondary_y=True,
        range=[0, 1],
        dtick=0.25,
        showgrid=False,
    )
    return layout(fig, "Matches per month", height=320)
