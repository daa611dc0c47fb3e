"""The in-process arq worker fixture (tests/support/inprocess_worker.py) serves a live API:
the bootstrapped default model and a fit both train through it, and it stops cleanly."""

from __future__ import annotations

from pathlib import Path

from backend.db.migrate import upgrade_to_head
from tests.support.inprocess_worker import inprocess_worker, settings_of
from tests.support.live_service import LiveService, poll_until, stop_process


def test_an_api_without_a_worker_process_trains_through_the_in_process_worker(
    tmp_path: Path, redis_url: str, training_csv: bytes
) -> None:
    service = LiveService(workdir=tmp_path, redis_url=redis_url)
    upgrade_to_head(service.database_url)
    service.start_api()  # no worker process: only the thread below consumes the queue
    try:
        with inprocess_worker(settings_of(service)) as worker, service.client() as client:
            active = poll_until(lambda: client.get("/").json()["active_model_id"], timeout=180)
            response = client.post(
                "/api/v1/models/fit",
                data={"model_id": "in-process", "model_type": "logistic_regression"},
                files={"file": ("train.csv", training_csv, "text/csv")},
            )
            assert response.status_code == 202, response.text
            job = service.wait_for_job(response.json()["job_id"], timeout=180)
            assert job["status"] == "succeeded", job
            assert worker.jobs_complete >= 2 and worker.jobs_failed == 0  # default + this fit
            info = client.get("/api/v1/models/model_info", params={"model_id": "in-process"})
            assert info.status_code == 200 and info.json()["status"] == "ready"
            assert active == client.get("/").json()["active_model_id"]
        assert worker.main_task is not None and worker.main_task.done()
    finally:
        stop_process(service.api)
