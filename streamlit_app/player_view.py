"""The Players tab of the Data & EDA page: one account's record in the file."""

from __future__ import annotations

import polars as pl
import streamlit as st

from streamlit_app import charts, eda
from streamlit_app.eda_views import PERCENT, Explored, percent


def _account(choice: int | str | None) -> int | None:
    try:
        return int(choice) if choice is not None else None
    except ValueError:
        st.warning(f"{choice!r} is not an account id (a number).")
        return None


def players(data: Explored) -> None:
    """One player's record: matches, win rate and heroes played."""
    top = data.stat("top_accounts")
    if top.is_empty():
        st.info("This file has no player account ids.")
        return
    games = dict(top.iter_rows())
    choice = st.selectbox(
        "Account id (choose one of the most active players or type any id)",
        top["account_id"].to_list(),
        format_func=lambda a: f"{a} · {games[a]} matches" if a in games else str(a),
        accept_new_options=True,
        key="eda_account",
    )
    account = _account(choice)
    if account is None:
        return
    summary, heroes_played = eda.player_summary(data.frame, account)
    if not summary["matches"]:
        st.info(f"Account {account} does not appear in this file.")
        return
    cols = st.columns(4)
    cols[0].metric("Matches", summary["matches"])
    cols[1].metric("Win rate", percent(summary["win_rate"]))
    cols[2].metric("Played as Radiant", percent(summary["radiant_share"], 0))
    cols[3].metric("Heroes played", heroes_played.height)
    heroes_played = eda.named(heroes_played, data.names, "hero_id", "name")
    chart = (
        heroes_played.head(15)
        .rename({"games": "picks"})
        .with_columns(share=pl.col("picks") / summary["matches"])
    )
    left, right = st.columns(2)
    left.plotly_chart(charts.hero_bars(chart, "share", "Most played heroes (share of matches)"))
    right.dataframe(
        heroes_played.select(pl.col("name").alias("hero"), "games", "wins", "win_rate"),
        hide_index=True,
        column_config={"win_rate": PERCENT},
    )
