"""The walk-forward backtest equals a predict-one-match, post-its-result loop over HTTP.

300 real pro matches after the training slice, for every model type: the backtest before any
result is stored, the loop itself (each match predicted by predict_csv, then its result
posted), and the backtest again once all 300 results are stored give the same probabilities.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import numpy as np
import polars as pl
import pytest

from tests.service.results_support import csv_bytes, ingest
from tests.support.live_service import LiveService

pytestmark = pytest.mark.slow
MODELS = {
    "bt-lr": ("logistic_regression", {}),
    "bt-catboost": ("catboost", {"iterations": 60, "depth": 4}),
    "bt-hgb": ("hist_gradient_boosting", {"max_iter": 40}),
}


@pytest.fixture(scope="module")
def service(
    redis_url: str, tmp_path_factory: pytest.TempPathFactory, ordered: pl.DataFrame
) -> Iterator[LiveService]:
    live = LiveService(
        workdir=tmp_path_factory.mktemp("backtest"),
        redis_url=redis_url,
        extra_env={"APP_BOOTSTRAP_DEFAULT_MODEL": "false"},
    ).start()
    training = csv_bytes(ordered.slice(ordered.height - 2700, 1200))
    with live.client() as client:
        jobs = []
        for model_id, (model_type, hp) in MODELS.items():
            response = client.post(
                "/api/v1/models/fit",
                data={
                    "model_type": model_type,
                    "model_id": model_id,
                    "hyperparameters": __import__("json").dumps(hp),
                },
                files={"file": ("train.csv", training, "text/csv")},
            )
            assert response.status_code == 202, response.text
            jobs.append(response.json()["job_id"])
    for job_id in jobs:
        assert live.wait_for_job(job_id, timeout=600)["status"] == "succeeded", live.logs()
    with live.client() as client:  # some model must be active for the paired comparison
        assert client.put("/api/v1/models/activate", json={"model_id": "bt-lr"}).is_success
    yield live
    live.stop()


def backtest(client: httpx.Client, frame: pl.DataFrame) -> dict[str, dict[str, Any]]:
    response = client.post(
        "/api/v1/models/backtest",
        data={"model_ids": ",".join(MODELS), "include_predictions": "true"},
        files={"file": ("file.csv", csv_bytes(frame), "text/csv")},
    )
    assert response.status_code == 200, response.text
    return {r["model_id"]: r for r in response.json()["results"]}


def walk(result: dict[str, Any]) -> np.ndarray:
    return np.array([p["walk_forward"] for p in result["predictions"]])


def test_backtest_equals_the_http_loop_for_every_model_type(
    service: LiveService, later: pl.DataFrame
) -> None:
    # In the models' time order (start_time, then match_id), as the backtest replays them.
    matches = later.slice(0, 300).sort(["start_time", "match_id"])
    with service.client() as client:
        before = backtest(client, matches)
        loop: dict[str, list[float]] = {m: [] for m in MODELS}
        for i in range(matches.height):
            row = matches.slice(i, 1)
            for model_id in MODELS:
                response = client.post(
                    "/api/v1/models/predict_csv",
                    data={"model_id": model_id},
                    files={"file": ("m.csv", csv_bytes(row.drop("radiant_win")), "text/csv")},
                )
                assert response.status_code == 200, response.text
                loop[model_id].append(response.json()["predictions"][0]["radiant_win_probability"])
            assert ingest(client, row).json()["ingested"] == 1
        after = backtest(client, matches)
    for model_id in MODELS:
        reference = np.array(loop[model_id])
        np.testing.assert_allclose(walk(before[model_id]), reference, rtol=0, atol=1e-9)
        np.testing.assert_allclose(walk(after[model_id]), reference, rtol=0, atol=1e-9)
        result = before[model_id]
        assert result["mode"] == "walk_forward" and result["n_scored"] == 300
        # Walking forward moved the predictions: the frozen model is a different record.
        frozen = np.array([p["frozen"] for p in result["predictions"]])
        assert np.abs(frozen - reference).max() > 1e-3
        assert [p["results_before"] for p in result["predictions"]] == list(range(300))
        assert (
            result["intervals"]["log_loss"][0]
            < result["log_loss"]
            < result["intervals"]["log_loss"][1]
        )
        assert result["baselines"]["coin_flip"]["log_loss"] == pytest.approx(np.log(2))
    assert before["bt-catboost"]["vs_active"]["n_matches"] == 300
