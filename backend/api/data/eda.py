"""Exploratory statistics of a canonical match frame, computed on the server (moved from the UI)."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import combinations
from typing import Any

import polars as pl

from backend.matches import DIRE_HEROES, RADIANT_HEROES, hero_registry

_SLOTS = [(side, i) for side in ("radiant", "dire") for i in range(1, 6)]


def _time(seconds: int | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, tz=UTC)


def hero_name(hero_id: int) -> str:
    """The hero's name from the registry (the reader only lets registry ids through)."""
    return hero_registry().name(hero_id)


def players(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per player: match_id, start_time, side, hero_id, account_id, won (null: no label)."""
    return pl.concat(
        frame.select(
            "match_id",
            "start_time",
            pl.lit(side).alias("side"),
            pl.col(f"{side}_hero_{i}").cast(pl.Int64).alias("hero_id"),
            pl.col(f"{side}_account_id_{i}").alias("account_id"),
            (pl.col("radiant_win") if side == "radiant" else ~pl.col("radiant_win")).alias("won"),
        )
        for side, i in _SLOTS
    )


def overview(frame: pl.DataFrame) -> dict[str, Any]:
    """Headline numbers: matches, time range, Radiant win rate, heroes and players seen."""
    per_player = players(frame)
    return {
        "n_labelled": frame.height - frame["radiant_win"].null_count(),
        "n_with_start_time": frame.height - frame["start_time"].null_count(),
        "first_start_time": _time(frame["start_time"].min()),  # type: ignore[arg-type]
        "last_start_time": _time(frame["start_time"].max()),  # type: ignore[arg-type]
        "radiant_win_rate": frame["radiant_win"].mean(),
        "n_heroes": per_player["hero_id"].n_unique(),
        "n_players": per_player["account_id"].drop_nulls().n_unique(),
    }


def matches_per_month(frame: pl.DataFrame) -> list[dict[str, Any]]:
    """Matches and Radiant win rate per calendar month (matches with a start time only)."""
    months = (
        frame.drop_nulls("start_time")
        .group_by(month=pl.from_epoch("start_time", time_unit="s").dt.strftime("%Y-%m"))
        .agg(matches=pl.len(), radiant_win_rate=pl.col("radiant_win").mean())
        .sort("month")
    )
    return months.to_dicts()


def hero_stats(frame: pl.DataFrame) -> list[dict[str, Any]]:
    """Per hero: picks, share of matches, wins, win rate; most picked first."""
    stats = (
        players(frame)
        .group_by("hero_id")
        .agg(
            picks=pl.len(),
            radiant_picks=(pl.col("side") == "radiant").sum(),
            wins=pl.col("won").sum(),
            win_rate=pl.col("won").mean(),
        )
        .with_columns(pick_rate=pl.col("picks") / max(frame.height, 1))
        .sort(["picks", "hero_id"], descending=[True, False])
    )
    return [{**row, "name": hero_name(row["hero_id"])} for row in stats.iter_rows(named=True)]


def top_players(frame: pl.DataFrame, limit: int = 200) -> list[dict[str, Any]]:
    """The most active players: account_id, matches; most matches first."""
    return (
        players(frame)
        .drop_nulls("account_id")
        .group_by("account_id")
        .agg(matches=pl.len())
        .sort(["matches", "account_id"], descending=[True, False])
        .head(limit)
        .to_dicts()
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
                frame.drop_nulls("radiant_win").select(
                    hero_a=pl.min_horizontal(a, b).cast(pl.Int64),
                    hero_b=pl.max_horizontal(a, b).cast(pl.Int64),
                    won=won,
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
    labelled = frame.drop_nulls("radiant_win")
    parts = [
        labelled.select(
            radiant=pl.col(r).cast(pl.Int64),
            dire=pl.col(d).cast(pl.Int64),
            radiant_win=pl.col("radiant_win"),
        )
        for r in RADIANT_HEROES
        for d in DIRE_HEROES
    ]
    by_side = (
        pl.concat(parts)
        .group_by("radiant", "dire")
        .agg(games=pl.len(), wins=pl.col("radiant_win").sum().cast(pl.Int64))
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


def strongest(
    stats: pl.DataFrame, first: str, second: str, min_games: int, top: int = 15
) -> list[dict[str, Any]]:
    """Rows with at least min_games, best Wilson lower bound first, with both heroes named."""
    best = (
        stats.filter(pl.col("games") >= min_games)
        .with_columns(lower_bound=wilson_lower(pl.col("wins"), pl.col("games")))
        .sort("lower_bound", descending=True)
        .head(top)
    )
    return [
        {
            "hero_id": row[first],
            "hero": hero_name(row[first]),
            "other_hero_id": row[second],
            "other_hero": hero_name(row[second]),
            "games": row["games"],
            "win_rate": row["win_rate"],
            "lower_bound": row["lower_bound"],
        }
        for row in best.iter_rows(named=True)
    ]


def matrix(
    stats: pl.DataFrame, first: str, second: str, heroes: list[int], min_games: int, symmetric: bool
) -> list[list[float | None]]:
    """Win rate of the row hero with/against the column hero; None where fewer than min_games."""
    index = {h: i for i, h in enumerate(heroes)}
    cells: list[list[float | None]] = [[None] * len(heroes) for _ in heroes]
    kept = stats.filter(
        pl.col(first).is_in(heroes) & pl.col(second).is_in(heroes) & (pl.col("games") >= min_games)
    )
    for a, b, rate in kept.select(first, second, "win_rate").iter_rows():
        cells[index[a]][index[b]] = rate
        if symmetric:
            cells[index[b]][index[a]] = rate
    return cells


def hero_pairs(frame: pl.DataFrame, top: int, min_games: int) -> dict[str, Any]:
    """Same-team and head-to-head win rates among the `top` most picked heroes."""
    heroes = [row["hero_id"] for row in hero_stats(frame)[:top]]
    pairs, counters = pair_stats(frame), counter_stats(frame)
    return {
        "hero_ids": heroes,
        "hero_names": [hero_name(h) for h in heroes],
        "min_games": min_games,
        "together": matrix(pairs, "hero_a", "hero_b", heroes, min_games, symmetric=True),
        "against": matrix(counters, "hero", "enemy", heroes, min_games, symmetric=False),
        "strongest_pairs": strongest(pairs, "hero_a", "hero_b", min_games),
        "strongest_counters": strongest(counters, "hero", "enemy", min_games),
    }


def player_record(frame: pl.DataFrame, account_id: int) -> dict[str, Any]:
    """One player's matches, win rate and side, and the heroes they played (most games first)."""
    mine = players(frame).filter(pl.col("account_id") == account_id)
    heroes = (
        mine.group_by("hero_id")
        .agg(games=pl.len(), wins=pl.col("won").sum(), win_rate=pl.col("won").mean())
        .sort(["games", "hero_id"], descending=[True, False])
    )
    return {
        "account_id": account_id,
        "matches": mine.height,
        "wins": int(mine["won"].sum()),
        "win_rate": mine["won"].mean(),
        "radiant_share": (mine["side"] == "radiant").mean() if mine.height else None,
        "first_start_time": _time(mine["start_time"].min()),  # type: ignore[arg-type]
        "last_start_time": _time(mine["start_time"].max()),  # type: ignore[arg-type]
        "heroes": [
            {**row, "name": hero_name(row["hero_id"])} for row in heroes.iter_rows(named=True)
        ],
    }
