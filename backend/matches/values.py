"""Vectorised parsing of raw string columns, raising MatchDataError on the first bad value."""

from __future__ import annotations

import time
from collections.abc import Callable

import polars as pl

from backend.matches.errors import MatchDataError, rows_note
from backend.matches.heroes import hero_registry
from backend.matches.schema import MIN_MATCH_ID, ROW
from backend.text import clip

_TRUE_FALSE = {"true": True, "false": False, "1": True, "0": False}
# Spreadsheets and pandas write integers as "123.0" once a column has a gap.
_TRAILING_ZERO_FRACTION = r"\.0*$"
# SteamID64 = this base + 32-bit account id; people often paste the 64-bit form.
_STEAM64_BASE = 76561197960265728
_ANONYMOUS_ACCOUNT = 4294967295
# A match with a result may start at most this far past the server's clock (clock skew).
FUTURE_TOLERANCE_SECONDS = 15 * 60
# Beyond this a "unix seconds" value is really milliseconds (year 5138).
_MAX_UNIX_SECONDS = 10**11
_ISO_FORMATS = [
    "%Y-%m-%dT%H:%M:%S%.f%:z",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M%:z",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
]


def clean(raw: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """Trim whitespace and turn empty strings into nulls in the given string columns (columns
    read_typed already parsed as integers have neither)."""
    strings = [c for c in columns if raw.schema[c] == pl.String]
    trimmed = [pl.col(c).str.strip_chars() for c in strings]
    return raw.with_columns(
        pl.when(t.str.len_bytes() > 0).then(t).otherwise(None).alias(c)
        for c, t in zip(strings, trimmed, strict=True)
    )


def raise_bad(
    raw: pl.DataFrame, bad: pl.Series, column: str, problem: Callable[[str | None], str]
) -> None:
    """Raise for the first row where bad is true: 'row 5, column x: <problem(value)>'."""
    hits = raw.filter(bad.fill_null(False)).select(ROW, column)
    if hits.height == 0:
        return
    row, value = hits.row(0)
    value = None if value is None else clip(str(value))
    others = hits[ROW].to_list()[1:]
    also = f" (the same problem is in {rows_note(others)})" if others else ""
    message = f"row {row}, column {column}: {problem(value)}{also}"
    raise MatchDataError(message, column=column, row=row)


def _integers(raw: pl.DataFrame, column: str) -> pl.Series:
    if raw.schema[column].is_integer():  # read_typed parsed it already
        return raw[column].cast(pl.Int64)
    text = raw[column].str.replace(_TRAILING_ZERO_FRACTION, "")
    return text.cast(pl.Int64, strict=False)


def parse_int(raw: pl.DataFrame, column: str, *, required: bool) -> pl.Series:
    """Integers; empty is null unless required."""
    values = _integers(raw, column)
    if required:
        raise_bad(raw, raw[column].is_null(), column, lambda _: "the value is empty")
    bad = raw[column].is_not_null() & values.is_null()
    raise_bad(raw, bad, column, lambda v: f"'{v}' is not a whole number")
    return values


def parse_match_ids(raw: pl.DataFrame, column: str = "match_id") -> pl.Series:
    """Match ids: required whole numbers, not negative."""
    values = parse_int(raw, column, required=True)
    raise_bad(
        raw,
        values < MIN_MATCH_ID,
        column,
        lambda v: f"{v} is negative; match ids are {MIN_MATCH_ID} or more",
    )
    return values


def check_played(raw: pl.DataFrame, start_time: pl.Series, radiant_win: pl.Series) -> None:
    """A match with a result has been played: its start_time is not in the future (beyond
    FUTURE_TOLERANCE_SECONDS for clock skew). Matches without a result may be scheduled ones."""
    limit = int(time.time()) + FUTURE_TOLERANCE_SECONDS
    future = radiant_win.is_not_null() & (start_time > limit)
    raise_bad(
        raw.with_columns(start_time.alias("start_time")),
        future,
        "start_time",
        lambda v: (
            f"{v} is in the future, but the match has a result (radiant_win); "
            "a result can only be posted for a match that has been played"
        ),
    )


def parse_bool(raw: pl.DataFrame, column: str, *, required: bool) -> pl.Series:
    """true/false/1/0 in any case; when not required, bad or empty values become null."""
    values = (
        raw[column]
        .str.to_lowercase()
        .replace_strict(_TRUE_FALSE, default=None, return_dtype=pl.Boolean)
    )
    if required:
        hint = "use true/false or 1/0"
        raise_bad(raw, raw[column].is_null(), column, lambda _: f"the value is empty; {hint}")
        bad = values.is_null()
        raise_bad(raw, bad, column, lambda v: f"'{v}' is not a boolean; {hint}")
    return values


def parse_heroes(raw: pl.DataFrame, column: str) -> pl.Series:
    """Hero ids or names to Int16 ids; empty, 0 or unknown heroes are errors."""
    registry = hero_registry()
    # Resolve each distinct spelling once in Python; the column itself stays vectorised.
    distinct = raw[column].drop_nulls().unique().to_list()
    mapping = {value: registry.lookup(value) for value in distinct}
    known = {k: v for k, v in mapping.items() if v is not None}
    values = raw[column].replace_strict(known, default=None, return_dtype=pl.Int16)
    raise_bad(raw, values.is_null(), column, lambda v: registry.problem(v or ""))
    return values


def _accounts(values: pl.Series) -> tuple[pl.Series, pl.Series]:
    """The account-id rule, once: (normalised ids with unknowns as null, too-big mask).

    SteamID64 values are converted to the 32-bit id; 0, negative ids and the anonymous id
    4294967295 mean "unknown player" (null); anything else above 32 bits is an error.
    """
    values = pl.select(
        pl.when(values >= _STEAM64_BASE).then(values - _STEAM64_BASE).otherwise(values)
    ).to_series()
    too_big = values.is_not_null() & (values > _ANONYMOUS_ACCOUNT)
    unknown = (values <= 0) | (values == _ANONYMOUS_ACCOUNT)
    normalised = pl.select(pl.when(unknown | too_big).then(None).otherwise(values)).to_series()
    return normalised, too_big


def parse_accounts(raw: pl.DataFrame, column: str) -> pl.Series:
    """32-bit Steam account ids; empty, 0, negative and the anonymous id become null."""
    values, too_big = _accounts(parse_int(raw, column, required=False))
    raise_bad(raw, too_big, column, lambda v: f"'{v}' is not a Steam account id (32-bit)")
    return values.alias(column)


def account_id(value: int | None, where: str = "account_id") -> int | None:
    """One account id (e.g. from a draft) by exactly the rule of a CSV column (_accounts).

    Plain Python (a one-value polars frame costs ~1 ms, ten of them dominated a /predict);
    tests/matches/test_matches_value_parity.py checks it against _accounts value by value.
    """
    if value is None:
        return None
    if not -(2**63) <= value < 2**63:
        raise MatchDataError(f"{where}: {value} is not a Steam account id (32-bit)", column=where)
    normalised = value - _STEAM64_BASE if value >= _STEAM64_BASE else value
    if normalised > _ANONYMOUS_ACCOUNT:
        raise MatchDataError(f"{where}: {value} is not a Steam account id (32-bit)", column=where)
    if normalised <= 0 or normalised == _ANONYMOUS_ACCOUNT:
        return None
    return int(normalised)


def _iso_seconds(text: pl.Series) -> pl.Series:
    normal = text.str.replace(r"[zZ]$", "+00:00").str.replace(" ", "T", literal=True)
    parsed = [
        normal.str.to_datetime(fmt, strict=False, time_unit="us").dt.epoch("s")
        for fmt in _ISO_FORMATS
    ]
    return pl.select(pl.coalesce(parsed)).to_series()


def parse_start_time(raw: pl.DataFrame, column: str) -> pl.Series:
    """Unix seconds or ISO 8601 (naive = UTC) to Int64 unix seconds; empty is null."""
    values = _integers(raw, column)
    needs_iso = raw[column].is_not_null() & values.is_null()
    if needs_iso.any():
        values = values.fill_null(_iso_seconds(raw[column]))
    hint = "use unix seconds (e.g. 1608174691) or ISO 8601 (e.g. 2020-12-17T03:11:31Z)"
    bad = raw[column].is_not_null() & values.is_null()
    raise_bad(raw, bad, column, lambda v: f"'{v}' is not a time; {hint}")
    implausible = (values < 0) | (values > _MAX_UNIX_SECONDS)
    raise_bad(raw, implausible, column, lambda v: f"{v} is out of range; {hint}")
    return values.alias(column)
