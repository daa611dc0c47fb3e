"""Fixtures shared by the results-ingestion and monitoring tests (helpers: results_support)."""

from __future__ import annotations

import polars as pl
import pytest


@pytest.fixture(scope="module")
def ordered(real_matches: pl.DataFrame) -> pl.DataFrame:
    """Bundled matches by match id; the latest 2,700 all have a start_time."""
    return real_matches.sort("match_id")


@pytest.fixture(scope="module")
def later(ordered: pl.DataFrame) -> pl.DataFrame:
    """The 1,500 latest matches: after either module's training slice (results to post)."""
    return ordered.tail(1500)
