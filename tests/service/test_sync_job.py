"""The OpenDota sync as a worker job, end to end against the local fake OpenDota (real HTTP).

Started by POST /api/v1/data/sync, watched through /status, cancelled through /cancel; a kill -9
of the worker mid-page is resumed by the next worker from the stored cursor with no match stored
twice; an unusable OpenDota is a failed job with the reason; the schedule queues runs by itself.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import polars as pl
import pytest
from sqlalchemy import text

from backend.db.engine import make_engine
from tests.service.results_support import train
from tests.support.fake_opendota import PAGE, FakeOpenDota, Fault
from tests.support.live_service import LiveService, free_port, poll_until
from tests.support.postgres import temporary_database

pytestmark = pytest.mark.slow
MODEL = "sync-job-lr"
FINISHED = {"succeeded", "failed", "cancelled"}


def start(
    tmp: Path, redis_url: str, base_url: str, database: str | None = None, **env: str
) -> LiveService:
    return LiveService(
        workdir=tmp,
        redis_url=redis_url,
        database=database,
        extra_env={
            "APP_BOOTSTRAP_DEFAULT_MODEL": "false",
            "APP_OPENDOTA_BASE_URL": base_url,
            "APP_OPENDOTA_CALLS_PER_MINUTE": "60000",
            **env,
        },
    ).start()


def query(service: LiveService, sql: str) -> list[tuple[Any, ...]]:
    async def go() -> list[tuple[Any, ...]]:
        engine = make_engine(service.database_url)
        async with engine.connect() as connection:
            rows = (await connection.execute(text(sql))).all()
        await engine.dispose()
        return [tuple(r) for r in rows]

    return asyncio.run(go())


def status(client: httpx.Client, job_id: str) -> dict[str, Any]:
    response = client.get("/api/v1/data/sync/status", params={"job_id": job_id})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def wait_finished(service: LiveService, job_id: str, timeout: float = 180) -> dict[str, Any]:
    with service.client() as client:

        def done() -> dict[str, Any] | None:
            body = status(client, job_id)
            return body if body["status"] in FINISHED else None

        try:
            result: dict[str, Any] = poll_until(done, timeout=timeout, interval=0.2)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n{status(client, job_id)}\n{service.logs()}") from exc
        return result


@pytest.fixture(scope="module")
def matches(real_matches: pl.DataFrame) -> pl.DataFrame:
    return real_matches.filter(pl.col("start_time").is_not_null()).sort("match_id").tail(250)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest) -> Iterator[str | None]:
    if request.param == "sqlite":
        yield None  # the service's own SQLite file
    else:
        with temporary_database() as url:
            yield url


@pytest.fixture
def fake(matches: pl.DataFrame) -> Iterator[FakeOpenDota]:
    with FakeOpenDota(matches) as server:
        yield server


def test_a_sync_job_stores_results_rolls_a_model_forward_and_caches_names(
    redis_url: str, tmp_path: Path, ordered: pl.DataFrame, later: pl.DataFrame
) -> None:
    training = ordered.slice(ordered.height - 2700, 1200)
    synced = later.tail(300)
    end = training["start_time"].max()
    newer = int((synced["start_time"] > end).sum())
    assert newer > 250
    with FakeOpenDota(synced) as fake:
        service = start(tmp_path, redis_url, fake.base_url)
        try:
            train(service, training, MODEL)
            with service.client() as client:
                body = {"max_matches": 1000, "players": True, "as_dataset": True}
                started = client.post("/api/v1/data/sync", json=body)
                assert started.status_code == 202, started.text
                job = started.json()
                assert job["status"] == "queued" and job["options"]["players"] is True
                final = wait_finished(service, job["job_id"])
                assert final["status"] == "succeeded", final
                assert (final["stored"], final["duplicates"], final["progress"]) == (300, 0, 1.0)
                assert final["player_names"] > 0 and final["calls"] == fake.calls()
                # The run's matches as a dataset, and as results rolling the model forward.
                info = client.get(
                    "/api/v1/data/datasets/info", params={"dataset_id": final["dataset_id"]}
                )
                assert info.status_code == 200 and info.json()["n_matches"] == 300

                def applied() -> int | None:
                    got = client.get("/api/v1/models/model_info", params={"model_id": MODEL})
                    return got.json()["results_applied"] or None

                assert poll_until(applied, timeout=60, interval=0.2) == newer
                listed = client.get(
                    "/api/v1/data/account_ids", params={"limit": 10_000, "model_id": MODEL}
                ).json()
                named = {p["account_id"]: p["name"] for p in listed["players"] if p["name"]}
                assert named and all(n == f"test-player-{a}" for a, n in named.items())
                # The latest job without an id; the list; a finished job cannot be cancelled.
                latest = client.get("/api/v1/data/sync/status").json()
                assert latest["job_id"] == job["job_id"]
                jobs = client.get("/api/v1/data/sync/jobs").json()["jobs"]
                assert [j["job_id"] for j in jobs] == [job["job_id"]]
                again = client.post("/api/v1/data/sync/cancel", json={"job_id": job["job_id"]})
                assert again.status_code == 409 and again.json()["error"] == "job_finished"
        finally:
            service.stop()


def test_one_sync_at_a_time_and_cancel_stores_nothing_of_its_page(
    redis_url: str,
    tmp_path: Path,
    fake: FakeOpenDota,
    matches: pl.DataFrame,
    database: str | None,
) -> None:
    first_page = matches["match_id"].sort(descending=True).to_list()[:PAGE]
    for match_id in first_page:
        fake.fail(f"/matches/{match_id}", Fault(delay=0.1))  # a slow OpenDota
    service = start(tmp_path, redis_url, fake.base_url, database)
    try:
        with service.client() as client:
            job = client.post("/api/v1/data/sync", json={}).json()
            poll_until(lambda: fake.calls("/api/matches/") >= 10, timeout=60, interval=0.05)
            second = client.post("/api/v1/data/sync", json={"max_matches": 5})
            assert second.status_code == 409, second.text
            assert second.json()["error"] == "sync_running"
            assert job["job_id"] in second.json()["message"]
            cancelled = client.post("/api/v1/data/sync/cancel", json={"job_id": job["job_id"]})
            assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
            # The worker notices within its heartbeat and stops mid-page.
            poll_until(
                lambda: f"sync job {job['job_id']} stopped" in service.logs(),
                timeout=30,
                interval=0.1,
            )
            assert fake.calls("/api/matches/") < PAGE
            assert query(service, "SELECT COUNT(*) FROM match_results") == [(0,)]
            assert query(service, "SELECT COUNT(*) FROM opendota_sync") == [(0,)]
            assert status(client, job["job_id"])["status"] == "cancelled"
            # Another sync may start now.
            third = client.post("/api/v1/data/sync", json={"max_matches": 1})
            assert third.status_code == 202, third.text
    finally:
        service.stop()


def test_a_killed_worker_is_resumed_from_the_cursor_with_no_match_stored_twice(
    redis_url: str,
    tmp_path: Path,
    fake: FakeOpenDota,
    matches: pl.DataFrame,
    database: str | None,
) -> None:
    second_page = matches["match_id"].sort(descending=True).to_list()[PAGE : 2 * PAGE]
    for match_id in second_page[:60]:
        fake.fail(f"/matches/{match_id}", Fault(delay=0.05))
    service = start(tmp_path, redis_url, fake.base_url, database)
    try:
        with service.client() as client:
            job = client.post("/api/v1/data/sync", json={"max_matches": 10_000}).json()
            poll_until(lambda: fake.calls("/api/matches/") >= PAGE + 30, timeout=60, interval=0.02)
            service.kill_worker()
            # The first page and its cursor are stored; nothing of the second.
            assert query(service, "SELECT COUNT(*) FROM match_results") == [(PAGE,)]
            assert status(client, job["job_id"])["status"] == "running"
            service.start_worker()  # its sweep finds the stale heartbeat and queues attempt 2
            final = wait_finished(service, job["job_id"])
            assert final["status"] == "succeeded", final
            assert final["attempts"] == 2 and final["stored"] == 150
        ids = [r[0] for r in query(service, "SELECT match_id FROM match_results ORDER BY 1")]
        assert ids == matches["match_id"].to_list()  # every match once
        listed = [q.get("less_than_match_id") for p, q in fake.requests if p == "/api/proMatches"]
        assert listed.count(None) == 1  # the resume started at the cursor, not the newest page
    finally:
        service.stop()


def test_an_unreachable_opendota_fails_the_job_with_the_reason(
    redis_url: str, tmp_path: Path
) -> None:
    service = start(tmp_path, redis_url, f"http://127.0.0.1:{free_port()}/api")
    try:
        with service.client() as client:
            job = client.post("/api/v1/data/sync", json={"max_matches": 10}).json()
        final = wait_finished(service, job["job_id"])
        assert final["status"] == "failed"
        assert final["error"].startswith("OpenDota could not be used: ")
        assert "cannot reach OpenDota at http://127.0.0.1:" in final["error"]
        assert query(service, "SELECT COUNT(*) FROM match_results") == [(0,)]
        assert service.api is not None and service.api.poll() is None  # nothing crashed
        assert service.worker is not None and service.worker.poll() is None
    finally:
        service.stop()


def test_the_schedule_queues_syncs_by_itself(
    redis_url: str, tmp_path: Path, fake: FakeOpenDota
) -> None:
    service = start(
        tmp_path,
        redis_url,
        fake.base_url,
        APP_OPENDOTA_SYNC_MINUTES="0.05",
        APP_OPENDOTA_SYNC_MAX_MATCHES="100",
    )
    try:
        with service.client() as client:

            def two_scheduled() -> list[dict[str, Any]] | None:
                jobs = client.get("/api/v1/data/sync/jobs").json()["jobs"]
                done = [j for j in jobs if j["scheduled"] and j["status"] == "succeeded"]
                return done if len(done) >= 2 else None

            done = poll_until(two_scheduled, timeout=120, interval=0.2)
        assert sum(j["stored"] for j in done) >= 100  # the first run took a page
        assert query(service, "SELECT COUNT(DISTINCT match_id) = COUNT(*) FROM match_results")
    finally:
        service.stop()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"max_matches": 0}, "max_matches"),
        ({"max_matches": 100_001}, "max_matches"),
        ({"since": "2024-13-01"}, "since"),
        ({"since": "2024-05-02", "until": "2024-05-01"}, None),
        ({"league_ids": [0]}, "league_ids"),
        ({"league_ids": [True]}, "league_ids"),
        ({"league_ids": list(range(1, 60))}, "league_ids"),
        ({"max_match": 10}, "max_match"),
        ({"players": "perhaps"}, "players"),
    ],
)
def test_bad_sync_options_are_a_400_naming_the_field(
    client: httpx.Client, body: dict[str, Any], field: str | None
) -> None:
    response = client.post("/api/v1/data/sync", json=body)
    assert response.status_code == 400, response.text
    answer = response.json()
    assert answer["error"] == "invalid_request"
    if field is not None:
        assert field in (answer.get("field") or "") + answer["message"]
    assert client.get("/api/v1/data/sync/jobs").json()["jobs"] == []  # nothing stored


def test_unknown_sync_jobs_are_404(client: httpx.Client) -> None:
    got = client.get("/api/v1/data/sync/status", params={"job_id": "sync-nope"})
    assert got.status_code == 404 and got.json()["error"] == "sync_job_not_found"
    cancel = client.post("/api/v1/data/sync/cancel", json={"job_id": "sync-nope"})
    assert cancel.status_code == 404 and cancel.json()["field"] == "job_id"
