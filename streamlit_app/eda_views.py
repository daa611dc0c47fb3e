"""The tabs of the Data & EDA page; every number comes computed from the service."""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

from streamlit_app import charts, service

PERCENT = st.column_config.NumberColumn(format="percent")
HERO_COLUMNS = {
    "name": st.column_config.TextColumn("Hero"),
    "hero_id": st.column_config.NumberColumn("Hero id"),
    "picks": st.column_config.NumberColumn("Picks"),
    "pick_rate": st.column_config.NumberColumn("Pick rate", format="percent"),
    "win_rate": st.column_config.NumberColumn("Win rate", format="percent"),
    "radiant_picks": st.column_config.NumberColumn("Picked as Radiant"),
}
PAIR_COLUMNS = {
    "hero": st.column_config.TextColumn("Hero"),
    "other_hero": st.column_config.TextColumn("With / against"),
    "games": st.column_config.NumberColumn("Games"),
    "win_rate": st.column_config.NumberColumn("Win rate", format="percent"),
}


@st.cache_data(ttl=600, show_spinner="Computing statistics on the service…")
def info(url: str, dataset_id: str) -> dict[str, Any]:
    """GET /data/datasets/info as a dict (cached: stored datasets never change)."""
    return service.client().dataset_info(dataset_id).to_dict()


@st.cache_data(ttl=600, show_spinner="Computing pair statistics on the service…")
def pairs(url: str, dataset_id: str, top: int, min_games: int) -> dict[str, Any]:
    """GET /data/datasets/pairs as a dict."""
    return service.client().hero_pairs(dataset_id, top=top, min_games=min_games).to_dict()


def percent(value: float | None, digits: int = 1) -> str:
    return f"{value:.{digits}%}" if value is not None else "n/a"


def date(value: str | None) -> str:
    return value[:10] if value else "n/a"


def overview(facts: dict[str, Any]) -> None:
    """Headline numbers and matches over time."""
    cols = st.columns(5)
    cols[0].metric("Matches", f"{facts['n_matches']:,}")
    cols[1].metric("Radiant win rate", percent(facts.get("radiant_win_rate")))
    cols[2].metric("From", date(facts.get("first_start_time")))
    cols[3].metric("To", date(facts.get("last_start_time")))
    cols[4].metric("Players", f"{facts['n_players']:,}", help="distinct account ids")
    st.caption(
        f"{facts['n_heroes']} distinct heroes · {facts['n_labelled']:,} matches with a result · "
        f"{facts['n_with_start_time']:,} with a start time"
        + ("" if facts["trainable"] else " · not enough labelled matches to train on")
    )
    months = facts.get("matches_per_month") or []
    if months:
        st.plotly_chart(charts.matches_per_month(pl.DataFrame(months)))
    else:
        st.info("No match in this dataset has a start_time, so there is no timeline.")


def heroes(facts: dict[str, Any]) -> None:
    """Pick rate and win rate per hero, as charts and a sortable table."""
    stats = pl.DataFrame(facts["heroes"])
    left, right = st.columns(2)
    left.plotly_chart(
        charts.hero_bars(
            stats.head(20), "pick_rate", "Most picked heroes", "share of matches picked"
        )
    )
    if not facts["n_labelled"]:
        right.info("No `radiant_win` in this dataset, so there are no win rates.")
    else:
        floor = max(5, facts["n_matches"] // 500)
        min_picks = right.slider(
            "Minimum picks for win rates",
            1,
            500,
            min(floor, 500),
            key=f"eda_min_picks_{facts['dataset_id']}",
        )
        ranked = stats.filter(pl.col("picks") >= min_picks).sort("win_rate", descending=True)
        right.plotly_chart(
            charts.hero_bars(
                ranked.head(20),
                "win_rate",
                f"Highest win rate (≥ {min_picks} picks)",
                "win rate when picked",
            )
        )
    table = stats.select("name", "hero_id", "picks", "pick_rate", "win_rate", "radiant_picks")
    st.dataframe(table, hide_index=True, column_config=HERO_COLUMNS)


def hero_pairs(facts: dict[str, Any]) -> None:
    """Same-team pairs and head-to-head counters among the most picked heroes, as heatmaps."""
    if not facts["n_labelled"]:
        st.info("No `radiant_win` in this dataset, so pair and counter win rates cannot be shown.")
        return
    left, right = st.columns(2)
    size = left.slider("Heroes in the heatmaps (most picked)", 5, 40, 20, key="eda_heatmap_heroes")
    default_games = max(5, facts["n_matches"] // 400)
    min_games = right.number_input(
        "Minimum games per cell",
        1,
        10_000,
        default_games,
        key=f"eda_min_games_{facts['dataset_id']}",  # defaults depend on the dataset
    )
    found = pairs(service.base_url(), facts["dataset_id"], size, int(min_games))
    names = found["hero_names"]
    left.plotly_chart(
        charts.win_rate_heatmap(
            found["together"], names, names, "Win rate together", ("hero", "hero")
        )
    )
    right.plotly_chart(
        charts.win_rate_heatmap(
            found["against"],
            names,
            names,
            "Row hero's win rate against column hero",
            ("enemy hero", "hero"),
            relation="against",
        )
    )
    st.caption(
        "Ranked by the lower end of the 95 % (Wilson) confidence interval of the win rate, which "
        "discounts win rates from few games; raise the minimum games to focus on common pairs."
    )
    left, right = st.columns(2)
    for column, title, key in (
        (left, "**Strongest pairs**", "strongest_pairs"),
        (right, "**Strongest counters**", "strongest_counters"),
    ):
        column.markdown(title)
        rows = found[key]
        if not rows:
            column.info("No pair has that many games; lower the minimum.")
            continue
        column.dataframe(
            pl.DataFrame(rows).select(list(PAIR_COLUMNS)),
            hide_index=True,
            column_config=PAIR_COLUMNS,
        )
