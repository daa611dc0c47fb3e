"""The canonical frame as canonical CSV: what is stored when a file was read with a mapping."""

from __future__ import annotations

import polars as pl

from backend.matches.schema import CANONICAL_COLUMNS


def canonical_csv(frame: pl.DataFrame) -> bytes:
    """Canonical CSV that read_matches reads back to the same frame."""
    return frame.select(CANONICAL_COLUMNS).write_csv(line_terminator="\n").encode("utf-8")
