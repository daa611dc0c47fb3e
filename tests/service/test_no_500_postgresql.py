"""Text PostgreSQL cannot store (a NUL character) is a 400 there too, not a 500."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.db.migrate import upgrade_to_head
from tests.support.live_service import LiveService
from tests.support.postgres import temporary_database


def test_nul_characters_are_a_400_on_postgresql(redis_url: str, tmp_path: Path) -> None:
    with temporary_database() as url:
        upgrade_to_head(url)
        api = LiveService(
            workdir=tmp_path,
            redis_url=redis_url,
            database=url,
            extra_env={"APP_BOOTSTRAP_DEFAULT_MODEL": "false"},
        )
        api.start_api()
        try:
            with api.client() as client:
                responses = [
                    client.get("/api/v1/models/model_info", params={"model_id": "a\x00b"}),
                    client.get("/api/v1/models/fit/status", params={"job_id": "\x00"}),
                    client.get("/api/v1/models/fit/status", params={"model_id": "\x00"}),
                    client.get("/api/v1/data/account_ids", params={"model_id": "\x00"}),
                    client.put("/api/v1/models/activate", json={"model_id": "x\x00"}),
                    client.post("/api/v1/models/fit/cancel", json={"job_id": "x\x00"}),
                    client.post(
                        "/api/v1/models/predict",
                        json={
                            "radiant": [{"hero_id": h} for h in range(1, 6)],
                            "dire": [{"hero_id": h} for h in range(6, 11)],
                            "model_id": "\x00",
                        },
                    ),
                    client.post(
                        "/api/v1/models/predict_csv",
                        files=[("file", ("m.csv", b"x\n1\n")), ("model_id", (None, "\x00"))],
                    ),
                ]
            for response in responses:
                assert 400 <= response.status_code < 500, (response.request.url, response.text)
        finally:
            api.stop()


pytestmark = pytest.mark.filterwarnings("ignore")
