"""The one-row-per-player upload format, pivoted to one row per match."""

from __future__ import annotations

import polars as pl

from backend.matches.errors import MatchDataError, rows_note
from backend.matches.formats import check_max_rows, check_not_empty, require_columns
from backend.matches.heroes import hero_registry
from backend.matches.schema import (
    CANONICAL_SCHEMA,
    DIRE_ACCOUNTS,
    DIRE_HEROES,
    PER_PLAYER_COLUMNS,
    RADIANT_ACCOUNTS,
    RADIANT_HEROES,
    ROW,
)
from backend.matches.values import (
    check_played,
    clean,
    parse_accounts,
    parse_bool,
    parse_heroes,
    parse_int,
    parse_match_ids,
    parse_start_time,
    raise_bad,
)


def _side(raw: pl.DataFrame, column: str) -> tuple[pl.Series, pl.Series]:
    """(is_radiant, order within the side) from is_radiant or player_slot."""
    if column == "is_radiant":
        return parse_bool(raw, column, required=True), raw[ROW]
    slot = parse_int(raw, column, required=True)
    # 0-4 radiant; 128-132 dire (Valve); 5-9 dire (the 0-9 convention some exports use).
    valid = slot.is_between(0, 9) | slot.is_between(128, 132)
    raise_bad(
        raw,
        ~valid,
        column,
        lambda v: f"player_slot {v} is not 0-4 (radiant) or 128-132 / 5-9 (dire)",
    )
    return (slot <= 4).alias("is_radiant"), slot


def _match_error(players: pl.DataFrame, match_id: int, column: str, problem: str) -> MatchDataError:
    # Row lists are gathered only here, on the error path, to keep the happy path cheap.
    rows = players.filter(pl.col("match_id") == match_id)[ROW].to_list()
    return MatchDataError(
        f"match {match_id} ({rows_note(rows)}): {problem}", column=column, row=rows[0]
    )


def _check_sides(players: pl.DataFrame, column: str) -> None:
    counts = players.group_by("match_id", maintain_order=True).agg(
        radiant=pl.col("is_radiant").sum(), total=pl.len()
    )
    bad = counts.filter((pl.col("radiant") != 5) | (pl.col("total") - pl.col("radiant") != 5))
    if bad.height:
        match = bad.row(0, named=True)
        dire = match["total"] - match["radiant"]
        problem = (
            f"{match['radiant']} radiant and {dire} dire players; "
            "each match needs exactly 5 rows per side"
        )
        raise _match_error(players, match["match_id"], column, problem)


def _check_repeated_heroes(players: pl.DataFrame) -> None:
    repeated = players.filter(pl.len().over("match_id", "hero_id") > 1)
    if repeated.height:
        first = repeated.row(0, named=True)
        same = repeated.filter(
            (pl.col("match_id") == first["match_id"]) & (pl.col("hero_id") == first["hero_id"])
        )[ROW].to_list()
        hero = hero_registry().name(first["hero_id"])
        problem = (
            f"{hero} (id {first['hero_id']}) appears twice, in {rows_note(same)}; "
            "a hero can be picked only once per match"
        )
        raise MatchDataError(
            f"match {first['match_id']}: {problem}", column="hero_id", row=same[-1]
        )


def _check_repeated_players(players: pl.DataFrame) -> None:
    known = players.filter(pl.col("account_id").is_not_null())
    repeated = known.filter(pl.len().over("match_id", "account_id") > 1)
    if repeated.height:
        first = repeated.row(0, named=True)
        same = repeated.filter(
            (pl.col("match_id") == first["match_id"])
            & (pl.col("account_id") == first["account_id"])
        )[ROW].to_list()
        raise MatchDataError(
            f"match {first['match_id']}: account {first['account_id']} plays twice, in "
            f"{rows_note(same)}; a player is in a match only once",
            column="account_id",
            row=same[-1],
        )


def _labels(players: pl.DataFrame, column: str | None, *, require_label: bool) -> pl.DataFrame:
    """One radiant_win per match; disagreements raise when training and are nulls otherwise."""
    if column is None:
        return players.group_by("match_id", maintain_order=True).agg(
            radiant_win=pl.lit(None, pl.Boolean)
        )
    label = pl.col("label").drop_nulls()
    radiant = pl.col("is_radiant")
    per_match = players.group_by("match_id", maintain_order=True).agg(
        all_n=label.n_unique(),
        all_v=label.first(),
        rad_n=label.filter(radiant).n_unique(),
        rad_v=label.filter(radiant).first(),
        dire_n=label.filter(~radiant).n_unique(),
        dire_v=label.filter(~radiant).first(),
    )
    if column == "radiant_win":
        consistent = pl.col("all_n") == 1
        value = pl.col("all_v")
    else:
        # Each side agrees within itself and the two sides are opposite.
        agree = (pl.col("rad_n") == 1) & (pl.col("dire_n") == 1)
        consistent = agree & (pl.col("rad_v") != pl.col("dire_v"))
        value = pl.col("rad_v")
    if require_label:
        bad = per_match.filter(~consistent)
        if bad.height:
            match = bad.row(0, named=True)
            raise _match_error(players, match["match_id"], column, _label_problem(match, column))
    return per_match.select("match_id", radiant_win=pl.when(consistent).then(value))


def _label_problem(match: dict[str, object], column: str) -> str:
    if column == "radiant_win":
        return "radiant_win differs between its rows; give the same value on every row"
    for side in ("rad", "dire"):
        if match[f"{side}_n"] != 1:
            name = "radiant" if side == "rad" else "dire"
            return f"the {name} players disagree on win; all five must have the same value"
    return (
        f"both sides have win={str(match['rad_v']).lower()}; one side must win and the other lose"
    )


ROW_ORDER_NOTE = (
    "the file has no side column: in each match the first five rows are taken as radiant and "
    "the next five as dire (checked: each block of five agrees on win, and the blocks differ)"
)


def _side_from_order(raw: pl.DataFrame) -> pl.DataFrame:
    """is_radiant from row order: the first five rows of each match (in file order) are radiant."""
    if "win" not in raw.columns:
        raise MatchDataError(
            "per-player rows without is_radiant or player_slot need each player's win to check "
            "the side taken from row order (first five rows radiant)",
            column="win",
        )
    position = pl.int_range(pl.len()).over(pl.col("match_id").str.strip_chars())
    return raw.with_columns(
        is_radiant=pl.when(position < 5).then(pl.lit("true")).otherwise(pl.lit("false"))
    )


def read_per_player(
    raw: pl.DataFrame,
    *,
    require_label: bool,
    max_rows: int | None,
    side_from_order: bool = False,
) -> pl.DataFrame:
    """Validate a one-row-per-player raw frame and pivot it to canonical."""
    if side_from_order and "match_id" in raw.columns:
        raw = _side_from_order(raw)
    columns = raw.columns
    side = next((c for c in ("is_radiant", "player_slot") if c in columns), None)
    label = next((c for c in ("radiant_win", "win") if c in columns), None)
    missing = [c for c in ("match_id", "hero_id") if c not in columns]
    missing += [] if side else ["is_radiant or player_slot"]
    missing += ["radiant_win or win"] if require_label and label is None else []
    require_columns(columns, missing, per_player=True)
    assert side is not None
    check_not_empty(raw.height, require_label=require_label)
    present = [c for c in PER_PLAYER_COLUMNS if c in columns]
    raw = clean(raw.select(ROW, *present), present)

    match_id = parse_match_ids(raw)
    check_max_rows(match_id.n_unique(), max_rows)
    is_radiant, order = _side(raw, side)
    nulls = pl.Series([None] * raw.height, dtype=pl.Int64)
    nulls_bool = pl.Series([None] * raw.height, dtype=pl.Boolean)
    players = pl.DataFrame(
        {
            ROW: raw[ROW],
            "match_id": match_id,
            "hero_id": parse_heroes(raw, "hero_id"),
            "account_id": parse_accounts(raw, "account_id") if "account_id" in columns else nulls,
            "start_time": parse_start_time(raw, "start_time") if "start_time" in columns else nulls,
            "is_radiant": is_radiant,
            "order": order,
            "label": parse_bool(raw, label, required=require_label) if label else nulls_bool,
        }
    )
    _check_sides(players, side)
    _check_repeated_heroes(players)
    _check_repeated_players(players)
    check_played(raw, players["start_time"], players["label"])
    # Sides taken from row order are trusted only when every match's win blocks confirm them.
    checked = require_label or side_from_order
    labels = _labels(players, label, require_label=checked)

    # Radiant rows first, then dire, each in slot (or file) order: 10 rows per match.
    ordered = players.sort(
        pl.col(ROW).min().over("match_id"), pl.col("is_radiant").not_(), "order", ROW
    )
    wide: dict[str, pl.Series] = {}
    for offset, (hero, account) in enumerate(
        zip(RADIANT_HEROES + DIRE_HEROES, RADIANT_ACCOUNTS + DIRE_ACCOUNTS, strict=True)
    ):
        wide[hero] = ordered["hero_id"].gather_every(10, offset)
        wide[account] = ordered["account_id"].gather_every(10, offset)
    matches = ordered.group_by("match_id", maintain_order=True).agg(
        start_time=pl.col("start_time").drop_nulls().first()
    )
    frame = matches.join(labels, on="match_id", how="left", maintain_order="left")
    return frame.with_columns(**wide).select(pl.col(c).cast(t) for c, t in CANONICAL_SCHEMA.items())
