"""Checks shared by both upload formats: required columns, match limits, repeated heroes."""

from __future__ import annotations

import polars as pl

from backend.matches.errors import MatchDataError
from backend.text import clip

CANONICAL_HELP = (
    "match_id, radiant_win, radiant_hero_1..5, dire_hero_1..5 "
    "(optional: start_time, radiant_account_id_1..5, dire_account_id_1..5)"
)
PER_PLAYER_HELP = (
    "match_id, hero_id, is_radiant or player_slot, radiant_win or win "
    "(optional: account_id, start_time)"
)


def require_columns(columns: list[str], missing: list[str], *, per_player: bool) -> None:
    """Raise naming every missing column and the format the header was read as."""
    if not missing:
        return
    detected, expected = (
        ("one row per player", PER_PLAYER_HELP)
        if per_player
        else ("one row per match", CANONICAL_HELP)
    )
    named = [c for c in columns if not c.startswith("__")]
    found = ", ".join(clip(c, 40) for c in named[:20]) + (
        f" and {len(named) - 20} more" if len(named) > 20 else ""
    )
    message = (
        f"missing required column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}. "
        f"The header was read as {detected}, which needs: {expected}. "
        f"Columns found: {found or 'none'}."
    )
    if not per_player and not any(c.startswith(("radiant_hero_", "dire_hero_")) for c in columns):
        message += f" For one row per player instead, use: {PER_PLAYER_HELP}."
    # "is_radiant or player_slot" is one requirement; point at its first column.
    raise MatchDataError(message, column=missing[0].split(" or ")[0])


def check_not_empty(height: int, *, require_label: bool) -> None:
    """Training and prediction both need at least one match."""
    if height == 0:
        purpose = "to train on" if require_label else "to predict"
        raise MatchDataError(f"the file has a header but no matches {purpose}")


def check_max_rows(matches: int, max_rows: int | None) -> None:
    """Refuse uploads with more matches than allowed."""
    if max_rows is not None and matches > max_rows:
        raise MatchDataError(
            f"the file has {matches:,} matches; the limit is {max_rows:,} per upload"
        )


def first_duplicate_hero(heroes: pl.DataFrame) -> tuple[int, str, str] | None:
    """(row index, first column, second column) of the first row picking a hero twice."""
    columns = heroes.columns
    pairs = [(a, b) for i, a in enumerate(columns) for b in columns[i + 1 :]]
    flags = heroes.select(pl.any_horizontal(pl.col(a) == pl.col(b) for a, b in pairs)).to_series()
    hits = flags.arg_true()
    if hits.len() == 0:
        return None
    index = int(hits[0])
    row = heroes.row(index, named=True)
    for a, b in pairs:
        if row[a] == row[b]:
            return index, a, b
    raise AssertionError("unreachable: a flagged row has a repeated hero")
