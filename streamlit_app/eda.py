"""Exploratory statistics of a canonical match frame (see matches.py), all in polars."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import polars as pl

from streamlit_app.matches import DIRE_HEROES, RADIANT_HEROES

_SLOTS = [(side, i) for side in ("radiant", "dire") for i in range(1, 6)]


def overview(frame: pl.DataFrame) -> dict[str, Any]:
    """Headline numbers: matches, time range, Radiant win rate, heroes and players seen."""
    accounts = frame.select(pl.concat_list(pl.col("^.*_account_id_.*$")).explode().drop_nulls())
    return {
        "matches": frame.height,
        "first": frame["start_time"].min(),
        "last": frame["start_time"].max(),
        "with_start_time": frame.height - frame["start_time"].null_count(),
        "radiant_win_rate": frame["radiant_win"].mean(),
        "labelled": frame.height - frame["radiant_win"].null_count(),
        "heroes": players(frame)["hero_id"].n_unique(),
        "accounts": accounts.to_series().n_unique(),
    }


def players(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per player: match_id, side, hero_id, account_id, won (null when unlabelled)."""
    parts = [
        frame.select(
            "match_id",
            "start_time",
            pl.lit(side).alias("side"),
            pl.col(f"{side}_hero_{i}").alias("hero_id"),
            pl.col(f"{side}_account_id_{i}").alias("account_id"),
            (pl.col("radiant_win") if side == "radiant" else ~pl.col("radiant_win")).alias("won"),
        )
        for side, i in _SLOTS
    ]
    return pl.concat(parts)


def matches_per_month(frame: pl.DataFrame) -> pl.DataFrame:
    """Matches and Radiant win rate per calendar month (matches with a start time only)."""
    return (
        frame.drop_nulls("start_time")
        .group_by(month=pl.col("start_time").dt.truncate("1mo"))
        .agg(matches=pl.len(), radiant_win_rate=pl.col("radiant_win").mean())
        .sort("month")
    )


def hero_stats(frame: pl.DataFrame) -> pl.DataFrame:
    """Per hero: picks, pick rate (share of matches), wins, win rate; most picked first."""
    return (
        players(frame)
        .group_by("hero_id")
        .agg(
            picks=pl.len(),
            radiant_picks=(pl.col("side") == "radiant").sum(),
            wins=pl.col("won").sum(),
            win_rate=pl.col("won").mean(),
        )
        .with_columns(pick_rate=pl.col("picks") / frame.height)
        .sort(["picks", "hero_id"], descending=[True, False])
    )


def pair_stats(frame: pl.DataFrame) -> pl.DataFrame:
    """Heroes on the same team: games and win rate per unordered pair (hero_a < hero_b)."""
    parts = []
    for columns, won in (
        (RADIANT_HEROES, pl.col("radiant_win")),
        (DIRE_HEROES, ~pl.col("radiant_win")),
    ):
        for a, b in combinations(columns, 2):
            parts.append(
                frame.select(
                    hero_a=pl.min_horizontal(a, b), hero_b=pl.max_horizontal(a, b), won=won
                )
            )
    return (
        pl.concat(parts)
        .group_by("hero_a", "hero_b")
        .agg(games=pl.len(), wins=pl.col("won").sum(), win_rate=pl.col("won").mean())
        .sort(["games", "hero_a", "hero_b"], descending=[True, False, False])
    )


def counter_stats(frame: pl.DataFrame) -> pl.DataFrame:
    """Heroes on opposite teams: games and win rate of `hero` against `enemy` (both directions)."""
    parts = [
        frame.select(radiant=pl.col(r), dire=pl.col(d), radiant_win=pl.col("radiant_win"))
        for r in RADIANT_HEROES
        for d in DIRE_HEROES
    ]
    by_side = (
        pl.concat(parts)
        .group_by("radiant", "dire")
        .agg(games=pl.col("radiant_win").count(), wins=pl.col("radiant_win").sum())
    )
    as_radiant = by_side.select(hero="radiant", enemy="dire", games="games", wins="wins")
    as_dire = by_side.select(
        hero="dire", enemy="radiant", games="games", wins=pl.col("games") - pl.col("wins")
    )
    return (
        pl.concat([as_radiant, as_dire])
        .group_by("hero", "enemy")
        .agg(pl.col("games").sum(), pl.col("wins").sum())
        .with_columns(win_rate=pl.col("wins") / pl.col("games"))
        .sort(["games", "hero", "enemy"], descending=[True, False, False])
    )


def wilson_lower(wins: pl.Expr, games: pl.Expr, z: float = 1.96) -> pl.Expr:
    """Lower end of the 95 % Wilson interval of a win rate: ranks without small-sample flukes."""
    rate = wins / games
    centre = rate + z * z / (2 * games)
    spread = z * ((rate * (1 - rate) + z * z / (4 * games)) / games).sqrt()
    return (centre - spread) / (1 + z * z / games)


def strongest(stats: pl.DataFrame, min_games: int, top: int = 15) -> pl.DataFrame:
    """Rows with at least min_games, best Wilson lower bound first."""
    return (
        stats.filter(pl.col("games") >= min_games)
        .with_columns(lower_bound=wilson_lower(pl.col("wins"), pl.col("games")))
        .sort("lower_bound", descending=True)
        .head(top)
    )


def pair_matrix(pairs: pl.DataFrame, heroes: list[int], min_games: int) -> list[list[float | None]]:
    """Symmetric win-rate matrix over `heroes`; None where fewer than min_games."""
    index = {h: i for i, h in enumerate(heroes)}
    matrix: list[list[float | None]] = [[None] * len(heroes) for _ in heroes]
    kept = pairs.filter(
        pl.col("hero_a").is_in(heroes)
        & pl.col("hero_b").is_in(heroes)
        & (pl.col("games") >= min_games)
    )
    for a, b, rate in kept.select("hero_a", "hero_b", "win_rate").iter_rows():
        matrix[index[a]][index[b]] = matrix[index[b]][index[a]] = rate
    return matrix


def counter_matrix(
    counters: pl.DataFrame, heroes: list[int], min_games: int
) -> list[list[float | None]]:
    """Row hero's win rate against the column hero; None where fewer than min_games."""
    index = {h: i for i, h in enumerate(heroes)}
    matrix: list[list[float | None]] = [[None] * len(heroes) for _ in heroes]
    kept = counters.filter(
        pl.col("hero").is_in(heroes)
        & pl.col("enemy").is_in(heroes)
        & (pl.col("games") >= min_games)
    )
    for hero, enemy, rate in kept.select("hero", "enemy", "win_rate").iter_rows():
        matrix[index[hero]][index[enemy]] = rate
    return matrix


def top_accounts(frame: pl.DataFrame, limit: int = 200) -> pl.DataFrame:
    """The most active players: account_id, matches; most matches first."""
    return (
        players(frame)
        .drop_nulls("account_id")
        .group_by("account_id")
        .agg(matches=pl.len())
        .sort(["matches", "account_id"], descending=[True, False])
        .head(limit)
    )


def player_summary(frame: pl.DataFrame, account_id: int) -> tuple[dict[str, Any], pl.DataFrame]:
    """One player's matches and win rate, and the heroes they played (most games first)."""
    mine = players(frame).filter(pl.col("account_id") == account_id)
    summary = {
        "matches": mine.height,
        "wins": int(mine["won"].sum()),
        "win_rate": mine["won"].mean(),
        "radiant_share": (mine["side"] == "radiant").mean() if mine.height else None,
        "first": mine["start_time"].min(),
        "last": mine["start_time"].max(),
    }
    heroes = (
        mine.group_by("hero_id")
        .agg(games=pl.len(), wins=pl.col("won").sum(), win_rate=pl.col("won").mean())
        .sort(["games", "hero_id"], descending=[True, False])
    )
    return summary, heroes


def duration_minutes(frame: pl.DataFrame) -> pl.DataFrame:
    """Match duration in minutes and the winner, for matches with a duration."""
    return frame.drop_nulls("duration").select(
        minutes=pl.col("duration") / 60,
        winner=pl.when(pl.col("radiant_win").is_null())
        .then(pl.lit("unknown"))
        .when(pl.col("radiant_win"))
        .then(pl.lit("Radiant"))
        .otherwise(pl.lit("Dire")),
    )


def named(frame: pl.DataFrame, names: dict[int, str], column: str, alias: str) -> pl.DataFrame:
    """Add the hero name of `column` as `alias` ("hero <id>" when the name is unknown)."""
    fallback = pl.lit("hero ") + pl.col(column).cast(pl.String)
    name = pl.col(column).replace_strict(names, default=fallback, return_dtype=pl.String)
    return frame.with_columns(name.alias(alias))
