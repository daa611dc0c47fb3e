"""predict_csv's streamed bodies are byte for byte what the frame pipeline gives, in file order.

In process (no server): parse + json_body/csv_body against a reference built the plain way,
read_matches + TrainedModel.predict_proba per chunk, encoded row by row with msgspec / f-strings,
and against predict_proba of the whole file (to 1e-9).
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import AsyncIterator

import msgspec
import numpy as np
import polars as pl
import pytest

from backend.api.models import batch
from backend.ledger import LedgerRecorder
from backend.matches import HERO_COLUMNS, load_default_matches, read_matches
from backend.ml import TrainedModel, train_model
from backend.serving.in_time import ServingPlan

ROWS = 2 * batch.CHUNK_ROWS + 321  # three chunks, the last one short


@pytest.fixture(scope="module")
def matches() -> pl.DataFrame:
    real = load_default_matches()
    rng = np.random.default_rng(7)
    frame = real[rng.integers(0, real.height, ROWS)]
    # Unique, unsorted ids; every third result missing (quality is over the labelled rows).
    ids = rng.permutation(ROWS).astype(np.int64) * 3 + 1_000_000
    label = pl.when(pl.int_range(pl.len()) % 3 == 0).then(None).otherwise(pl.col("radiant_win"))
    return frame.with_columns(pl.Series("match_id", ids), label.alias("radiant_win"))


@pytest.fixture(scope="module")
def model() -> TrainedModel:
    real = load_default_matches()
    # The earlier 80 % trains, so the file has players and heroes states the model lacks.
    return train_model(real.head(int(real.height * 0.8)), "logistic_regression", None)


def collect(body: AsyncIterator[bytes]) -> bytes:
    async def run() -> bytes:
        return b"".join([piece async for piece in body])

    return asyncio.run(run())


def reference_probabilities(frame: pl.DataFrame, model: TrainedModel) -> np.ndarray:
    chunks = [
        model.predict_proba(frame.slice(start, batch.CHUNK_ROWS))
        for start in range(0, frame.height, batch.CHUNK_ROWS)
    ]
    return np.concatenate(chunks)


def test_json_body_is_the_frame_pipelines_answer(
    matches: pl.DataFrame, model: TrainedModel
) -> None:
    data = matches.write_csv().encode()
    body = collect(
        batch.json_body(
            batch.parse(data, 10**6),
            ServingPlan(model),
            "m-1",
            LedgerRecorder(enabled=False),
            batch.Scoring(),
        )
    )
    frame = read_matches(data, require_label=False)
    probabilities = reference_probabilities(frame, model)
    np.testing.assert_allclose(probabilities, model.predict_proba(frame), rtol=0, atol=1e-9)
    quality = batch.quality(frame, probabilities, ServingPlan(model), batch.Scoring())
    assert quality is not None and quality.n_labelled == ROWS - (ROWS + 2) // 3
    expected = {
        "model_id": "m-1",
        "predictions": [
            {
                "match_id": m,
                "radiant_win_probability": p,
                "winner": "radiant" if p >= 0.5 else "dire",
                "prediction_id": None,
            }
            for m, p in zip(frame["match_id"].to_list(), probabilities.tolist(), strict=True)
        ],
        "quality": quality.model_dump(),
    }
    assert body == msgspec.json.encode(expected)


def test_csv_body_is_the_frame_pipelines_answer(matches: pl.DataFrame, model: TrainedModel) -> None:
    data = matches.drop("radiant_win").write_csv().encode()
    body = collect(
        batch.csv_body(
            batch.parse(data, 10**6), ServingPlan(model), "m-1", LedgerRecorder(enabled=False)
        )
    )
    frame = read_matches(data, require_label=False)
    probabilities = reference_probabilities(frame, model)
    lines = [
        f"{m},{p:.6f},{'radiant' if p >= 0.5 else 'dire'},m-1,\n"
        for m, p in zip(frame["match_id"].to_list(), probabilities.tolist(), strict=True)
    ]
    assert body == batch.CSV_HEADER + "".join(lines).encode()


def test_rows_carry_the_ids_the_ledger_recorded_them_under(
    matches: pl.DataFrame, model: TrainedModel
) -> None:
    data = matches.write_csv().encode()
    ledger = LedgerRecorder()
    parsed = batch.parse(data, 10**6)
    as_json = json.loads(
        collect(batch.json_body(parsed, ServingPlan(model), "m-1", ledger, batch.Scoring()))
    )
    pending = list(ledger._pending)
    assert [len(b.match_ids) for b in pending] == [batch.CHUNK_ROWS, batch.CHUNK_ROWS, 321]
    recorded = [
        (f"{b.prefix}-{i}", m, p)
        for b in pending
        for i, (m, p) in enumerate(zip(b.match_ids, b.probabilities.tolist(), strict=True))
    ]
    served = [
        (p["prediction_id"], p["match_id"], p["radiant_win_probability"])
        for p in as_json["predictions"]
    ]
    assert served == recorded
    # The ledger sees the heroes and players the prediction was made from.
    frame = read_matches(data, require_label=False)
    recorded_heroes = np.concatenate([b.heroes for b in pending])
    assert np.array_equal(recorded_heroes, frame.select(HERO_COLUMNS).to_numpy())

    as_csv = collect(batch.csv_body(parsed, ServingPlan(model), "m-1", ledger))
    rows = list(csv.DictReader(io.StringIO(as_csv.decode())))
    later = list(ledger._pending)[len(pending) :]
    assert [r["prediction_id"] for r in rows] == [
        f"{b.prefix}-{i}" for b in later for i in range(len(b.match_ids))
    ]
