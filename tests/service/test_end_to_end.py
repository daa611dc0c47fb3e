"""The whole user journey through HTTP with a real arq worker, SQLite file and Redis/Valkey."""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

import httpx
import polars as pl
import pytest

from tests.conftest import csv_bytes
from tests.support.live_service import LiveService, poll_until

DRAFT: dict[str, Any] = {
    "radiant": [{"hero_id": h, "account_id": None} for h in (1, 2, 3, 4, 5)],
    "dire": [{"hero_id": h, "account_id": None} for h in (6, 7, 8, 9, 10)],
}


def _default_model_active(client: httpx.Client) -> dict[str, Any] | None:
    models = client.get("/api/v1/models/list").json()["models"]
    active = [m for m in models if m["is_active"]]
    return active[0] if active else None


def test_first_start_trains_and_activates_the_default_model(
    service: LiveService, client: httpx.Client
) -> None:
    active = poll_until(lambda: _default_model_active(client), timeout=90, interval=0.5)
    assert active["model_type"] == "logistic_regression"
    metrics = active["metrics"]
    for key in ("accuracy", "roc_auc", "log_loss", "brier", "baseline"):
        assert key in metrics
    assert 0.5 < metrics["roc_auc"] < 1.0
    # GET / answers from a check refreshed every second in the background.
    health = poll_until(
        lambda: (h := client.get("/").json())["active_model_id"] == active["model_id"] and h,
        timeout=30,
    )
    assert health["status"] == "ok"
    assert health["components"] == {"database": "ok", "queue": "ok", "disk": "ok"}
    response = client.post("/api/v1/models/predict", json=DRAFT)
    assert response.status_code == 200, response.text
    body = response.json()
    assert 0.0 < body["radiant_win_probability"] < 1.0
    assert body["winner"] == ("radiant" if body["radiant_win_probability"] >= 0.5 else "dire")


def test_fit_status_list_info_activate_predict_csv_accounts(
    service: LiveService, client: httpx.Client, training_csv: bytes, real_matches: pl.DataFrame
) -> None:
    poll_until(lambda: _default_model_active(client), timeout=90, interval=0.5)
    response = client.post(
        "/api/v1/models/fit",
        data={
            "model_type": "catboost",
            "hyperparameters": json.dumps({"iterations": 400, "depth": 4}),
            "model_id": "e2e-catboost",
        },
        files={"file": ("pro.csv", training_csv, "text/csv")},
    )
    assert response.status_code == 202, response.text
    accepted = response.json()
    assert accepted["status"] == "queued" and accepted["model_id"] == "e2e-catboost"
    job_id = accepted["job_id"]

    seen: list[dict[str, Any]] = []

    def finished() -> bool:
        status = client.get("/api/v1/models/fit/status", params={"job_id": job_id}).json()
        seen.append(status)
        return status["status"] in {"succeeded", "failed", "cancelled"}

    poll_until(finished, timeout=180, interval=0.05)
    final = seen[-1]
    assert final["status"] == "succeeded", (final, service.logs())
    running = [s for s in seen if s["status"] == "running"]
    assert running, "the job was never seen running"
    progresses = [s["progress"] for s in running]
    assert any(0.0 < p < 1.0 for p in progresses)
    assert len(set(progresses)) > 2, "progress did not move"
    assert progresses == sorted(progresses)
    assert final["progress"] == 1.0 and final["finished_at"] and final["started_at"]

    by_model = client.get("/api/v1/models/fit/status", params={"model_id": "e2e-catboost"})
    assert by_model.json()["job_id"] == job_id
    recent = client.get("/api/v1/models/fit/status").json()["jobs"]
    assert recent[0]["job_id"] == job_id

    listed = {m["model_id"]: m for m in client.get("/api/v1/models/list").json()["models"]}
    assert listed["e2e-catboost"]["status"] == "ready"
    assert not listed["e2e-catboost"]["is_active"]

    info = client.get("/api/v1/models/model_info", params={"model_id": "e2e-catboost"}).json()
    assert info["hyperparameters"]["iterations"] == 400
    assert "learning_rate" in info["hyperparameters"]  # defaults filled in
    assert info["training_summary"]["matches"] == 1500
    assert info["fit_seconds"] > 0
    names = " ".join(f["feature"] for f in info["feature_importances"])
    assert "radiant_hero" not in names  # hero names, not column numbers

    activated = client.put("/api/v1/models/activate", json={"model_id": "e2e-catboost"})
    assert activated.status_code == 200 and activated.json()["is_active"]
    poll_until(lambda: client.get("/").json()["active_model_id"] == "e2e-catboost", timeout=5)
    actives = [m for m in client.get("/api/v1/models/list").json()["models"] if m["is_active"]]
    assert [m["model_id"] for m in actives] == ["e2e-catboost"]

    predicted = client.post("/api/v1/models/predict", json=DRAFT).json()
    assert predicted["model_id"] == "e2e-catboost"

    sample = real_matches.head(25)
    upload = {"file": ("matches.csv", csv_bytes(sample), "text/csv")}
    as_json = client.post("/api/v1/models/predict_csv", files=upload).json()
    assert as_json["model_id"] == "e2e-catboost"
    assert [p["match_id"] for p in as_json["predictions"]] == sample["match_id"].to_list()
    assert as_json["quality"]["n_labelled"] == 25
    as_csv = client.post("/api/v1/models/predict_csv", files=upload, headers={"Accept": "text/csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert [int(r["match_id"]) for r in rows] == sample["match_id"].to_list()
    by_query = client.post("/api/v1/models/predict_csv", params={"format": "csv"}, files=upload)
    queried = list(csv.DictReader(io.StringIO(by_query.text)))
    # The same predictions; each request has its own ledger ids.
    assert [{**r, "prediction_id": ""} for r in queried] == [
        {**r, "prediction_id": ""} for r in rows
    ]
    assert all(r["prediction_id"] for r in queried + rows)
    assert {r["prediction_id"] for r in queried}.isdisjoint(r["prediction_id"] for r in rows)

    accounts = client.get("/api/v1/data/account_ids", params={"limit": 10}).json()
    assert accounts["model_id"] == "e2e-catboost"
    assert len(accounts["account_ids"]) == 10 and accounts["total"] > 10
    known = accounts["account_ids"][0]
    with_player = {**DRAFT, "radiant": [{"hero_id": 1, "account_id": known}, *DRAFT["radiant"][1:]]}
    assert (
        client.post("/api/v1/models/predict", json=with_player).json()["unknown_account_ids"] == []
    )
    stranger = {**DRAFT, "dire": [{"hero_id": 6, "account_id": 123}, *DRAFT["dire"][1:]]}
    assert client.post("/api/v1/models/predict", json=stranger).json()["unknown_account_ids"] == [
        123
    ]


def test_heroes_by_name_and_model_types(client: httpx.Client) -> None:
    poll_until(lambda: _default_model_active(client), timeout=90, interval=0.5)
    by_name = {
        "radiant": [
            {"hero_id": n} for n in ("anti-mage", "Axe", "BANE", "bloodseeker", "Crystal Maiden")
        ],
        "dire": [{"hero_id": h} for h in (6, 7, 8, 9, 10)],
    }
    by_id = client.post("/api/v1/models/predict", json=DRAFT).json()
    named = client.post("/api/v1/models/predict", json=by_name).json()
    assert named["radiant_win_probability"] == by_id["radiant_win_probability"]
    types = {t["name"]: t for t in client.get("/api/v1/models/types").json()["model_types"]}
    assert {"logistic_regression", "catboost", "hist_gradient_boosting"} <= set(types)
    assert types["logistic_regression"]["is_default"]
    heroes = client.get("/api/v1/heroes").json()["heroes"]
    assert len(heroes) == 127 and heroes[0]["name"] == "Anti-Mage"


def test_explanations_add_up_to_the_prediction(client: httpx.Client) -> None:
    poll_until(lambda: _default_model_active(client), timeout=90, interval=0.5)
    body = client.post("/api/v1/models/predict", json={**DRAFT, "explain": True}).json()
    factors = body["factors"]
    assert {f["kind"] for f in factors} == {"feature", "other", "baseline"}
    assert any("Anti-Mage" in f["factor"] or "hero" in f["factor"].lower() for f in factors)
    probability = body["radiant_win_probability"]
    logit = math.log(probability / (1 - probability))
    assert sum(f["contribution"] for f in factors) == pytest.approx(logit, abs=1e-6)
    assert client.post("/api/v1/models/predict", json=DRAFT).json()["factors"] is None
