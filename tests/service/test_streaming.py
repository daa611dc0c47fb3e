"""predict_csv streams every match in file order (JSON and CSV) with bounded memory."""

from __future__ import annotations

import csv
import io
import json
import threading
from pathlib import Path

import httpx
import numpy as np
import polars as pl
import pytest

from backend.api.models.batch import CHUNK_ROWS
from tests.conftest import csv_bytes
from tests.support.live_service import LiveService, poll_until


def _resampled(real: pl.DataFrame, n: int, seed: int) -> pl.DataFrame:
    """n real matches in a shuffled order with unique, non-monotonic match ids."""
    rng = np.random.default_rng(seed)
    frame = real[rng.integers(0, real.height, n)]
    ids = rng.permutation(n).astype(np.int64) * 7 + 10_000_000_000
    return frame.with_columns(pl.Series("match_id", ids))


@pytest.fixture(scope="module")
def ready(client: httpx.Client) -> httpx.Client:
    poll_until(lambda: client.get("/").json()["active_model_id"], timeout=90, interval=0.2)
    return client


def _post(client: httpx.Client, data: bytes, **kwargs: object) -> httpx.Response:
    files = {"file": ("matches.csv", data, "text/csv")}
    return client.post("/api/v1/models/predict_csv", files=files, timeout=300, **kwargs)  # type: ignore[arg-type]


def test_json_and_csv_streams_carry_every_match_in_file_order(
    ready: httpx.Client, real_matches: pl.DataFrame
) -> None:
    frame = _resampled(real_matches, 2 * CHUNK_ROWS + 123, seed=1)  # three chunks
    ids = frame["match_id"].to_list()
    unlabelled = csv_bytes(frame.drop("radiant_win"))

    as_json = _post(ready, unlabelled)
    assert as_json.status_code == 200, as_json.text
    assert as_json.headers["content-type"].startswith("application/json")
    body = json.loads(as_json.content)
    assert list(body) == ["model_id", "predictions", "quality"]
    assert body["quality"] is None
    assert [p["match_id"] for p in body["predictions"]] == ids
    for p in body["predictions"][:: CHUNK_ROWS // 4]:
        assert 0 < p["radiant_win_probability"] < 1
        assert p["winner"] == ("radiant" if p["radiant_win_probability"] >= 0.5 else "dire")
    # Every row carries its ledger id: one prefix per chunk, the row's index within it.
    prediction_ids = [p["prediction_id"] for p in body["predictions"]]
    assert len(set(prediction_ids)) == len(ids) and all(prediction_ids)
    prefixes = [i.rsplit("-", 1)[0] for i in prediction_ids]
    assert len(set(prefixes)) == 3
    assert [int(i.rsplit("-", 1)[1]) for i in prediction_ids] == [
        k % CHUNK_ROWS for k in range(len(ids))
    ]

    as_csv = _post(ready, unlabelled, headers={"Accept": "text/csv"})
    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert [int(r["match_id"]) for r in rows] == ids
    assert {r["model_id"] for r in rows} == {body["model_id"]}
    assert all(r["prediction_id"] for r in rows)
    assert not {r["prediction_id"] for r in rows} & set(prediction_ids)  # a new request
    json_probabilities = [round(p["radiant_win_probability"], 6) for p in body["predictions"]]
    assert [float(r["radiant_win_probability"]) for r in rows] == pytest.approx(
        json_probabilities, abs=1e-6
    )

    labelled = _post(ready, csv_bytes(frame)).json()
    assert labelled["quality"]["n_labelled"] == frame.height
    assert [p["match_id"] for p in labelled["predictions"]] == ids


def test_an_empty_result_and_a_bad_file_keep_their_shapes(ready: httpx.Client) -> None:
    header = (
        "match_id,radiant_hero_1,radiant_hero_2,radiant_hero_3,radiant_hero_4,radiant_hero_5,"
        "dire_hero_1,dire_hero_2,dire_hero_3,dire_hero_4,dire_hero_5\n"
    )
    bad = _post(ready, (header + "1,1,2,3,4,5,6,7,8,9,999\n").encode())
    assert bad.status_code == 400 and bad.json()["column"] == "dire_hero_5"
    one = _post(ready, (header + "1,1,2,3,4,5,6,7,8,9,10\n").encode()).json()
    assert [p["match_id"] for p in one["predictions"]] == [1]


def _status_mb(pid: int, key: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"{key} not in /proc/{pid}/status")


def test_memory_of_a_large_batch_stays_bounded(
    service: LiveService, ready: httpx.Client, real_matches: pl.DataFrame
) -> None:
    assert service.api is not None
    pid = service.api.pid
    data = csv_bytes(_resampled(real_matches, 150_000, seed=2).drop("radiant_win"))
    Path(f"/proc/{pid}/clear_refs").write_text("5")  # VmHWM := current RSS
    idle = _status_mb(pid, "VmRSS")
    response = _post(ready, data)
    assert response.status_code == 200
    assert len(response.json()["predictions"]) == 150_000
    peak_extra = _status_mb(pid, "VmHWM") - idle
    # Generous: the benchmark reports the exact figure (target: 5x the file; measured about
    # 10x with ledger recording on, parsing alone peaks near 6x). Unstreamed it was ~66x.
    assert peak_extra < 12 * len(data) / 2**20, (peak_extra, len(data) / 2**20)


DRAFT = {
    "radiant": [{"hero_id": h} for h in (1, 2, 3, 4, 5)],
    "dire": [{"hero_id": h} for h in (6, 7, 8, 9, 10)],
}


def test_a_predict_is_answered_while_a_large_batch_streams(
    service: LiveService, ready: httpx.Client, real_matches: pl.DataFrame
) -> None:
    frame = _resampled(real_matches, 12 * CHUNK_ROWS, seed=3)
    data = csv_bytes(frame.drop("radiant_win"))
    started, go_on = threading.Event(), threading.Event()
    streamed: dict[str, object] = {}

    def batch() -> None:
        # A client of its own: the batch is one connection, the predict another.
        with (
            httpx.Client(base_url=service.base_url, timeout=300) as other,
            other.stream(
                "POST",
                "/api/v1/models/predict_csv",
                files={"file": ("matches.csv", data, "text/csv")},
                params={"format": "csv"},
            ) as response,
        ):
            streamed["status"] = response.status_code
            pieces = response.iter_bytes()
            body = next(pieces)
            started.set()
            # The rest is read only after the predict has been answered: until then the
            # batch is unfinished (the server waits to send more of it).
            assert go_on.wait(timeout=300)
            streamed["body"] = body + b"".join(pieces)

    thread = threading.Thread(target=batch)
    thread.start()
    try:
        assert started.wait(timeout=300), "the batch never started streaming"
        assert "body" not in streamed
        predicted = ready.post("/api/v1/models/predict", json=DRAFT)
        assert predicted.status_code == 200, predicted.text
        assert 0 < predicted.json()["radiant_win_probability"] < 1
        assert "body" not in streamed  # answered while the batch was still streaming
    finally:
        go_on.set()
        thread.join(timeout=300)
    assert streamed["status"] == 200
    rows = list(csv.DictReader(io.StringIO(streamed["body"].decode())))  # type: ignore[attr-defined]
    assert [int(r["match_id"]) for r in rows] == frame["match_id"].to_list()
