"""The Players tab of the Data & EDA page: one account's record in the chosen dataset."""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

from streamlit_app import charts, service
from streamlit_app.eda_views import percent


def _account(choice: int | str | None) -> int | None:
    try:
        account = int(choice) if choice is not None else None
    except ValueError:
        account = -1
    if account is not None and account < 0:
        st.warning(f"{choice!r} is not an account id (a whole number ≥ 0).")
        return None
    return account


def account_key(dataset_id: str) -> str:
    """One widget per dataset: a choice made for one file never leaks into another's list."""
    return f"eda_account_{dataset_id}"


def players(facts: dict[str, Any]) -> None:
    """One player's record: matches, win rate and heroes played."""
    top = facts.get("top_players") or []
    if not top:
        st.info("This dataset has no player account ids.")
        return
    games = {p["account_id"]: p["matches"] for p in top}
    pros = service.player_names()

    def shown(account: int | str) -> str:
        label = service.player_label(account, pros)
        return f"{label} · {games[account]} matches" if account in games else label

    choice = st.selectbox(
        "Account id (choose one of the most active players or type any id)",
        list(games),
        format_func=shown,
        accept_new_options=True,
        key=account_key(facts["dataset_id"]),
    )
    account = _account(choice)
    if account is None:
        return
    record = service.call(
        "Reading the player", service.client().player_record, facts["dataset_id"], account
    )
    if record is None:
        return
    found = record.to_dict()
    if not found["matches"]:
        st.info(f"Account {account} does not appear in this dataset.")
        return
    cols = st.columns(4)
    cols[0].metric("Matches", found["matches"])
    cols[1].metric("Win rate", percent(found.get("win_rate")))
    cols[2].metric("Played as Radiant", percent(found.get("radiant_share"), 0))
    cols[3].metric("Heroes played", len(found["heroes"]))
    played = pl.DataFrame(found["heroes"])
    chart = (
        played.head(15)
        .rename({"games": "picks"})
        .with_columns(share=pl.col("picks") / found["matches"])
    )
    left, right = st.columns(2)
    left.plotly_chart(
        charts.hero_bars(chart, "share", "Most played heroes", "share of the player's matches")
    )
    right.dataframe(
        played.select("name", "games", "wins", "win_rate"),
        hide_index=True,
        column_config={
            "name": st.column_config.TextColumn("Hero"),
            "games": st.column_config.NumberColumn("Games"),
            "wins": st.column_config.NumberColumn("Wins"),
            "win_rate": st.column_config.NumberColumn("Win rate", format="percent"),
        },
    )
