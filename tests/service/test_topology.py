"""The compose topology as processes: migrate gate, 2 workers, 2 API processes, PostgreSQL, Redis.

No container engine runs here, so this brings up what docker-compose.yml describes and runs the
fault scenarios against it: SIGTERM of the worker running a job (the job is re-queued at once
and finished by the other worker) and kill -9 of one API process (the other keeps serving).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend.settings import REPO_ROOT
from tests.service.test_supervision import DRAFT, MID_CATBOOST, PredictLoad, record
from tests.support.live_service import LiveService, poll_until
from tests.support.postgres import temporary_database


def _status(client: httpx.Client, job_id: str) -> dict[str, Any]:
    return dict(client.get("/api/v1/models/fit/status", params={"job_id": job_id}).json())


def _fit(client: httpx.Client, model_type: str, model_id: str, csv: bytes, **extra: str) -> str:
    response = client.post(
        "/api/v1/models/fit",
        data={"model_type": model_type, "model_id": model_id, **extra},
        files={"file": ("pro.csv", csv, "text/csv")},
    )
    assert response.status_code == 202, response.text
    return str(response.json()["job_id"])


@pytest.fixture(scope="module")
def topology(
    redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LiveService, LiveService]]:
    """Two (api, worker) pairs on one PostgreSQL database and one queue, after a migrate gate."""
    with temporary_database() as database:
        root = tmp_path_factory.mktemp("topology")
        shared = {
            "APP_QUEUE_NAME": f"topology:{root.name}",
            "APP_BOOTSTRAP_DEFAULT_MODEL": "false",
        }
        sides = [
            LiveService(
                workdir=root / side, redis_url=redis_url, database=database, extra_env=dict(shared)
            )
            for side in ("a", "b")
        ]
        for side in sides:
            side.workdir.mkdir()
        # The one-shot migrate service; api and workers start only after it succeeded.
        gate = subprocess.run(
            [sys.executable, "-m", "backend.db.migrate"],
            cwd=REPO_ROOT,
            env=sides[0].env(),
            capture_output=True,
            timeout=120,
        )
        assert gate.returncode == 0, gate.stderr.decode()
        try:
            for side in sides:
                side.start_worker()
            for side in sides:
                side.start_api()
            yield sides[0], sides[1]
        finally:
            for side in sides:
                side.stop()


def _worker_running(sides: tuple[LiveService, LiveService], job_id: str, attempt: int) -> int:
    """Index of the worker whose log says it started this attempt, else -1."""
    for index, side in enumerate(sides):
        log = (side.workdir / "worker.log").read_text(errors="replace")
        if f"training job {job_id} attempt {attempt}/" in log:
            return index
    return -1


def test_sigterm_worker_requeues_and_the_other_worker_finishes(
    topology: tuple[LiveService, LiveService], training_csv: bytes
) -> None:
    a, b = topology
    with a.client() as client_a, b.client() as client_b:
        small = _fit(client_a, "logistic_regression", "topo-lr", training_csv)
        assert b.wait_for_job(small)["status"] == "succeeded"
        activated = client_b.put("/api/v1/models/activate", json={"model_id": "topo-lr"})
        assert activated.status_code == 200, activated.text
        for client in (client_a, client_b):  # each process has loaded the model

            def predicts(c: httpx.Client = client) -> bool:
                return c.post("/api/v1/models/predict", json=DRAFT).status_code == 200

            poll_until(predicts, timeout=60)
        job_id = _fit(client_a, "catboost", "topo-cb", training_csv, hyperparameters=MID_CATBOOST)
        with PredictLoad(a.base_url) as load_a, PredictLoad(b.base_url) as load_b:
            poll_until(
                lambda: (
                    (s := _status(client_b, job_id))["status"] == "running"
                    and float(s["progress"]) >= 0.1
                ),
                timeout=90,
                interval=0.1,
            )
            first = poll_until(lambda: _worker_running(topology, job_id, 1) + 1, timeout=60) - 1
            stopping, other = topology[first], topology[1 - first]
            assert stopping.worker is not None
            asked = time.monotonic()
            stopping.worker.send_signal(signal.SIGTERM)
            exit_code = stopping.worker.wait(timeout=30)
            exited = time.monotonic()
            poll_until(lambda: int(_status(client_b, job_id)["attempts"]) >= 2, timeout=30)
            requeued = time.monotonic()
            final = b.wait_for_job(job_id, timeout=180)
        assert exit_code == 0, stopping.logs()
        assert final["status"] == "succeeded", final
        assert final["attempts"] == 2, final
        assert _worker_running((other, other), job_id, 2) == 0, "the other worker did not run it"
        assert "queued again (attempt 2)" in (stopping.workdir / "worker.log").read_text()
        assert load_a.failures == 0 and load_b.failures == 0, (load_a.errors, load_b.errors)
        record(
            a.workdir,
            "SIGTERM worker mid-job (topology, PostgreSQL)",
            worker_exited_s=round(exited - asked, 2),
            picked_up_by_other_s=round(requeued - asked, 2),
            predictions=len(load_a.results) + len(load_b.results),
            predictions_failed=load_a.failures + load_b.failures,
        )


def test_one_api_process_killed_the_other_keeps_serving(
    topology: tuple[LiveService, LiveService],
) -> None:
    a, b = topology
    with PredictLoad(b.base_url) as load:
        poll_until(lambda: len(load.results) >= 5, timeout=30)
        assert a.api is not None
        os.kill(a.api.pid, signal.SIGKILL)
        a.api.wait()
        killed = time.monotonic()
        poll_until(lambda: sum(at > killed for at, _ in load.results) >= 20, timeout=30)
    with b.client() as client:
        assert client.get("/").json()["status"] == "ok"
        assert client.post("/api/v1/models/predict", json=DRAFT).status_code == 200
    assert load.failures == 0
    record(
        Path(b.workdir),
        "kill -9 one of two API processes (topology)",
        predictions=len(load.results),
        predictions_failed=load.failures,
    )
