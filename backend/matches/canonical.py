"""The one-row-per-match upload format."""

from __future__ import annotations

import polars as pl

from backend.matches.errors import MatchDataError, rows_note
from backend.matches.formats import (
    check_max_rows,
    check_not_empty,
    first_duplicate_hero,
    require_columns,
)
from backend.matches.heroes import hero_registry
from backend.matches.schema import (
    ACCOUNT_COLUMNS,
    CANONICAL_COLUMNS,
    CANONICAL_SCHEMA,
    HERO_COLUMNS,
    ROW,
)
from backend.matches.values import (
    check_played,
    clean,
    parse_accounts,
    parse_bool,
    parse_heroes,
    parse_match_ids,
    parse_start_time,
)


def _check_unique_ids(raw: pl.DataFrame, match_id: pl.Series) -> None:
    repeated = match_id.is_duplicated()
    if not repeated.any():
        return
    first = match_id.filter(repeated)[0]
    rows = raw[ROW].filter(match_id == first).to_list()
    times = "twice" if len(rows) == 2 else f"{len(rows)} times"
    raise MatchDataError(
        f"match_id {first} appears {times}, in {rows_note(rows)}; each match must appear once",
        column="match_id",
        row=rows[1],
    )


def _check_repeated_heroes(frame: pl.DataFrame, rows: pl.Series) -> None:
    found = first_duplicate_hero(frame.select(HERO_COLUMNS))
    if found is None:
        return
    index, first, second = found
    hero_id = frame[first][index]
    hero = hero_registry().name(hero_id)
    row = rows[index]
    raise MatchDataError(
        f"row {row} (match {frame['match_id'][index]}): {hero} (id {hero_id}) appears twice, "
        f"in {first} and {second}; a hero can be picked only once per match",
        column=second,
        row=row,
    )


def _check_repeated_players(frame: pl.DataFrame, rows: pl.Series) -> None:
    present = [c for c in ACCOUNT_COLUMNS if frame[c].null_count() < frame.height]
    if len(present) < 2:
        return
    found = first_duplicate_hero(frame.select(present))  # nulls (unknown players) never match
    if found is None:
        return
    index, first, second = found
    row = rows[index]
    raise MatchDataError(
        f"row {row} (match {frame['match_id'][index]}): account {frame[first][index]} plays "
        f"twice, in {first} and {second}; a player is in a match only once",
        column=second,
        row=row,
    )


def read_canonical(raw: pl.DataFrame, *, require_label: bool, max_rows: int | None) -> pl.DataFrame:
    """Validate and convert a one-row-per-match raw frame."""
    required = ["match_id", *(["radiant_win"] if require_label else []), *HERO_COLUMNS]
    require_columns(raw.columns, [c for c in required if c not in raw.columns], per_player=False)
    check_not_empty(raw.height, require_label=require_label)
    check_max_rows(raw.height, max_rows)
    present = [c for c in CANONICAL_COLUMNS if c in raw.columns]
    raw = clean(raw.select(ROW, *present), present)

    match_id = parse_match_ids(raw)
    _check_unique_ids(raw, match_id)
    parsed: dict[str, pl.Series] = {"match_id": match_id}
    if "start_time" in raw.columns:
        parsed["start_time"] = parse_start_time(raw, "start_time")
    if "radiant_win" in raw.columns:
        parsed["radiant_win"] = parse_bool(raw, "radiant_win", required=require_label)
    if "start_time" in parsed and "radiant_win" in parsed:
        check_played(raw, parsed["start_time"], parsed["radiant_win"])
    for column in HERO_COLUMNS:
        parsed[column] = parse_heroes(raw, column)
    for column in ACCOUNT_COLUMNS:
        if column in raw.columns:
            parsed[column] = parse_accounts(raw, column)

    frame = pl.DataFrame(
        [
            parsed[c].alias(c).cast(t) if c in parsed else pl.Series(c, [None] * raw.height, t)
            for c, t in CANONICAL_SCHEMA.items()
        ]
    )
    _check_repeated_heroes(frame, raw[ROW])
    _check_repeated_players(frame, raw[ROW])
    return frame
