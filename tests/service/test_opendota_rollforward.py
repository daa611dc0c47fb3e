"""The OpenDota sync feeds the live service: its results roll a served model forward."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from tests.service.results_support import train
from tests.support.fake_opendota import FakeOpenDota
from tests.support.live_service import LiveService, poll_until

MODEL = "sync-lr"
REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def training(ordered: pl.DataFrame) -> pl.DataFrame:
    return ordered.slice(ordered.height - 2700, 1200)


@pytest.fixture(scope="module")
def service(
    redis_url: str, tmp_path_factory: pytest.TempPathFactory, training: pl.DataFrame
) -> Iterator[LiveService]:
    live = LiveService(
        workdir=tmp_path_factory.mktemp("sync"),
        redis_url=redis_url,
        extra_env={"APP_BOOTSTRAP_DEFAULT_MODEL": "false"},
    ).start()
    train(live, training, MODEL)
    yield live
    live.stop()


def test_synced_results_roll_the_model_forward(
    service: LiveService, training: pl.DataFrame, later: pl.DataFrame
) -> None:
    synced = later.tail(300)
    end = training.select(pl.max_horizontal("start_time")).to_series().max()
    newer = int((synced["start_time"] > end).sum())
    assert newer > 250  # the later matches are after the training slice
    with FakeOpenDota(synced) as fake:
        env = {k: v for k, v in os.environ.items() if not k.startswith("APP_")}
        env.update(
            APP_DATABASE_URL=service.database_url,
            APP_OPENDOTA_BASE_URL=fake.base_url,
            APP_OPENDOTA_CALLS_PER_MINUTE="60000",
        )
        done = subprocess.run(
            [sys.executable, "-m", "backend.opendota", "--max-matches", "1000", "--players"],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            timeout=180,
            check=False,
        )
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["stored"] == 300
    with service.client() as client:

        def applied() -> int | None:
            info = client.get("/api/v1/models/model_info", params={"model_id": MODEL}).json()
            return info["results_applied"] or None

        assert poll_until(applied, timeout=60, interval=0.2) == newer
        # The same matches posted again through the route are all duplicates.
        again = client.post(
            "/api/v1/data/results",
            files={"file": ("r.csv", synced.write_csv().encode(), "text/csv")},
        )
        assert again.status_code == 200 and again.json()["duplicates"] == 300
        # Pro names cached from /proPlayers show beside the account ids the model knows.
        params: dict[str, str | int] = {"limit": 10_000, "model_id": MODEL}
        listed = client.get("/api/v1/data/account_ids", params=params).json()
        assert [p["account_id"] for p in listed["players"]] == listed["account_ids"]
        pros = {a for c in synced.columns if "account" in c for a in synced[c].drop_nulls()}
        named = {p["account_id"]: p["name"] for p in listed["players"] if p["name"]}
        assert named and set(named) == pros & set(listed["account_ids"])
        assert all(name == f"test-player-{a}" for a, name in named.items())
