"""read_matches: uploaded CSV bytes to the canonical frame."""

from __future__ import annotations

import polars as pl

from backend.matches.canonical import read_canonical
from backend.matches.errors import MatchDataError
from backend.matches.per_player import read_per_player
from backend.matches.raw import read_raw, read_typed
from backend.matches.schema import ACCOUNT_COLUMNS, HERO_COLUMNS

# Columns the canonical reader turns into whole numbers, parsed while reading when they are plain
# numbers (read_typed); hero ids as Int16 (their canonical dtype; the largest id is ~150).
INTEGER_COLUMNS: dict[str, type[pl.DataType]] = {
    "match_id": pl.Int64,
    "start_time": pl.Int64,
    **{c: pl.Int16 for c in HERO_COLUMNS},
    **{c: pl.Int64 for c in ACCOUNT_COLUMNS},
}


def is_per_player(columns: list[str]) -> bool:
    """A header with hero_id and no radiant_hero_*/dire_hero_* column is one row per player."""
    return "hero_id" in columns and not any(c in HERO_COLUMNS for c in columns)


def read_matches(data: bytes, *, require_label: bool, max_rows: int | None = None) -> pl.DataFrame:
    """Parse and validate an uploaded CSV (either format) into the canonical frame."""
    typed = read_typed(data, INTEGER_COLUMNS)
    if typed is not None and not is_per_player(typed.columns):
        try:
            return read_canonical(typed, require_label=require_label, max_rows=max_rows)
        except MatchDataError:
            # A bad file is worded by the general reader below, exactly as it always was.
            del typed
    raw = read_raw(data)
    if is_per_player(raw.columns):
        return read_per_player(raw, require_label=require_label, max_rows=max_rows)
    return read_canonical(raw, require_label=require_label, max_rows=max_rows)
