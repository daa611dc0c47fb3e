"""Soak under mixed load (bounded for CI): 20 clients x 60 s against `make run`'s topology.

The launcher with its default 2 API processes on one socket, on SQLite and on PostgreSQL; every
client mixes predict, predict_csv (1k rows), reads, fit, activate, delete, evaluate and results
ingestion (bench/mixed_load.py; run that for longer probes). No 5xx (a 503 must carry
Retry-After), no 429/503 without Retry-After, and no /predict timeout; the per-route table with
p99 is printed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bench.mixed_load import DRAFT, run_mix
from tests.support.launcher import launched
from tests.support.live_service import poll_until
from tests.support.postgres import temporary_database

pytestmark = pytest.mark.slow

CLIENTS = int(os.environ.get("MIXED_LOAD_CLIENTS", "20"))
SECONDS = float(os.environ.get("MIXED_LOAD_SECONDS", "60"))


@pytest.fixture(params=["sqlite", "postgresql"])
def database_env(request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    if request.param == "sqlite":
        yield {}
    else:
        with temporary_database() as url:
            yield {"APP_DATABASE_URL": url}


def _serves(base_url: str) -> bool:
    try:
        return httpx.post(base_url + "/api/v1/models/predict", json=DRAFT, timeout=5).is_success
    except httpx.HTTPError:
        return False


def test_mixed_load_has_no_5xx_and_no_predict_timeout(
    database_env: dict[str, str], tmp_path: Path
) -> None:
    with launched(tmp_path, "--no-ui", env=database_env) as run:
        poll_until(lambda: _serves(run.base_url), timeout=300, interval=0.5)
        report = run_mix(run.base_url, CLIENTS, SECONDS)
        assert _serves(run.base_url)  # and it still serves afterwards
    print(f"\nmixed load, {CLIENTS} clients x {SECONDS:g} s, {database_env or 'sqlite'}:")
    print(report.table())
    failures = report.failures()
    timeouts = report.routes["predict"].statuses.get("timeout", 0)
    assert timeouts == 0, f"{timeouts} /predict requests timed out"
    assert report.routes["predict"].statuses.get("200", 0) > 100, report.table()
    assert not failures, "\n".join(failures[:30])
