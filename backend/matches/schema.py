"""Column names and dtypes of the canonical one-row-per-match frame."""

from __future__ import annotations

import polars as pl

RADIANT_HEROES = [f"radiant_hero_{i}" for i in range(1, 6)]
DIRE_HEROES = [f"dire_hero_{i}" for i in range(1, 6)]
RADIANT_ACCOUNTS = [f"radiant_account_id_{i}" for i in range(1, 6)]
DIRE_ACCOUNTS = [f"dire_account_id_{i}" for i in range(1, 6)]
HERO_COLUMNS = RADIANT_HEROES + DIRE_HEROES
ACCOUNT_COLUMNS = RADIANT_ACCOUNTS + DIRE_ACCOUNTS
CANONICAL_COLUMNS = ["match_id", "start_time", "radiant_win", *HERO_COLUMNS, *ACCOUNT_COLUMNS]

CANONICAL_SCHEMA: dict[str, pl.DataType] = {
    "match_id": pl.Int64(),
    "start_time": pl.Int64(),
    "radiant_win": pl.Boolean(),
    **{c: pl.Int16() for c in HERO_COLUMNS},
    **{c: pl.Int64() for c in ACCOUNT_COLUMNS},
}

# Match ids, in a file or a request: whole numbers in this range (stored as signed 64-bit).
MIN_MATCH_ID = 0
MAX_MATCH_ID = 2**63 - 1

# The 1-based data row number (header excluded) carried alongside raw values for messages.
ROW = "__row"

# Columns of the one-row-per-player format; anything else in an upload is ignored.
PER_PLAYER_COLUMNS = [
    "match_id",
    "start_time",
    "account_id",
    "hero_id",
    "is_radiant",
    "player_slot",
    "radiant_win",
    "win",
]


def empty_frame() -> pl.DataFrame:
    """A canonical frame with no matches."""
    return pl.DataFrame(schema=CANONICAL_SCHEMA)
