"""Model life cycle through HTTP with a real worker: delete, evaluate, promote, draft helper."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import polars as pl
import pytest
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

from backend.ml.metrics import expected_calibration_error
from tests.conftest import csv_bytes
from tests.support.live_service import LiveService, poll_until
from tests.support.postgres import temporary_database

HEROES_ONLY = {"use_player_features": False, "use_hero_stats": False}
DEFAULT_ID = "default-logistic-regression"


def _active(client: httpx.Client) -> str | None:
    return client.get("/").json().get("active_model_id")


def _fit(
    service: LiveService, client: httpx.Client, model_id: str, data: bytes, hp: dict[str, Any]
) -> dict[str, Any]:
    response = client.post(
        "/api/v1/models/fit",
        data={
            "model_type": "logistic_regression",
            "hyperparameters": json.dumps(hp),
            "model_id": model_id,
        },
        files={"file": ("train.csv", data, "text/csv")},
    )
    assert response.status_code == 202, response.text
    final = service.wait_for_job(response.json()["job_id"], timeout=180)
    assert final["status"] == "succeeded", final
    return final


@pytest.fixture(scope="module")
def eval_csv(real_matches: pl.DataFrame) -> bytes:
    """A common labelled test file: the latest 3,000 bundled matches."""
    return csv_bytes(real_matches.tail(3000))


@pytest.fixture(scope="module")
def heroes_only(service: LiveService, client: httpx.Client, training_csv: bytes) -> str:
    """The default model active, plus a clearly worse heroes-only model."""
    poll_until(lambda: _active(client) == DEFAULT_ID, timeout=180, interval=0.5)
    _fit(service, client, "heroes-only", training_csv, HEROES_ONLY)
    return "heroes-only"


def _form(**fields: str) -> dict[str, tuple[None, str]]:
    """Multipart fields without a file (httpx sends plain `data=` url-encoded)."""
    return {name: (None, value) for name, value in fields.items()}


def _predictions(client: httpx.Client, data: bytes, model_id: str) -> np.ndarray:
    response = client.post(
        "/api/v1/models/predict_csv",
        data={"model_id": model_id},
        files={"file": ("eval.csv", data, "text/csv")},
    )
    assert response.status_code == 200, response.text
    return np.array([p["radiant_win_probability"] for p in response.json()["predictions"]])


def test_evaluate_two_models_matches_sklearn(
    client: httpx.Client, heroes_only: str, eval_csv: bytes, real_matches: pl.DataFrame
) -> None:
    # Both models trained on (some of) these matches: scored in-sample, as asked.
    response = client.post(
        "/api/v1/models/evaluate",
        data={"model_ids": f"{heroes_only},{DEFAULT_ID}", "include_training_matches": "true"},
        files={"file": ("eval.csv", eval_csv, "text/csv")},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["n_matches"] == 3000
    assert all(r["in_sample"] and r["n_training_matches"] > 0 for r in body["results"])
    assert body["active_model_id"] == DEFAULT_ID
    assert body["evaluation_id"].startswith("eval-")
    y = real_matches.tail(3000)["radiant_win"].cast(pl.Float64).to_numpy()
    results = {r["model_id"]: r for r in body["results"]}
    assert set(results) == {heroes_only, DEFAULT_ID}
    for model_id, result in results.items():
        p = _predictions(client, eval_csv, model_id)
        assert result["accuracy"] == pytest.approx(np.mean((p >= 0.5) == (y == 1)), abs=1e-9)
        assert result["roc_auc"] == pytest.approx(roc_auc_score(y, p), abs=1e-9)
        assert result["log_loss"] == pytest.approx(log_loss(y, p), abs=1e-9)
        assert result["brier"] == pytest.approx(brier_score_loss(y, p), abs=1e-9)
        assert result["ece"] == pytest.approx(expected_calibration_error(y, p), abs=1e-9)
        assert len(result["calibration"]["bins"]) == 10
        assert result["roc_curve"]["fpr"][0] == 0.0 and result["roc_curve"]["tpr"][-1] == 1.0
    assert results[DEFAULT_ID]["vs_active"] is None and results[DEFAULT_ID]["is_active"]
    vs = results[heroes_only]["vs_active"]
    diff = results[heroes_only]["log_loss"] - results[DEFAULT_ID]["log_loss"]
    assert vs["log_loss_diff"] == pytest.approx(diff, abs=1e-9)
    auc_diff = results[heroes_only]["roc_auc"] - results[DEFAULT_ID]["roc_auc"]
    assert vs["roc_auc_diff"] == pytest.approx(auc_diff, abs=1e-9)
    assert vs["log_loss_ci"][0] <= vs["log_loss_diff"] <= vs["log_loss_ci"][1]
    assert vs["roc_auc_ci"][0] <= vs["roc_auc_diff"] <= vs["roc_auc_ci"][1]
    stored = client.get(
        "/api/v1/models/evaluation", params={"evaluation_id": body["evaluation_id"]}
    )
    assert stored.status_code == 200 and stored.json()["results"] == body["results"]
    # Same file, same seed: the same interval.
    again = client.post(
        "/api/v1/models/evaluate",
        data={"model_ids": heroes_only, "include_training_matches": "true"},
        files={"file": ("eval.csv", eval_csv, "text/csv")},
    ).json()
    again_results = {r["model_id"]: r for r in again["results"]}
    assert set(again_results) == {heroes_only, DEFAULT_ID}  # the active one is always scored
    assert again_results[heroes_only]["vs_active"] == vs


def test_evaluate_refuses_bad_input(client: httpx.Client, heroes_only: str) -> None:
    unlabelled = b"match_id,radiant_hero_1,radiant_hero_2\n1,2,3\n"
    response = client.post(
        "/api/v1/models/evaluate", files={"file": ("bad.csv", unlabelled, "text/csv")}
    )
    assert response.status_code == 400 and response.json()["error"] == "invalid_csv"
    response = client.post(
        "/api/v1/models/evaluate",
        data={"model_ids": "no-such-model"},
        files={"file": ("e.csv", b"x\n1\n", "text/csv")},
    )
    assert response.status_code in (400, 404)
    missing = client.get("/api/v1/models/evaluation", params={"evaluation_id": "eval-nope"})
    assert missing.status_code == 404 and missing.json()["error"] == "evaluation_not_found"


@pytest.fixture(scope="module")
def early(service: LiveService, client: httpx.Client, real_matches: pl.DataFrame) -> list[str]:
    """A default LR and a heroes-only LR trained before the latest 3,000 matches (the eval file),
    so that file is honest evidence between them."""
    head = csv_bytes(real_matches.head(real_matches.height - 3000))
    poll_until(lambda: _active(client) == DEFAULT_ID, timeout=180, interval=0.5)
    _fit(service, client, "early-lr", head, {})
    _fit(service, client, "early-heroes", head, HEROES_ONLY)
    return ["early-lr", "early-heroes"]


def test_promote_worse_refused_then_better_promoted_and_both_recorded(
    client: httpx.Client, early: list[str], eval_csv: bytes
) -> None:
    champion, worse = early
    start = client.put("/api/v1/models/activate", json={"model_id": champion})
    assert start.status_code == 200, start.text
    # A clearly worse challenger: not promoted, nothing changes.
    response = client.post(
        "/api/v1/models/promote",
        data={"model_id": worse},
        files={"file": ("eval.csv", eval_csv, "text/csv")},
    )
    assert response.status_code == 200, response.text
    refused = response.json()
    assert refused["promoted"] is False
    assert "not promoted" in refused["reason"]
    assert refused["evidence"]["vs_active"]["log_loss_ci"][0] > 0
    assert refused["evidence"]["mode"] == "point_in_time"
    assert refused["evidence"]["training_matches"] == {worse: 0, champion: 0}
    assert _active(client) == champion

    # Make the worse model the champion by hand (recorded), then the better one challenges it.
    manual = client.put("/api/v1/models/activate", json={"model_id": worse})
    assert manual.status_code == 200, manual.text
    evaluation = client.post(
        "/api/v1/models/evaluate",
        data={"model_ids": champion},
        files={"file": ("eval.csv", eval_csv, "text/csv")},
    ).json()
    response = client.post(
        "/api/v1/models/promote",
        files=_form(model_id=champion, evaluation_id=evaluation["evaluation_id"]),
    )
    assert response.status_code == 200, response.text
    promoted = response.json()
    assert promoted["promoted"] is True, promoted
    assert promoted["evidence"]["vs_active"]["log_loss_ci"][1] < 0
    assert _active(client) == champion

    # A stored evaluation against a former champion is stale now.
    stale = client.post(
        "/api/v1/models/promote",
        files=_form(model_id=worse, evaluation_id=evaluation["evaluation_id"]),
    ).json()
    assert stale["promoted"] is False and "evaluate again" in stale["reason"]

    history = client.get("/api/v1/models/activations").json()["activations"]
    assert [(a["previous_model_id"], a["model_id"]) for a in history[:3]] == [
        (worse, champion),
        (champion, worse),
        (DEFAULT_ID, champion),
    ]
    assert history[0]["actor"] == "anonymous" and "promoted" in history[0]["reason"]
    assert history[0]["evidence"]["evaluation_id"] == evaluation["evaluation_id"]
    assert "manual" in history[1]["reason"]
    assert history[-1]["actor"] == "bootstrap" and history[-1]["previous_model_id"] is None
    assert len(history) == 4  # the refused promotion changed nothing
    back = client.put("/api/v1/models/activate", json={"model_id": DEFAULT_ID})
    assert back.status_code == 200, back.text  # the module's other tests expect the default


def test_promote_needs_exactly_one_source(client: httpx.Client, heroes_only: str) -> None:
    response = client.post("/api/v1/models/promote", files=_form(model_id=heroes_only))
    assert response.status_code == 400 and response.json()["field"] == "file"


def _draft(radiant: list[int], dire: list[int]) -> dict[str, Any]:
    return {
        "radiant": [{"hero_id": h} for h in radiant],
        "dire": [{"hero_id": h} for h in dire],
    }


@pytest.mark.parametrize("side", ["radiant", "dire"])
def test_suggestions_equal_predict_on_the_completed_draft(
    client: httpx.Client, heroes_only: str, side: str
) -> None:
    own, other = [1, 2, 3, 4], [6, 7, 8, 9, 10]
    radiant, dire = (own, other) if side == "radiant" else (other, own)
    body = {**_draft(radiant, dire), "side": side, "bans": [11, "Pudge"], "top_n": 200}
    response = client.post("/api/v1/models/suggest_picks", json=body)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["model_id"] == DEFAULT_ID and result["side"] == side
    suggestions = result["suggestions"]
    assert len(suggestions) > 100
    ids = [s["hero_id"] for s in suggestions]
    assert not set(ids) & {1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 14}  # Pudge is hero 14
    probabilities = [s["win_probability"] for s in suggestions]
    assert probabilities == sorted(probabilities, reverse=True)
    for s in suggestions[:5] + suggestions[-3:]:
        draft = (
            _draft([*radiant, s["hero_id"]], dire)
            if side == "radiant"
            else _draft(radiant, [*dire, s["hero_id"]])
        )
        p = client.post("/api/v1/models/predict", json=draft).json()["radiant_win_probability"]
        expected = p if side == "radiant" else 1 - p
        assert abs(s["win_probability"] - expected) < 1e-9
        assert s["delta"] == pytest.approx(s["win_probability"] - result["current_probability"])


def test_suggestions_for_a_partial_draft_are_deterministic(
    client: httpx.Client, heroes_only: str
) -> None:
    body = {**_draft([1], []), "side": "dire", "bans": [5], "top_n": 7}
    first = client.post("/api/v1/models/suggest_picks", json=body).json()
    second = client.post("/api/v1/models/suggest_picks", json=body).json()
    assert first == second
    assert len(first["suggestions"]) == 7 and first["n_completions"] > 1
    assert {1, 5}.isdisjoint(s["hero_id"] for s in first["suggestions"])
    assert 0 < first["current_probability"] < 1
    bad = client.post(
        "/api/v1/models/suggest_picks", json={**_draft([1, 2, 3, 4, 5], []), "side": "radiant"}
    )
    assert bad.status_code == 400 and bad.json()["field"] == "radiant"
    twice = client.post(
        "/api/v1/models/suggest_picks", json={**_draft([1], []), "side": "dire", "bans": [1]}
    )
    assert twice.status_code == 400 and twice.json()["field"] == "bans"


def _rows(service: LiveService, table: str, model_id: str) -> int:
    path = service.database_url.split(":///", 1)[1]
    with sqlite3.connect(path) as db:
        return int(
            db.execute(f"SELECT count(*) FROM {table} WHERE model_id = ?", (model_id,)).fetchone()[
                0
            ]
        )


def test_delete_keeps_jobs_and_refuses_the_active_model(
    service: LiveService, client: httpx.Client, heroes_only: str, training_csv: bytes
) -> None:
    job = _fit(service, client, "to-delete", training_csv, {})
    assert _rows(service, "model_artifacts", "to-delete") == 1
    assert _rows(service, "players", "to-delete") > 0
    active = _active(client)
    assert active is not None and active != "to-delete"
    refused = client.delete("/api/v1/models/delete", params={"model_id": active})
    assert refused.status_code == 409 and refused.json()["error"] == "model_active"
    unknown = client.delete("/api/v1/models/delete", params={"model_id": "nope"})
    assert unknown.status_code == 404 and unknown.json()["error"] == "model_not_found"

    response = client.delete("/api/v1/models/delete", params={"model_id": "to-delete"})
    assert response.status_code == 200, response.text
    assert response.json() == {"model_id": "to-delete", "deleted": True, "jobs_kept": 1}
    listed = [m["model_id"] for m in client.get("/api/v1/models/list").json()["models"]]
    assert "to-delete" not in listed and active in listed
    info = client.get("/api/v1/models/model_info", params={"model_id": "to-delete"})
    assert info.status_code == 404
    assert _rows(service, "model_artifacts", "to-delete") == 0
    assert _rows(service, "players", "to-delete") == 0
    status = client.get("/api/v1/models/fit/status", params={"job_id": job["job_id"]}).json()
    assert status["status"] == "succeeded" and status["model_deleted"] is True
    jobs = client.get("/api/v1/models/fit/status").json()["jobs"]
    assert any(j["job_id"] == job["job_id"] and j["model_deleted"] for j in jobs)
    predict = client.post(
        "/api/v1/models/predict",
        json={**_draft([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]), "model_id": "to-delete"},
    )
    assert predict.status_code == 404


def test_a_cancelled_job_shows_cancelled_and_leaves_no_model(
    service: LiveService, client: httpx.Client, heroes_only: str
) -> None:
    # CatBoost on the bundled data takes long enough to be cancelled while queued or running.
    response = client.post(
        "/api/v1/models/fit",
        files=_form(
            model_type="catboost",
            hyperparameters=json.dumps({"iterations": 3000}),
            model_id="to-cancel",
        ),
    )
    assert response.status_code == 202, response.text
    job_id = response.json()["job_id"]
    cancelled = client.post("/api/v1/models/fit/cancel", json={"job_id": job_id})
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled" and cancelled.json()["model_deleted"]
    final = service.wait_for_job(job_id)
    assert final["status"] == "cancelled"
    listed = [m["model_id"] for m in client.get("/api/v1/models/list").json()["models"]]
    assert "to-cancel" not in listed
    jobs = client.get("/api/v1/models/fit/status").json()["jobs"]
    assert [j["status"] for j in jobs if j["job_id"] == job_id] == ["cancelled"]


def test_lifecycle_on_postgresql(redis_url: str, tmp_path: Path, training_csv: bytes) -> None:
    """The dropped foreign key and the new tables work on PostgreSQL too."""
    with temporary_database() as url:
        pg = LiveService(workdir=tmp_path, redis_url=redis_url, database=url).start()
        try:
            with pg.client() as client:
                poll_until(lambda: _active(client) == DEFAULT_ID, timeout=180, interval=0.5)
                history = client.get("/api/v1/models/activations").json()["activations"]
                assert [(a["actor"], a["model_id"]) for a in history] == [("bootstrap", DEFAULT_ID)]
                job = _fit(pg, client, "pg-heroes", training_csv, HEROES_ONLY)
                deleted = client.delete("/api/v1/models/delete", params={"model_id": "pg-heroes"})
                assert deleted.status_code == 200, deleted.text
                status = client.get(
                    "/api/v1/models/fit/status", params={"job_id": job["job_id"]}
                ).json()
                assert status["status"] == "succeeded" and status["model_deleted"] is True
                body = {**_draft([1, 2, 3, 4], [6, 7, 8, 9, 10]), "side": "radiant", "top_n": 3}
                picks = client.post("/api/v1/models/suggest_picks", json=body)
                assert picks.status_code == 200 and len(picks.json()["suggestions"]) == 3
        finally:
            pg.stop()
