"""read_matches: uploaded CSV bytes to the canonical frame."""

from __future__ import annotations

import polars as pl

from backend.matches.canonical import read_canonical
from backend.matches.per_player import read_per_player
from backend.matches.raw import read_raw
from backend.matches.schema import HERO_COLUMNS


def is_per_player(columns: list[str]) -> bool:
    """A header with hero_id and no radiant_hero_*/dire_hero_* column is one row per player."""
    return "hero_id" in columns and not any(c in HERO_COLUMNS for c in columns)


def read_matches(data: bytes, *, require_label: bool, max_rows: int | None = None) -> pl.DataFrame:
    """Parse and validate an uploaded CSV (either format) into the canonical frame."""
    raw = read_raw(data)
    if is_per_player(raw.columns):
        return read_per_player(raw, require_label=require_label, max_rows=max_rows)
    return read_canonical(raw, require_label=require_label, max_rows=max_rows)
