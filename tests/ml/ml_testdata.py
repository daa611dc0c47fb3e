"""Small synthetic canonical match frames with a learnable signal (players and heroes)."""

from __future__ import annotations

import numpy as np
import polars as pl

from backend.ml.frame import ACCOUNT_COLUMNS, HERO_COLUMNS

# Real hero ids with gaps (24 and 108 do not exist in 2016 data; 155 is the highest id).
HERO_POOL = np.array([h for h in range(1, 156) if h not in (24, 108)])


def make_matches(
    n: int = 300,
    *,
    seed: int = 0,
    n_players: int = 80,
    accounts: bool = True,
    start_time: bool = True,
    unknown_share: float = 0.05,
) -> pl.DataFrame:
    """Matches where stronger players and a few strong heroes win more often."""
    rng = np.random.default_rng(seed)
    skill = rng.normal(0, 0.6, n_players)
    hero_strength = rng.normal(0, 0.2, 156)
    rows: dict[str, list] = {c: [] for c in ["match_id", "start_time", "radiant_win"]}
    for c in HERO_COLUMNS + ACCOUNT_COLUMNS:
        rows[c] = []
    for i in range(n):
        heroes = rng.choice(HERO_POOL, 10, replace=False)
        players = rng.choice(n_players, 10, replace=False)
        z = 0.15 + skill[players[:5]].sum() - skill[players[5:]].sum()
        z += hero_strength[heroes[:5]].sum() - hero_strength[heroes[5:]].sum()
        rows["match_id"].append(5_000_000_000 + 1000 * i + int(rng.integers(0, 900)))
        rows["start_time"].append(1_600_000_000 + 3600 * i if start_time else None)
        rows["radiant_win"].append(bool(rng.random() < 1 / (1 + np.exp(-z))))
        for k, col in enumerate(HERO_COLUMNS):
            rows[col].append(int(heroes[k]))
        for k, col in enumerate(ACCOUNT_COLUMNS):
            known = accounts and rng.random() >= unknown_share
            rows[col].append(int(100_000 + players[k]) if known else None)
    schema: dict[str, pl.DataType] = {
        "match_id": pl.Int64(),
        "start_time": pl.Int64(),
        "radiant_win": pl.Boolean(),
        **{c: pl.Int16() for c in HERO_COLUMNS},
        **{c: pl.Int64() for c in ACCOUNT_COLUMNS},
    }
    return pl.DataFrame(rows, schema=schema)


def draft(heroes: list[int], accounts: list[int | None]) -> pl.DataFrame:
    """One unlabelled canonical row."""
    row: dict[str, list] = {"match_id": [1], "start_time": [None], "radiant_win": [None]}
    for col, hero in zip(HERO_COLUMNS, heroes, strict=True):
        row[col] = [hero]
    for col, account in zip(ACCOUNT_COLUMNS, accounts, strict=True):
        row[col] = [account]
    schema: dict[str, pl.DataType] = {
        "match_id": pl.Int64(),
        "start_time": pl.Int64(),
        "radiant_win": pl.Boolean(),
        **{c: pl.Int16() for c in HERO_COLUMNS},
        **{c: pl.Int64() for c in ACCOUNT_COLUMNS},
    }
    return pl.DataFrame(row, schema=schema)
