"""predict_csv as a stream: parse off the event loop, then predict and encode chunk by chunk.

The whole file is parsed and validated first (a bad file is still one clear 400), in a worker
thread; predictions are then made CHUNK_ROWS matches at a time as the response is sent, each
chunk's features, model and encoding in a worker thread, so the event loop keeps answering other
requests and only one chunk's features are in memory at a time. Each chunk is recorded in the
prediction ledger (on the event loop, between the two thread steps) and its rows carry the ids
it was recorded under. The JSON and CSV bodies are exactly what the non-streamed response was:
`{"model_id", "predictions": [...], "quality"}` in file order, or the CSV with a header.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import msgspec
import numpy as np
import polars as pl
from litestar.response import Stream

from backend.api.csv_cells import spreadsheet_safe
from backend.api.models.overlap import in_training
from backend.api.models.schemas import PredictionQuality
from backend.api.uploads import data_error
from backend.ledger.rows import frame_arrays
from backend.matches import MatchDataError, read_matches
from backend.ml.frame import prepare_matches, to_arrays
from backend.ml.metrics import prediction_scores

if TYPE_CHECKING:
    from backend.ledger import LedgerRecorder
    from backend.serving.in_time import ServingPlan

CHUNK_ROWS = 5_000  # ~25 MB of feature arrays per chunk (20k: 12x the file at 100k rows)
CSV_HEADER = b"match_id,radiant_win_probability,winner,model_id,prediction_id\n"
SOURCE = "predict_csv"  # the ledger's source of these predictions


class _Row(msgspec.Struct):
    """One element of "predictions" (same keys and order as MatchPrediction)."""

    match_id: int
    radiant_win_probability: float
    winner: str
    prediction_id: str | None


def parse(data: bytes, max_rows: int) -> pl.DataFrame:
    """The canonical frame of an upload (run in a thread); a bad file raises the usual 400."""
    try:
        return read_matches(data, require_label=False, max_rows=max_rows)
    except MatchDataError as exc:
        raise data_error(exc) from exc


async def parse_off_loop(data: bytes, max_rows: int) -> pl.DataFrame:
    """parse() in a worker thread: a 50 MB file must not stall other requests."""
    return await asyncio.to_thread(parse, data, max_rows)


class _Chunk(NamedTuple):
    """One chunk's predictions, and the arrays the ledger records them from."""

    match_ids: list[int]
    probabilities: np.ndarray
    ids: np.ndarray  # match ids, int64
    heroes: np.ndarray
    accounts: np.ndarray
    start_times: np.ndarray | None  # for shadow models (int64, -1 unknown)


def _predict(chunk: pl.DataFrame, served: ServingPlan, start: int, recording: bool) -> _Chunk:
    """One chunk's predictions (run in a worker thread), with the ledger's copies of its ids
    when it records: taken here, they do not hold up the event loop. Rows that lie before
    applied results are served at their point in time (``served``)."""
    probabilities = np.zeros(0)
    if chunk.height:
        arrays = to_arrays(prepare_matches(chunk, require_label=False))
        probabilities = served.predict(arrays.heroes, arrays.accounts, start)
    heroes, accounts = frame_arrays(chunk) if recording else (np.zeros(0), np.zeros(0))
    ids = chunk["match_id"].to_numpy()
    times = chunk["start_time"].fill_null(-1).to_numpy().astype(np.int64) if recording else None
    return _Chunk(ids.tolist(), probabilities, ids, heroes, accounts, times)


def _winners(probabilities: np.ndarray) -> list[str]:
    return np.where(probabilities >= 0.5, "radiant", "dire").tolist()


def _ids(prefix: str | None, n: int) -> list[str | None]:
    return [f"{prefix}-{i}" for i in range(n)] if prefix else [None] * n


def _json_rows(match_ids: list[int], probabilities: np.ndarray, prefix: str | None) -> bytes:
    """The chunk's elements of "predictions", comma-separated (run in a worker thread)."""
    rows = [
        _Row(m, p, w, i)
        for m, p, w, i in zip(
            match_ids,
            probabilities.tolist(),
            _winners(probabilities),
            _ids(prefix, len(match_ids)),
            strict=True,
        )
    ]
    return _ENCODE(rows)[1:-1]


def _csv_rows(
    match_ids: list[int], probabilities: np.ndarray, prefix: str | None, model_id: str
) -> bytes:
    """The chunk's CSV lines (run in a worker thread)."""
    middle = "," + spreadsheet_safe(model_id) + ","
    lines = [
        f"{m},{'' if math.isnan(p) else f'{p:.6f}'},{w}{middle}{'' if i is None else i}\n"
        for m, p, w, i in zip(
            match_ids,
            probabilities.tolist(),
            _winners(probabilities),
            _ids(prefix, len(match_ids)),
            strict=True,
        )
    ]
    return "".join(lines).encode()


_ENCODE = msgspec.json.Encoder().encode


async def _chunks(
    frame: pl.DataFrame, served: ServingPlan, model_id: str, ledger: LedgerRecorder
) -> AsyncIterator[tuple[list[int], np.ndarray, str | None]]:
    """Per chunk: match ids, probabilities and the ledger prefix its rows are recorded under."""
    for start in range(0, frame.height, CHUNK_ROWS):
        part = frame.slice(start, CHUNK_ROWS)
        chunk = await asyncio.to_thread(_predict, part, served, start, ledger.enabled)
        prefix = ledger.record_arrays(
            model_id,
            served.model,
            chunk.heroes,
            chunk.accounts,
            chunk.probabilities,
            chunk.ids,
            SOURCE,
            start_times=chunk.start_times,
            # A labelled file's rows saw its earlier results: not live traffic to shadow.
            shadowable=served.ends_at_model,
        )
        yield chunk.match_ids, chunk.probabilities, prefix


async def json_body(
    frame: pl.DataFrame,
    served: ServingPlan,
    model_id: str,
    ledger: LedgerRecorder,
    scoring: Scoring,
) -> AsyncIterator[bytes]:
    """The JSON response in pieces; quality (from the labelled rows) comes last."""
    yield b'{"model_id":' + _ENCODE(model_id) + b',"predictions":['
    scores: list[np.ndarray] = []
    first = True
    async for match_ids, probabilities, prefix in _chunks(frame, served, model_id, ledger):
        scores.append(probabilities)
        body = await asyncio.to_thread(_json_rows, match_ids, probabilities, prefix)
        if body:
            yield (b"" if first else b",") + body
            first = False
    probabilities = np.concatenate(scores) if scores else np.zeros(0)
    scored = await asyncio.to_thread(quality, frame, probabilities, served, scoring)
    yield b'],"quality":' + _ENCODE(scored.model_dump() if scored else None) + b"}"


async def csv_body(
    frame: pl.DataFrame, served: ServingPlan, model_id: str, ledger: LedgerRecorder
) -> AsyncIterator[bytes]:
    """The CSV response in pieces: match_id, radiant_win_probability (6 decimals), winner,
    model_id, prediction_id."""
    yield CSV_HEADER
    async for match_ids, probabilities, prefix in _chunks(frame, served, model_id, ledger):
        yield await asyncio.to_thread(_csv_rows, match_ids, probabilities, prefix, model_id)


@dataclass(frozen=True)
class Scoring:
    """How a labelled file is scored: which matches the model trained on, and whether to keep
    them (in-sample)."""

    training_ids: np.ndarray | None = None
    include_training: bool = False


def quality(
    frame: pl.DataFrame, probabilities: np.ndarray, served: ServingPlan, scoring: Scoring
) -> PredictionQuality | None:
    """Scores over the rows that carry radiant_win (training matches left out unless asked);
    None when no row does."""
    labelled = frame["radiant_win"].is_not_null().to_numpy()
    if not labelled.any():
        return None
    seen = in_training(frame["match_id"].to_numpy().astype(np.int64), scoring.training_ids)
    rows = labelled if scoring.include_training else labelled & ~seen
    y = frame["radiant_win"].to_numpy()[rows].astype(float)
    scores = prediction_scores(y, probabilities[rows]) if rows.any() else {}
    return PredictionQuality(
        n_labelled=int(labelled.sum()),
        accuracy=scores.get("accuracy"),
        roc_auc=scores.get("roc_auc"),
        log_loss=scores.get("log_loss"),
        brier=scores.get("brier"),
        n_scored=int(rows.sum()),
        n_training_matches=int((labelled & seen).sum()),
        in_sample=scoring.include_training,
        n_point_in_time=served.n_in_past,
    )


def stream(
    frame: pl.DataFrame,
    served: ServingPlan,
    model_id: str,
    ledger: LedgerRecorder,
    *,
    as_csv: bool,
    scoring: Scoring | None = None,
) -> Stream:
    """The streamed response (each chunk computed in a worker thread, recorded on the loop)."""
    if as_csv:
        return Stream(csv_body(frame, served, model_id, ledger), media_type="text/csv")
    body = json_body(frame, served, model_id, ledger, scoring or Scoring())
    return Stream(body, media_type="application/json")
