"""The same service on PostgreSQL (asyncpg), chosen by URL."""

from __future__ import annotations

from pathlib import Path

from tests.support.live_service import LiveService, poll_until
from tests.support.postgres import temporary_database


def test_service_on_postgresql_bootstraps_predicts_and_survives_restart(
    redis_url: str, tmp_path: Path
) -> None:
    with temporary_database() as url:
        service = LiveService(workdir=tmp_path, redis_url=redis_url, database=url).start()
        try:
            draft = {
                "radiant": [{"hero_id": h} for h in (1, 2, 3, 4, 5)],
                "dire": [{"hero_id": h} for h in (6, 7, 8, 9, 10)],
            }
            with service.client() as client:
                active = poll_until(lambda: client.get("/").json()["active_model_id"], 90, 0.5)
                first = client.post("/api/v1/models/predict", json=draft).json()
                assert first["model_id"] == active
                accounts = client.get("/api/v1/data/account_ids", params={"limit": 5}).json()
                assert accounts["total"] > 1000 and len(accounts["account_ids"]) == 5
            service.stop()
            service.start_worker()
            service.start_api()
            with service.client() as client:
                assert client.get("/").json()["active_model_id"] == active
                again = client.post("/api/v1/models/predict", json=draft).json()
                assert again["radiant_win_probability"] == first["radiant_win_probability"]
        finally:
            service.stop()
