"""The prediction ledger and GET /api/v1/models/monitoring against a live service."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import numpy as np
import polars as pl
import pytest
from sklearn.metrics import accuracy_score, brier_score_loss, log_loss, roc_auc_score

from backend.ml.metrics import calibration_bins, expected_calibration_error
from tests.service.results_support import ingest, predict_csv, train
from tests.support.live_service import LiveService, poll_until, stop_process

MODEL = "monitored-lr"


@pytest.fixture(scope="module")
def service(
    redis_url: str, tmp_path_factory: pytest.TempPathFactory, ordered: pl.DataFrame
) -> Iterator[LiveService]:
    live = LiveService(
        workdir=tmp_path_factory.mktemp("monitoring"),
        redis_url=redis_url,
        extra_env={"APP_BOOTSTRAP_DEFAULT_MODEL": "false"},
    ).start()
    train(live, ordered.slice(ordered.height - 2700, 1200), MODEL)
    yield live
    live.stop()


@pytest.fixture
def client(service: LiveService) -> Iterator[httpx.Client]:
    with service.client() as http:
        yield http


def monitoring(client: httpx.Client) -> dict[str, Any]:
    response = client.get("/api/v1/models/monitoring", params={"model_id": MODEL})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _served(client: httpx.Client, at_least: int) -> dict[str, Any]:
    """Monitoring once the ledger holds at least this many predictions (writes are batched)."""
    return poll_until(
        lambda: (body := monitoring(client))["served"] >= at_least and body, timeout=10
    )


def _assert_like_sklearn(window: dict[str, Any], y: np.ndarray, p: np.ndarray) -> None:
    assert window["n"] == len(y)
    assert window["accuracy"] == pytest.approx(accuracy_score(y, p >= 0.5), abs=1e-12)
    assert window["roc_auc"] == pytest.approx(roc_auc_score(y, p), abs=1e-12)
    assert window["log_loss"] == pytest.approx(log_loss(y, p), abs=1e-9)
    assert window["brier"] == pytest.approx(brier_score_loss(y, p), abs=1e-12)
    assert window["ece"] == pytest.approx(expected_calibration_error(y, p), abs=1e-12)


def test_scored_predictions_match_sklearn_and_count_once_per_model(
    client: httpx.Client, later: pl.DataFrame
) -> None:
    start = monitoring(client)
    assert (start["served"], start["scored"]) == (0, 0)
    assert start["windows"]["all"]["n"] == 0 and start["windows"]["all"]["drift"] is None
    matches = later.slice(600, 300)

    first = predict_csv(client, matches, MODEL)
    assert all(p["prediction_id"] for p in first["predictions"])
    # Unrelated results move the model between the two predictions of the same matches.
    assert ingest(client, later.slice(0, 300)).json()["ingested"] == 300
    second = predict_csv(client, matches, MODEL)
    p_first = np.array([p["radiant_win_probability"] for p in first["predictions"]])
    p = np.array([p["radiant_win_probability"] for p in second["predictions"]])
    assert np.abs(p - p_first).max() > 1e-6
    _served(client, 600)

    body = ingest(client, matches).json()
    assert body["ingested"] == 300
    assert body["predictions_scored"] == 300  # one per (model, match), not per prediction
    report = monitoring(client)
    assert (report["served"], report["scored"]) == (600, 300)

    y = matches["radiant_win"].cast(pl.Float64).to_numpy()
    _assert_like_sklearn(report["windows"]["all"], y, p)
    order = np.lexsort((matches["match_id"].to_numpy(), matches["start_time"].to_numpy()))
    _assert_like_sklearn(report["windows"]["last_100"], y[order][-100:], p[order][-100:])
    assert report["windows"]["last_500"]["n"] == 300
    bins, want_bins = report["calibration"]["bins"], calibration_bins(y, p)
    assert len(bins) == len(want_bins)
    for got, want in zip(bins, want_bins, strict=True):  # means: to rounding (summation order)
        assert got.keys() == want.keys()
        for key, value in want.items():
            assert got[key] == (value if value is None else pytest.approx(value, rel=1e-12)), key
    info = client.get("/api/v1/models/model_info", params={"model_id": MODEL}).json()
    assert report["holdout"] == info["metrics"]
    assert report["windows"]["all"]["drift"] in {"ok", "watch"}
    assert report["rolling"]["points"][-1]["scored"] == 300
    drift = report["input_drift"]
    assert drift["n_recent"] == 600 and drift["hero_pick_psi"] is not None
    assert 0 <= drift["unknown_player_share"]["training"] <= 1


def test_a_model_whose_predictions_are_contradicted_turns_degraded(
    client: httpx.Client, later: pl.DataFrame
) -> None:
    fresh = later.slice(900, 300).with_columns(pl.col("match_id") + 10**11)
    predicted = predict_csv(client, fresh, MODEL)["predictions"]
    wrong = fresh.with_columns(
        radiant_win=pl.Series([p["radiant_win_probability"] < 0.5 for p in predicted])
    )
    _served(client, 900)
    assert ingest(client, wrong).json()["ingested"] == 300
    report = monitoring(client)
    assert report["scored"] == 600
    assert report["windows"]["last_100"]["drift"] == "degraded"
    assert report["windows"]["last_100"]["accuracy"] == 0.0


def _draft(match_id: int) -> dict[str, Any]:
    return {
        "radiant": [{"hero_id": h} for h in (1, 2, 3, 4, 5)],
        "dire": [{"hero_id": h} for h in (6, 7, 8, 9, 10)],
        "model_id": MODEL,
        "match_id": match_id,
    }


def test_the_ledger_is_shared_by_api_processes_and_survives_restarts(
    service: LiveService, client: httpx.Client
) -> None:
    served = monitoring(client)["served"]
    second = LiveService(
        workdir=service.workdir,
        redis_url=service.redis_url,
        database=service.database_url,
        extra_env=service.extra_env,
    )
    second.start_api()
    try:
        with second.client() as other:
            here = client.post("/api/v1/models/predict", json=_draft(1)).json()
            there = other.post("/api/v1/models/predict", json=_draft(2)).json()
            assert here["prediction_id"] and there["prediction_id"]
            assert here["prediction_id"] != there["prediction_id"]
            _served(client, served + 2)
            assert monitoring(other)["served"] == served + 2
    finally:
        stop_process(second.api)
    # The last prediction before a shutdown is written on the way out.
    client.post("/api/v1/models/predict", json=_draft(3))
    stop_process(service.api)
    service.start_api()
    with service.client() as restarted:
        assert monitoring(restarted)["served"] == served + 3


@pytest.fixture(scope="module")
def unrecorded(
    redis_url: str, tmp_path_factory: pytest.TempPathFactory, service: LiveService
) -> Iterator[LiveService]:
    """An API process with recording switched off, on the same database."""
    live = LiveService(
        workdir=tmp_path_factory.mktemp("unrecorded"),
        redis_url=redis_url,
        database=service.database_url,
        extra_env={"APP_BOOTSTRAP_DEFAULT_MODEL": "false", "APP_LEDGER_ENABLED": "false"},
    )
    live.start_api()
    yield live
    stop_process(live.api)


def test_recording_can_be_switched_off(client: httpx.Client, unrecorded: LiveService) -> None:
    served = monitoring(client)["served"]
    with unrecorded.client() as other:
        prediction = other.post("/api/v1/models/predict", json=_draft(4)).json()
        assert prediction["prediction_id"] is None
        assert monitoring(other)["ledger"]["recording"] is False
    assert client.post("/api/v1/models/predict", json=_draft(5)).json()["prediction_id"]
    assert _served(client, served + 1)["served"] == served + 1
