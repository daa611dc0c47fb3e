"""The optional market column: a bookmaker's implied P(Radiant wins) per match of a file."""

from __future__ import annotations

import polars as pl

from backend.matches.errors import MatchDataError
from backend.matches.raw import read_raw
from backend.matches.schema import ROW

MARKET_COLUMN = "radiant_win_probability_market"


def read_market(data: bytes) -> pl.DataFrame | None:
    """``match_id`` and ``market`` (a probability in [0, 1]) when the file has the column.

    Only rows with a value are returned (a match without odds is scored without a market
    row). A value that is not a probability is a 400 naming column and row. Files in the
    one-row-per-player shape carry the value on each player's row; the first one counts.
    """
    head = data[: data.find(b"\n") + 1 or len(data)].lower()
    if MARKET_COLUMN.encode() not in head:
        return None
    raw = read_raw(data)
    if MARKET_COLUMN not in raw.columns or "match_id" not in raw.columns:
        return None
    values = raw.select(
        ROW,
        pl.col("match_id").str.strip_chars().cast(pl.Int64, strict=False).alias("match_id"),
        pl.col(MARKET_COLUMN).str.strip_chars().alias("text"),
    ).filter(pl.col("text").is_not_null() & (pl.col("text") != ""))
    values = values.with_columns(pl.col("text").cast(pl.Float64, strict=False).alias("market"))
    bad = values.filter(
        pl.col("market").is_null()
        | pl.col("market").is_nan()
        | (pl.col("market") < 0)
        | (pl.col("market") > 1)
    )
    if bad.height:
        row = int(bad[ROW][0])
        raise MatchDataError(
            f"{MARKET_COLUMN} must be a probability between 0 and 1 (row {row}: "
            f"{str(bad['text'][0])[:40]!r})",
            column=MARKET_COLUMN,
            row=row,
        )
    return (
        values.filter(pl.col("match_id").is_not_null())
        .unique(subset="match_id", keep="first", maintain_order=True)
        .select("match_id", "market")
    )
