"""Read a match CSV (one row per match, or one row per player) into one canonical polars frame."""

from __future__ import annotations

import gzip
import io
from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

SIDES = ("radiant", "dire")
RADIANT_HEROES = [f"radiant_hero_{i}" for i in range(1, 6)]
DIRE_HEROES = [f"dire_hero_{i}" for i in range(1, 6)]
HERO_COLUMNS = RADIANT_HEROES + DIRE_HEROES
ACCOUNT_COLUMNS = [f"{side}_account_id_{i}" for side in SIDES for i in range(1, 6)]
# SteamID64 = this base + the 32-bit account id; 4294967295 is Valve's "anonymous".
_STEAM64_BASE = 76561197960265728
_ANONYMOUS = {0, 4294967295}
_BOOLS = {"true": True, "false": False, "1": True, "0": False, "t": True, "f": False}


class MatchFileError(ValueError):
    """The file cannot be read as matches; the message says what is missing."""


@dataclass(frozen=True)
class LoadedMatches:
    """A canonical frame plus what reading the file found."""

    frame: pl.DataFrame
    layout: str  # "one row per match" or "one row per player"
    skipped: int  # matches dropped for an incomplete or repeated draft, or a repeated match_id
    has_label: bool
    has_start_time: bool
    has_duration: bool


def _text(column: str) -> pl.Expr:
    return pl.col(column).str.strip_chars()


def _int(column: str) -> pl.Expr:
    # Spreadsheets write integers as "123.0" once a column has a gap.
    return _text(column).str.replace(r"\.0*$", "").cast(pl.Int64, strict=False)


def _bool(column: str) -> pl.Expr:
    return _text(column).str.to_lowercase().replace_strict(_BOOLS, default=None)


def _hero(column: str, lookup: Mapping[str, int]) -> pl.Expr:
    by_name = _text(column).str.to_lowercase().replace_strict(dict(lookup), default=None)
    return pl.coalesce(_int(column), by_name.cast(pl.Int64)).alias(column)


def _account(column: str) -> pl.Expr:
    value = _int(column)
    value = pl.when(value >= _STEAM64_BASE).then(value - _STEAM64_BASE).otherwise(value)
    return pl.when(value.is_in(list(_ANONYMOUS))).then(None).otherwise(value).alias(column)


def _start_time(raw: pl.DataFrame, column: str) -> pl.Expr:
    """Unix seconds (or milliseconds) or ISO 8601 text, as a UTC datetime."""
    seconds = _int(column)
    seconds = pl.when(seconds > 10**11).then(seconds // 1000).otherwise(seconds)
    parsed = pl.from_epoch(seconds, time_unit="s").dt.replace_time_zone("UTC")
    parsed = parsed.dt.cast_time_unit("us")
    # Text parsing is the slow part: only when some value is not a number.
    if raw.select((_int(column).is_null() & (_text(column) != "")).any()).item():
        text = _text(column).str.to_datetime(strict=False, time_zone="UTC", time_unit="us")
        parsed = pl.coalesce(parsed, text)
    return parsed.alias("start_time")


def _read_raw(content: bytes) -> pl.DataFrame:
    if content[:2] == b"\x1f\x8b":
        content = gzip.decompress(content)
    try:
        raw = pl.read_csv(io.BytesIO(content), infer_schema=False, truncate_ragged_lines=True)
    except (pl.exceptions.PolarsError, UnicodeDecodeError) as exc:
        raise MatchFileError(f"not a readable CSV file: {exc}") from exc
    return raw.rename({c: c.strip().lower() for c in raw.columns})


_OPTIONAL: dict[str, pl.DataType] = {
    "radiant_win": pl.Boolean(),
    "start_time": pl.Datetime("us", "UTC"),
    "duration": pl.Float64(),
}
CANONICAL = ["match_id", *_OPTIONAL, *HERO_COLUMNS, *ACCOUNT_COLUMNS]


def _duration(column: str) -> pl.Expr:
    return _text(column).cast(pl.Float64, strict=False).alias("duration")


def _per_match(raw: pl.DataFrame, lookup: Mapping[str, int]) -> pl.DataFrame:
    columns = raw.columns
    exprs = [_int("match_id").alias("match_id"), *(_hero(c, lookup) for c in HERO_COLUMNS)]
    exprs += [_account(c) for c in ACCOUNT_COLUMNS if c in columns]
    if "radiant_win" in columns:
        exprs.append(_bool("radiant_win").alias("radiant_win"))
    if "start_time" in columns:
        exprs.append(_start_time(raw, "start_time"))
    if "duration" in columns:
        exprs.append(_duration("duration"))
    return raw.select(exprs)


def _side(columns: list[str]) -> tuple[pl.Expr, pl.Expr]:
    """(is_radiant, order within the side) from is_radiant or player_slot."""
    if "is_radiant" in columns:
        return _bool("is_radiant"), pl.int_range(pl.len())
    if "player_slot" not in columns:
        raise MatchFileError("a one-row-per-player file needs is_radiant or player_slot")
    slot = _int("player_slot")  # 0-4 radiant; 128-132 (Valve) or 5-9 dire
    return pl.when(slot.is_between(0, 9) | slot.is_between(128, 132)).then(slot <= 4), slot


def _per_player(raw: pl.DataFrame, lookup: Mapping[str, int]) -> pl.DataFrame:
    columns = raw.columns
    is_radiant, order = _side(columns)
    label = pl.lit(None, pl.Boolean)
    if "radiant_win" in columns:
        label = _bool("radiant_win")
    elif "win" in columns:  # the player's own result, turned into Radiant's
        label = pl.when(is_radiant).then(_bool("win")).otherwise(_bool("win").not_())
    extra = [_start_time(raw, "start_time")] if "start_time" in columns else []
    extra += [_duration("duration")] if "duration" in columns else []
    account = _account("account_id") if "account_id" in columns else pl.lit(None, pl.Int64)
    players = raw.select(
        _int("match_id").alias("match_id"),
        _hero("hero_id", lookup).alias("hero_id"),
        is_radiant.alias("is_radiant"),
        order.alias("order"),
        label.alias("label"),
        account.alias("account_id"),
        pl.int_range(pl.len()).alias("row"),
        *extra,
    ).drop_nulls(["match_id", "is_radiant"])
    # Radiant first, then dire, each in slot (or file) order; matches in file order.
    players = players.sort(
        pl.col("row").min().over("match_id"), pl.col("is_radiant").not_(), "order"
    )
    radiant = pl.col("is_radiant")
    lists = {
        "radiant_hero": pl.col("hero_id").filter(radiant),
        "dire_hero": pl.col("hero_id").filter(~radiant),
        "radiant_account_id": pl.col("account_id").filter(radiant),
        "dire_account_id": pl.col("account_id").filter(~radiant),
    }
    matches = players.group_by("match_id", maintain_order=True).agg(
        pl.len().alias("players"),
        radiant.sum().alias("radiant_players"),
        pl.col("label").drop_nulls().first().alias("radiant_win"),
        *(pl.col(c).drop_nulls().first() for c in ("start_time", "duration") if c in players),
        **lists,
    )
    complete = (pl.col("players") == 10) & (pl.col("radiant_players") == 5)
    return matches.filter(complete).select(
        pl.exclude("players", "radiant_players", *lists),
        *(pl.col(name).list.get(i).alias(f"{name}_{i + 1}") for name in lists for i in range(5)),
    )


def _canonical(frame: pl.DataFrame) -> pl.DataFrame:
    """Every canonical column in a fixed order; absent ones are null."""
    missing = [pl.lit(None, pl.Int64).alias(c) for c in ACCOUNT_COLUMNS if c not in frame]
    missing += [pl.lit(None, t).alias(c) for c, t in _OPTIONAL.items() if c not in frame]
    return frame.with_columns(missing).select(CANONICAL)


def read_matches(content: bytes, lookup: Mapping[str, int] | None = None) -> LoadedMatches:
    """Parse CSV bytes (optionally gzipped); lookup maps lower-case hero names to ids."""
    raw = _read_raw(content)
    lookup = lookup or {}
    if "match_id" not in raw.columns:
        raise MatchFileError("the file has no match_id column")
    if all(c in raw.columns for c in HERO_COLUMNS):
        layout, frame = "one row per match", _per_match(raw, lookup)
    elif "hero_id" in raw.columns:
        layout, frame = "one row per player", _per_player(raw, lookup)
    else:
        missing = [c for c in HERO_COLUMNS if c not in raw.columns]
        raise MatchFileError(
            f"expected radiant_hero_1..5 and dire_hero_1..5 (one row per match; missing "
            f"{', '.join(missing[:3])}…) or match_id, hero_id and is_radiant/player_slot "
            "(one row per player)"
        )
    seen = raw.select(_int("match_id").n_unique()).item()
    complete = pl.concat_list(HERO_COLUMNS).list.drop_nulls().list.n_unique() == 10
    frame = _canonical(frame).filter(pl.col("match_id").is_not_null() & complete)
    frame = frame.unique("match_id", keep="first", maintain_order=True)
    if frame.is_empty():
        raise MatchFileError(f"no complete match in the file ({layout}; {raw.height} rows read)")

    def present(column: str) -> bool:
        return frame[column].null_count() < frame.height

    return LoadedMatches(
        frame=frame,
        layout=layout,
        skipped=seen - frame.height,
        has_label=present("radiant_win"),
        has_start_time=present("start_time"),
        has_duration=present("duration"),
    )
