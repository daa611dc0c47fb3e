"""The UCI "Dota2 Games Results" (2016) files: no header, no match ids, team 1 taken as radiant.

Original: 117 columns (win, cluster_id, game_mode, game_type, then hero columns 1..113 holding
1 = team 1, -1 = team 2, 0 = not picked). Compact: 14 columns (the same four, then five hero
ids i for team 1 and five -j for team 2). Hero column i is hero id i. The files have no match
id, so match_id is the row number (1-based), and no time.
"""

from __future__ import annotations

import re

import numpy as np
import polars as pl

from backend.matches.errors import MatchDataError
from backend.matches.schema import DIRE_HEROES, RADIANT_HEROES, ROW

COMPACT_COLUMNS = 14
ORIGINAL_COLUMNS = 117
_HEADERLESS_NUMBERS = re.compile(rb"^\s*[+-]?\d+(\s*,\s*[+-]?\d+)+\s*$")


def uci_width(data: bytes) -> int | None:
    """14 or 117 when the first line is a UCI row (all integers, no header), else None."""
    first = data.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].rstrip(b"\r")
    if not _HEADERLESS_NUMBERS.match(first):
        return None
    width = first.count(b",") + 1
    return width if width in (COMPACT_COLUMNS, ORIGINAL_COLUMNS) else None


def _numbers(data: bytes, width: int) -> np.ndarray:
    try:
        frame = pl.read_csv(data, has_header=False, infer_schema=False)
    except (pl.exceptions.PolarsError, ValueError):
        raise MatchDataError(
            f"the file looks like UCI rows ({width} numbers) but does not parse"
        ) from None
    if frame.width != width:
        raise MatchDataError(f"UCI rows have {width} numbers; this file has {frame.width}")
    values = frame.select(pl.all().str.strip_chars().cast(pl.Int64, strict=False))
    bad = values.select(pl.any_horizontal(pl.all().is_null())).to_series().arg_true()
    if bad.len():
        row = int(bad[0]) + 1
        raise MatchDataError(f"row {row}: UCI rows hold whole numbers only", row=row)
    return values.to_numpy()


def _fail(rows: np.ndarray, problem: str) -> None:
    if rows.size:
        row = int(rows[0]) + 1
        raise MatchDataError(f"row {row}: {problem}", row=row, column="heroes")


def read_uci(data: bytes, width: int) -> pl.DataFrame:
    """A raw frame under our column names (strings), for the canonical reader."""
    values = _numbers(data, width)
    win = values[:, 0]
    _fail(np.flatnonzero(~np.isin(win, (1, -1))), "win must be 1 (team 1 won) or -1")
    if width == COMPACT_COLUMNS:
        radiant, dire = values[:, 4:9], -values[:, 9:14]
        _fail(
            np.flatnonzero((radiant <= 0).any(axis=1) | (dire <= 0).any(axis=1)),
            "a compact UCI row has five positive then five negative hero indices",
        )
    else:
        heroes = values[:, 4:]
        counts_ok = ((heroes == 1).sum(axis=1) == 5) & ((heroes == -1).sum(axis=1) == 5)
        _fail(np.flatnonzero(~counts_ok), "a UCI row needs exactly five 1s and five -1s")
        ids = np.arange(1, heroes.shape[1] + 1)
        radiant = np.broadcast_to(ids, heroes.shape)[heroes == 1].reshape(-1, 5)
        dire = np.broadcast_to(ids, heroes.shape)[heroes == -1].reshape(-1, 5)
    rows = np.arange(1, values.shape[0] + 1)
    columns: dict[str, pl.Series] = {
        ROW: pl.Series(ROW, rows, pl.Int64),
        "match_id": pl.Series("match_id", rows).cast(pl.String),
        "radiant_win": pl.Series("radiant_win", np.where(win == 1, "true", "false")),
    }
    for i, name in enumerate(RADIANT_HEROES):
        columns[name] = pl.Series(name, radiant[:, i]).cast(pl.String)
    for i, name in enumerate(DIRE_HEROES):
        columns[name] = pl.Series(name, dire[:, i]).cast(pl.String)
    return pl.DataFrame(columns)
