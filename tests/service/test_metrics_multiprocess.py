"""Metrics that add up across API processes sharing PROMETHEUS_MULTIPROC_DIR.

Request counters and histograms are summed; the queue depth (the same Redis value seen by every
process, and what KEDA scales the workers on) is reported once, not once per process; ledger
drops, each process's own, are summed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import redis
from prometheus_client import CollectorRegistry, multiprocess
from prometheus_client.parser import text_string_to_metric_families

from backend.db.migrate import upgrade_to_head
from backend.settings import REPO_ROOT
from tests.support.live_service import LiveService, poll_until, stop_process

# One process's exports: queue depth, jobs and health (as the health refresher sets them) and
# a ledger-drop count; argv: queue depth, drops.
_EXPORT = textwrap.dedent(
    """
    import sys
    from backend.api.metrics import export_health
    from backend.context import HealthState
    from backend.api.monitoring.gauges import _gauges

    depth, dropped = int(sys.argv[1]), int(sys.argv[2])
    export_health(HealthState(database=True, queue=True, active_model_id="m1",
                              jobs_by_status={"queued": depth}, queue_depth=depth))
    _gauges()["dropped"].set(dropped)
    """
)


def _collected(directory: Path) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample MultiProcessCollector reads from the directory, by name and labels."""
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=str(directory))
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in registry.collect()
        for sample in family.samples
    }


def _scrape(base_url: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    text = httpx.get(base_url + "/metrics", timeout=10).text
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _requests_to_root(samples: dict[tuple[str, tuple[tuple[str, str], ...]], float]) -> float:
    return sum(
        value
        for (name, labels), value in samples.items()
        if name == "dota_predict_requests_total" and ("path", "/") in labels
    )


def test_gauges_combine_by_their_mode_across_processes(tmp_path: Path) -> None:
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    for depth, dropped in ((5, 2), (5, 3)):
        done = subprocess.run(
            [sys.executable, "-c", _EXPORT, str(depth), str(dropped)],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr.decode()
    samples = _collected(tmp_path)
    assert samples[("dota_predict_queue_depth", ())] == 5  # once, not 10
    assert samples[("dota_predict_jobs", (("status", "queued"),))] == 5
    assert samples[("dota_predict_ledger_dropped", ())] == 5  # 2 + 3
    assert samples[("dota_predict_active_model", (("model_id", "m1"),))] == 1
    assert samples[("dota_predict_component_up", (("component", "queue"),))] == 1


@pytest.fixture
def two_apis(redis_url: str, tmp_path: Path) -> Iterator[tuple[LiveService, LiveService, Path]]:
    """Two API processes on one SQLite file and queue, sharing one multiprocess directory."""
    metrics_dir = tmp_path / "prometheus"
    metrics_dir.mkdir()
    database = f"sqlite+aiosqlite:///{tmp_path / 'service.db'}"
    upgrade_to_head(database)
    env = {
        "APP_QUEUE_NAME": f"multiproc:{tmp_path.name}",
        "APP_BOOTSTRAP_DEFAULT_MODEL": "false",
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
    }
    sides = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        sides.append(
            LiveService(
                workdir=tmp_path / name, redis_url=redis_url, database=database, extra_env=env
            )
        )
    try:
        for side in sides:
            side.start_api()
        yield sides[0], sides[1], metrics_dir
    finally:
        for side in sides:
            side.stop()


@pytest.mark.slow
def test_two_live_api_processes_add_up(
    two_apis: tuple[LiveService, LiveService, Path], redis_url: str
) -> None:
    a, b, metrics_dir = two_apis
    before = _requests_to_root(_scrape(a.base_url))
    with a.client() as client_a, b.client() as client_b:
        for _ in range(7):
            assert client_a.get("/").status_code == 200
        for _ in range(5):
            assert client_b.get("/").status_code == 200
    # Either process answers for both: 12 more requests to / whichever one is scraped.
    assert _requests_to_root(_scrape(b.base_url)) == before + 12
    assert _requests_to_root(_scrape(a.base_url)) == before + 12

    queue = redis.Redis.from_url(redis_url)
    name = a.env()["APP_QUEUE_NAME"]
    try:
        queue.zadd(name, {"fake-1": 1, "fake-2": 2, "fake-3": 3})
        seen: list[float] = []

        def depth_three() -> bool:
            seen.append(_scrape(a.base_url)[("dota_predict_queue_depth", ())])
            return seen[-1] == 3

        poll_until(depth_three, timeout=30, interval=0.2)
        # Both processes have refreshed (every APP_HEALTH_REFRESH_SECONDS = 1 s) and still 3.
        poll_until(lambda: len(list(metrics_dir.glob("gauge_mostrecent_*.db"))) == 2, timeout=10)
        for _ in range(5):
            seen.append(_scrape(b.base_url)[("dota_predict_queue_depth", ())])
        assert max(seen) == 3, seen
    finally:
        queue.delete(name)

    # A process that stops cleanly leaves the live gauges to the others.
    assert b.api is not None
    pid = b.api.pid
    stop_process(b.api)
    assert not list(metrics_dir.glob(f"gauge_live*_{pid}.db"))
    samples = _scrape(a.base_url)
    assert samples[("dota_predict_component_up", (("component", "database"),))] == 1
    assert _requests_to_root(samples) >= before + 12  # counters keep the stopped one's share


def test_compose_api_processes_share_a_fresh_multiprocess_directory() -> None:
    import yaml

    api = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())["services"]["api"]
    assert "--workers" in api["command"]  # several processes behind one port: one view needed
    directory = api["environment"]["PROMETHEUS_MULTIPROC_DIR"]
    assert directory in api["tmpfs"]  # empty at every container start (no stale pid files)


def test_one_process_reports_only_the_model_it_serves_now() -> None:
    from prometheus_client import REGISTRY

    from backend.api.metrics import export_health
    from backend.context import HealthState

    def served() -> dict[str, float]:
        return {
            sample.labels["model_id"]: sample.value
            for family in REGISTRY.collect()
            if family.name == "dota_predict_active_model"
            for sample in family.samples
        }

    export_health(HealthState(database=True, queue=True, active_model_id="first"))
    assert served().get("first") == 1
    export_health(HealthState(database=True, queue=True, active_model_id="second"))
    assert served().get("second") == 1 and "first" not in served()
    export_health(HealthState(database=True, queue=True, active_model_id=None))
    assert "second" not in served()
