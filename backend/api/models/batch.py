"""predict_csv as a stream: parse off the event loop, then predict and encode chunk by chunk.

The whole file is parsed and validated first (a bad file is still one clear 400), in a worker
thread; predictions are then made CHUNK_ROWS matches at a time as the response is sent, each chunk
in a worker thread (Litestar runs a sync iterator's steps off the loop), so the event loop keeps
answering other requests and only one chunk's features are in memory at a time. The JSON and CSV
bodies are exactly what the non-streamed response was: `{"model_id", "predictions": [...],
"quality"}` in file order, or the CSV with a header.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

import msgspec
import numpy as np
import polars as pl
from litestar.response import Stream

from backend.api.models.schemas import PredictionQuality
from backend.api.uploads import data_error
from backend.matches import MatchDataError, read_matches
from backend.ml.metrics import prediction_scores

if TYPE_CHECKING:
    from backend.ml import TrainedModel

CHUNK_ROWS = 5_000  # ~25 MB of feature arrays per chunk (20k: 12x the file at 100k rows)
CSV_HEADER = b"match_id,radiant_win_probability,winner,model_id\n"


class _Row(msgspec.Struct):
    """One element of "predictions" (same keys and order as MatchPrediction)."""

    match_id: int
    radiant_win_probability: float
    winner: str


def parse(data: bytes, max_rows: int) -> pl.DataFrame:
    """The canonical frame of an upload (run in a thread); a bad file raises the usual 400."""
    try:
        return read_matches(data, require_label=False, max_rows=max_rows)
    except MatchDataError as exc:
        raise data_error(exc) from exc


async def parse_off_loop(data: bytes, max_rows: int) -> pl.DataFrame:
    """parse() in a worker thread: a 50 MB file must not stall other requests."""
    return await asyncio.to_thread(parse, data, max_rows)


def _chunks(frame: pl.DataFrame, model: TrainedModel) -> Iterator[tuple[pl.DataFrame, np.ndarray]]:
    for start in range(0, frame.height, CHUNK_ROWS):
        chunk = frame.slice(start, CHUNK_ROWS)
        yield chunk, model.predict_proba(chunk)


def _winners(probabilities: np.ndarray) -> list[str]:
    return np.where(probabilities >= 0.5, "radiant", "dire").tolist()


def json_body(frame: pl.DataFrame, model: TrainedModel, model_id: str) -> Iterator[bytes]:
    """The JSON response in pieces; quality (from the labelled rows) comes last."""
    encode = msgspec.json.Encoder().encode
    yield b'{"model_id":' + encode(model_id) + b',"predictions":['
    scores: list[np.ndarray] = []
    for i, (chunk, probabilities) in enumerate(_chunks(frame, model)):
        rows = [
            _Row(m, p, w)
            for m, p, w in zip(
                chunk["match_id"].to_list(),
                probabilities.tolist(),
                _winners(probabilities),
                strict=True,
            )
        ]
        scores.append(probabilities)
        body = encode(rows)[1:-1]
        if body:
            yield (b"," if i else b"") + body
    probabilities = np.concatenate(scores) if scores else np.zeros(0)
    scored = quality(frame, probabilities)
    yield b'],"quality":' + encode(scored.model_dump() if scored else None) + b"}"


def csv_body(frame: pl.DataFrame, model: TrainedModel, model_id: str) -> Iterator[bytes]:
    """The CSV response in pieces: match_id, radiant_win_probability (6 decimals), winner."""
    yield CSV_HEADER
    suffix = "," + model_id + "\n"
    for chunk, probabilities in _chunks(frame, model):
        lines = [
            f"{m},{'' if math.isnan(p) else f'{p:.6f}'},{w}{suffix}"
            for m, p, w in zip(
                chunk["match_id"].to_list(),
                probabilities.tolist(),
                _winners(probabilities),
                strict=True,
            )
        ]
        yield "".join(lines).encode()


def quality(frame: pl.DataFrame, probabilities: np.ndarray) -> PredictionQuality | None:
    """Scores over the rows that carry radiant_win; None when none do."""
    labelled = frame["radiant_win"].is_not_null().to_numpy()
    if not labelled.any():
        return None
    y = frame["radiant_win"].to_numpy()[labelled].astype(float)
    scores = prediction_scores(y, probabilities[labelled])
    return PredictionQuality(n_labelled=int(labelled.sum()), **scores)


def stream(frame: pl.DataFrame, model: TrainedModel, model_id: str, as_csv: bool) -> Stream:
    """The streamed response (each chunk computed in a worker thread)."""
    if as_csv:
        return Stream(csv_body(frame, model, model_id), media_type="text/csv")
    return Stream(json_body(frame, model, model_id), media_type="application/json")
