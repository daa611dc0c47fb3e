"""Checks that matches are usable for training, and the summary of what was trained on."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import polars as pl

from backend.ml.frame import prepare_matches

MIN_MATCHES = 50


class TrainingDataError(ValueError):
    """The matches cannot be used for training; the message says why."""


def check_training_data(matches: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """Validated canonical frame without duplicate match ids, and the number of input rows."""
    if not isinstance(matches, pl.DataFrame):
        raise TrainingDataError("matches must be a polars DataFrame in the canonical format")
    try:
        frame = prepare_matches(matches, require_label=False)
    except ValueError as exc:
        raise TrainingDataError(str(exc)) from exc
    missing = frame["radiant_win"].null_count()
    if missing:
        raise TrainingDataError(
            f"{missing} of {frame.height} matches have no radiant_win; training needs every "
            "match labelled"
        )
    rows = frame.height
    # A repeated match would be both "earlier" evidence and a training row for itself.
    frame = frame.unique(subset="match_id", keep="first", maintain_order=True)
    if frame.height < MIN_MATCHES:
        raise TrainingDataError(
            f"need at least {MIN_MATCHES} labelled matches to train; got {frame.height}"
        )
    wins = int(frame["radiant_win"].sum())
    if wins in (0, frame.height):
        raise TrainingDataError("all matches have the same winner; both outcomes are needed")
    return frame, rows


def _iso(seconds: Any) -> str | None:
    if seconds is None:
        return None
    return datetime.fromtimestamp(int(seconds), UTC).isoformat().replace("+00:00", "Z")


def data_summary(frame: pl.DataFrame, input_rows: int, known_players: int) -> dict[str, Any]:
    """What the model was trained on (JSON-ready)."""
    starts = frame["start_time"]
    return {
        "rows": int(input_rows),
        "matches": int(frame.height),
        "start_time_min": _iso(starts.min()),
        "start_time_max": _iso(starts.max()),
        "match_id_min": int(frame["match_id"].min()),  # type: ignore[arg-type]
        "match_id_max": int(frame["match_id"].max()),  # type: ignore[arg-type]
        "radiant_win_rate": float(frame["radiant_win"].cast(pl.Float64).mean()),  # type: ignore[arg-type]
        "known_players": int(known_players),
    }
