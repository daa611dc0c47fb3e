"""Stored match results: ingestion (idempotent by match_id) and reading them back in order."""

from backend.results.store import (
    SEQ,
    IngestOutcome,
    insert_results,
    results_frame,
    results_since,
    results_version,
)

__all__ = [
    "SEQ",
    "IngestOutcome",
    "insert_results",
    "results_frame",
    "results_since",
    "results_version",
]
