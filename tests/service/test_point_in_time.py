"""No prediction, evaluation or backtest uses the result it predicts (live API + worker).

A labelled file is predicted and evaluated with each match seeing only what was known before
it: stored results and the file's own earlier matches, never its own or a later result. So
posting the file's results changes nothing, in either of two API processes; a file older than
the stored results is untouched by them; the backtest equals a predict-then-post loop.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import numpy as np
import polars as pl
import pytest

from tests.service.results_support import csv_bytes, ingest, train
from tests.support.live_service import LiveService, stop_process
from tests.support.postgres import temporary_database

pytestmark = pytest.mark.slow
MODEL = "pit-lr"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest) -> Iterator[str | None]:
    if request.param == "sqlite":
        yield None
        return
    with temporary_database() as url:
        yield url


@pytest.fixture(scope="module")
def service(
    redis_url: str,
    tmp_path_factory: pytest.TempPathFactory,
    ordered: pl.DataFrame,
    database: str | None,
) -> Iterator[LiveService]:
    live = LiveService(
        workdir=tmp_path_factory.mktemp("pit"),
        redis_url=redis_url,
        database=database,
        extra_env={"APP_BOOTSTRAP_DEFAULT_MODEL": "false"},
    ).start()
    train(live, ordered.slice(ordered.height - 2700, 1200), MODEL)
    yield live
    live.stop()


@pytest.fixture(scope="module")
def held_out(later: pl.DataFrame) -> pl.DataFrame:
    """500 later matches (after the training slice), labelled."""
    return later.slice(0, 500)


def labelled_predictions(client: httpx.Client, frame: pl.DataFrame) -> dict[str, Any]:
    response = client.post(
        "/api/v1/models/predict_csv",
        data={"model_id": MODEL},
        files={"file": ("held_out.csv", csv_bytes(frame), "text/csv")},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def probabilities(body: dict[str, Any]) -> np.ndarray:
    return np.array([p["radiant_win_probability"] for p in body["predictions"]])


def evaluation(client: httpx.Client, frame: pl.DataFrame) -> dict[str, Any]:
    response = client.post(
        "/api/v1/models/evaluate",
        data={"model_ids": MODEL},
        files={"file": ("held_out.csv", csv_bytes(frame), "text/csv")},
    )
    assert response.status_code == 200, response.text
    (result,) = [r for r in response.json()["results"] if r["model_id"] == MODEL]
    return dict(result)


SCORES = ("accuracy", "roc_auc", "log_loss", "brier", "ece")


def test_posting_a_files_results_changes_none_of_its_predictions(
    service: LiveService, held_out: pl.DataFrame, later: pl.DataFrame
) -> None:
    second = LiveService(
        workdir=service.workdir,
        redis_url=service.redis_url,
        database=service.database_url,
        extra_env=service.extra_env,
    )
    second.start_api()
    try:
        with service.client() as client, second.client() as other:
            before = labelled_predictions(client, held_out)
            scored_before = evaluation(client, held_out)
            assert scored_before["mode"] == "point_in_time"
            assert scored_before["n_scored"] == held_out.height
            assert np.array_equal(
                probabilities(labelled_predictions(other, held_out)), probabilities(before)
            )
            # Its own results, and later ones, are posted: nothing it predicted may move.
            assert ingest(client, later.slice(0, 900)).json()["ingested"] == 900
            for http in (client, other):
                after = labelled_predictions(http, held_out)
                np.testing.assert_allclose(
                    probabilities(after), probabilities(before), rtol=0, atol=1e-9
                )
                scored_after = evaluation(http, held_out)
                for key in SCORES:
                    assert scored_after[key] == pytest.approx(scored_before[key], abs=1e-9), key
            # The file's quality is honest: it is the walk-forward record, not in-sample.
            assert before["quality"]["n_scored"] == held_out.height
            assert before["quality"]["n_training_matches"] == 0
    finally:
        stop_process(second.api)


def test_a_file_older_than_the_stored_results_is_untouched_by_them(
    service: LiveService, later: pl.DataFrame
) -> None:
    older, newer = later.slice(900, 300), later.slice(1200, 300)
    with service.client() as client:
        unlabelled = older.drop("radiant_win")
        before = labelled_predictions(client, older)
        before_unlabelled = labelled_predictions(client, unlabelled)
        scored_before = evaluation(client, older)
        assert ingest(client, newer).json()["ingested"] == newer.height
        np.testing.assert_allclose(
            probabilities(labelled_predictions(client, older)), probabilities(before), atol=1e-9
        )
        np.testing.assert_allclose(
            probabilities(labelled_predictions(client, unlabelled)),
            probabilities(before_unlabelled),
            rtol=0,
            atol=1e-9,
        )
        scored_after = evaluation(client, older)
        for key in SCORES:
            assert scored_after[key] == pytest.approx(scored_before[key], abs=1e-9), key


def _picks(row: dict[str, Any], side: str) -> list[dict[str, Any]]:
    return [
        {"hero_id": row[f"{side}_hero_{i}"], "account_id": row[f"{side}_account_id_{i}"]}
        for i in range(1, 6)
    ]


def test_a_draft_of_a_past_match_is_served_at_its_point_in_time(
    service: LiveService, held_out: pl.DataFrame
) -> None:
    match = held_out.slice(100, 1)  # its result and later ones are stored by now
    row = match.row(0, named=True)
    with service.client() as client:
        (expected,) = probabilities(labelled_predictions(client, match.drop("radiant_win")))
        radiant, dire = _picks(row, "radiant"), _picks(row, "dire")
        draft: dict[str, Any] = {"radiant": radiant, "dire": dire, "model_id": MODEL}
        at = client.post("/api/v1/models/predict", json={**draft, "match_id": row["match_id"]})
        assert at.status_code == 200, at.text
        assert at.json()["radiant_win_probability"] == pytest.approx(expected, abs=1e-9)
        live = client.post("/api/v1/models/predict", json=draft).json()
        assert abs(live["radiant_win_probability"] - expected) > 1e-6  # the latest state
        explained = client.post(
            "/api/v1/models/predict",
            json={**draft, "match_id": row["match_id"], "explain": True},
        ).json()
        assert explained["radiant_win_probability"] == pytest.approx(expected, abs=1e-9)
        assert explained["factors"]
        last = radiant[4]
        suggested = client.post(
            "/api/v1/models/suggest_picks",
            json={
                "side": "radiant",
                "radiant": radiant[:4],
                "dire": dire,
                "account_id": last["account_id"],
                "model_id": MODEL,
                "match_id": row["match_id"],
                "top_n": 200,
            },
        )
        assert suggested.status_code == 200, suggested.text
        (pick,) = [s for s in suggested.json()["suggestions"] if s["hero_id"] == last["hero_id"]]
        assert pick["win_probability"] == pytest.approx(expected, abs=1e-9)
