"""The tabs of the Data & EDA page; statistics come cached from match_store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import polars as pl
import streamlit as st

from streamlit_app import charts, eda
from streamlit_app.match_store import statistic
from streamlit_app.matches import LoadedMatches

PERCENT = st.column_config.NumberColumn(format="percent")


@dataclass(frozen=True)
class Explored:
    """What every tab needs: the parsed file, its cache key and hero names."""

    loaded: LoadedMatches
    digest: str
    names: dict[int, str]

    @property
    def frame(self) -> pl.DataFrame:
        return self.loaded.frame

    def stat(self, name: str) -> pl.DataFrame:
        result: pl.DataFrame = statistic(name, self.digest, self.frame)
        return result


def _date(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "n/a"


def percent(value: float | None, digits: int = 1) -> str:
    return f"{value:.{digits}%}" if value is not None else "n/a"


def overview(data: Explored) -> None:
    """Headline numbers, matches over time and the duration distribution."""
    facts = statistic("overview", data.digest, data.frame)
    cols = st.columns(5)
    cols[0].metric("Matches", f"{facts['matches']:,}")
    cols[1].metric("Radiant win rate", percent(facts["radiant_win_rate"]))
    cols[2].metric("From", _date(facts["first"]))
    cols[3].metric("To", _date(facts["last"]))
    cols[4].metric("Players", f"{facts['accounts']:,}", help="distinct account ids")
    st.caption(
        f"{facts['heroes']} distinct heroes · {facts['labelled']:,} matches with a result · "
        f"{facts['with_start_time']:,} with a start time"
    )
    if data.loaded.has_start_time:
        st.plotly_chart(charts.matches_per_month(data.stat("matches_per_month")))
    if data.loaded.has_duration:
        st.plotly_chart(charts.duration_histogram(data.stat("duration_minutes")))
    else:
        st.info("This file has no `duration` column, so there is no duration distribution.")


def heroes(data: Explored) -> None:
    """Pick rate and win rate per hero, as charts and a sortable table."""
    stats = eda.named(data.stat("hero_stats"), data.names, "hero_id", "name")
    left, right = st.columns(2)
    left.plotly_chart(
        charts.hero_bars(stats.head(20), "pick_rate", "Most picked (share of matches)")
    )
    if not data.loaded.has_label:
        right.info("No `radiant_win` in this file, so there are no win rates.")
    else:
        floor = max(5, data.frame.height // 500)
        min_picks = right.slider(
            "Minimum picks for win rates", 1, 500, min(floor, 500), key="eda_min_picks"
        )
        ranked = stats.filter(pl.col("picks") >= min_picks).sort("win_rate", descending=True)
        right.plotly_chart(
            charts.hero_bars(ranked.head(20), "win_rate", f"Highest win rate (≥ {min_picks} picks)")
        )
    table = stats.select(
        pl.col("name").alias("hero"), "hero_id", "picks", "pick_rate", "win_rate", "radiant_picks"
    )
    st.dataframe(
        table,
        hide_index=True,
        column_config={"pick_rate": PERCENT, "win_rate": PERCENT},
    )


def pairs(data: Explored) -> None:
    """Same-team pairs and head-to-head counters among the most picked heroes, as heatmaps."""
    if not data.loaded.has_label:
        st.info("No `radiant_win` in this file, so pair and counter win rates cannot be computed.")
        return
    left, right = st.columns(2)
    size = left.slider("Heroes in the heatmaps (most picked)", 5, 40, 20, key="eda_heatmap_heroes")
    default_games = max(5, data.frame.height // 400)
    min_games = right.number_input(
        "Minimum games per cell", 1, 10_000, default_games, key="eda_min_games"
    )
    top = data.stat("hero_stats")["hero_id"].head(size).to_list()
    labels = [data.names.get(h, f"hero {h}") for h in top]
    pair_stats, counter_stats = data.stat("pair_stats"), data.stat("counter_stats")
    left.plotly_chart(
        charts.win_rate_heatmap(
            eda.pair_matrix(pair_stats, top, min_games), labels, labels, "Win rate together"
        )
    )
    right.plotly_chart(
        charts.win_rate_heatmap(
            eda.counter_matrix(counter_stats, top, min_games),
            labels,
            labels,
            "Row hero's win rate against column hero",
            relation="against",
        )
    )
    best_pairs = eda.named(
        eda.named(pair_stats, data.names, "hero_a", "hero"), data.names, "hero_b", "with"
    )
    best_counters = eda.named(
        eda.named(counter_stats, data.names, "hero", "hero_name"), data.names, "enemy", "against"
    )
    st.caption(
        "Ranked by the lower end of the 95 % (Wilson) confidence interval of the win rate, which "
        "discounts win rates from few games; raise the minimum games to focus on common pairs."
    )
    left, right = st.columns(2)
    left.markdown("**Strongest pairs**")
    left.dataframe(
        eda.strongest(best_pairs, min_games).select("hero", "with", "games", "win_rate"),
        hide_index=True,
        column_config={"win_rate": PERCENT},
    )
    right.markdown("**Strongest counters**")
    right.dataframe(
        eda.strongest(best_counters, min_games).select(
            pl.col("hero_name").alias("hero"), "against", "games", "win_rate"
        ),
        hide_index=True,
        column_config={"win_rate": PERCENT},
    )
