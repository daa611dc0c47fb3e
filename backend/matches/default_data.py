"""The bundled default training set (pro matches with account ids, two files by licence)."""

from __future__ import annotations

import functools
import gzip

import polars as pl

from backend.matches.csv_reader import read_matches
from backend.matches.resources import DEFAULT_MATCH_FILES


@functools.cache
def _default_matches() -> pl.DataFrame:
    parts = [
        read_matches(gzip.decompress(path.read_bytes()), require_label=True)
        for path in DEFAULT_MATCH_FILES
    ]
    return pl.concat(parts).sort("match_id")


def load_default_matches() -> pl.DataFrame:
    """The bundled matches as a canonical frame (parsed once; each caller gets its own copy)."""
    # clone() is cheap (shared buffers) and stops in-place edits leaking into the cache.
    return _default_matches().clone()
