"""A backtest as a worker job: the same report as the inline route, checked at submit,
watched to its end, cancelled before it runs, and resumed by a worker after a restart."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import httpx
import polars as pl
import pytest

from tests.service.results_support import csv_bytes, train
from tests.support.live_service import LiveService, poll_until

pytestmark = pytest.mark.slow
FINISHED = {"succeeded", "failed", "cancelled"}
METRICS = ("log_loss", "roc_auc", "accuracy", "brier", "ece")


@pytest.fixture(scope="module")
def service(
    redis_url: str, tmp_path_factory: pytest.TempPathFactory, ordered: pl.DataFrame
) -> Iterator[LiveService]:
    live = LiveService(
        workdir=tmp_path_factory.mktemp("backtest-job"),
        redis_url=redis_url,
        extra_env={"APP_BOOTSTRAP_DEFAULT_MODEL": "false"},
    ).start()
    training = ordered.slice(ordered.height - 2700, 1200)
    train(live, training, "bj-lr")
    train(live, training.tail(900), "bj-lr-small")
    with live.client() as client:
        assert client.put("/api/v1/models/activate", json={"model_id": "bj-lr"}).is_success
    yield live
    live.stop()


def submit(client: httpx.Client, frame: pl.DataFrame | bytes, **form: str) -> httpx.Response:
    content = frame if isinstance(frame, bytes) else csv_bytes(frame)
    return client.post(
        "/api/v1/models/backtest/jobs",
        data=form,
        files={"file": ("large.csv", content, "text/csv")},
    )


def wait(service: LiveService, job_id: str, timeout: float = 300) -> dict[str, Any]:
    with service.client() as client:

        def done() -> dict[str, Any] | None:
            got = client.get("/api/v1/models/backtest/status", params={"job_id": job_id})
            assert got.status_code == 200, got.text
            body: dict[str, Any] = got.json()
            return body if body["status"] in FINISHED else None

        try:
            result: dict[str, Any] = poll_until(done, timeout=timeout, interval=0.2)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n{service.logs()}") from exc
        return result


def test_the_job_stores_the_report_the_inline_backtest_gives(
    service: LiveService, later: pl.DataFrame
) -> None:
    frame = later.slice(0, 600)
    form = {"model_ids": "bj-lr,bj-lr-small", "apply_every": "day"}
    with service.client() as client:
        inline = client.post(
            "/api/v1/models/backtest",
            data=form,
            files={"file": ("large.csv", csv_bytes(frame), "text/csv")},
        )
        assert inline.status_code == 200, inline.text
        started = submit(client, frame, **form)
        assert started.status_code == 202, started.text
        job = started.json()
        assert (job["status"], job["n_matches"], job["filename"]) == ("queued", 600, "large.csv")
        assert job["options"]["apply_every"] == "day"
        final = wait(service, job["job_id"])
        assert final["status"] == "succeeded", final
        assert final["progress"] == 1.0 and final["backtest_id"].startswith("backtest-")
        stored = client.get(
            "/api/v1/models/evaluation", params={"evaluation_id": final["backtest_id"]}
        )
        assert stored.status_code == 200, stored.text
        ours = {r["model_id"]: r for r in stored.json()["results"]}
        theirs = {r["model_id"]: r for r in inline.json()["results"]}
        assert set(ours) == set(theirs) == {"bj-lr", "bj-lr-small"}
        for model_id, expected in theirs.items():
            for metric in METRICS:
                assert ours[model_id][metric] == pytest.approx(expected[metric], abs=1e-12)
        # Promote accepts the job's report as evidence, like the inline one's.
        promoted = client.post(
            "/api/v1/models/promote",
            files={
                "model_id": (None, "bj-lr-small"),
                "evaluation_id": (None, final["backtest_id"]),
            },
        )
        assert promoted.status_code == 200, promoted.text
        assert promoted.json()["evidence"]["mode"] == "walk_forward"
        listed = client.get("/api/v1/models/backtest/jobs").json()["jobs"]
        assert job["job_id"] in [j["job_id"] for j in listed]
        again = client.post("/api/v1/models/backtest/cancel", json={"job_id": job["job_id"]})
        assert again.status_code == 409 and again.json()["error"] == "job_finished"


@pytest.mark.parametrize(
    ("form", "content", "status", "field"),
    [
        ({"apply_every": "weekly"}, None, 400, "apply_every"),
        ({"model_ids": "no-such-model"}, None, 404, "model_ids"),
        ({}, b"match_id,radiant_win\n1,true\n", 400, None),
    ],
)
def test_a_bad_request_is_refused_at_submit_and_stores_no_job(
    service: LiveService,
    later: pl.DataFrame,
    form: dict[str, str],
    content: bytes | None,
    status: int,
    field: str | None,
) -> None:
    with service.client() as client:
        before = client.get("/api/v1/models/backtest/jobs").json()["jobs"]
        response = submit(client, content if content is not None else later.slice(0, 50), **form)
        assert response.status_code == status, response.text
        if field is not None:
            assert response.json()["field"] == field
        assert client.get("/api/v1/models/backtest/jobs").json()["jobs"] == before


def test_a_queued_job_cancelled_never_runs_and_a_restarted_worker_takes_queued_ones(
    service: LiveService, later: pl.DataFrame
) -> None:
    service.kill_worker()  # nobody takes jobs now
    try:
        with service.client() as client:
            first = submit(client, later.slice(0, 100), model_ids="bj-lr").json()
            second = submit(client, later.slice(100, 100), model_ids="bj-lr").json()
            cancelled = client.post(
                "/api/v1/models/backtest/cancel", json={"job_id": first["job_id"]}
            )
            assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    finally:
        service.start_worker()
    # The new worker's sweep sends the queued job (its first message went to a dead worker's
    # queue slot or was never taken); the cancelled one is skipped.
    final = wait(service, second["job_id"])
    assert final["status"] == "succeeded", final
    with service.client() as client:
        got = client.get("/api/v1/models/backtest/status", params={"job_id": first["job_id"]})
        assert got.json()["status"] == "cancelled" and got.json()["backtest_id"] is None
    unknown = httpx.get(
        service.base_url + "/api/v1/models/backtest/status", params={"job_id": "nope"}
    )
    assert unknown.status_code == 404 and unknown.json()["error"] == "backtest_job_not_found"


def stored_backtests(service: LiveService) -> int:
    with sqlite3.connect(service.workdir / "service.db") as db:
        (count,) = db.execute(
            "SELECT count(*) FROM evaluations WHERE id LIKE 'backtest-%'"
        ).fetchone()
    return int(count)


def test_a_running_job_cancelled_stores_no_report_and_frees_its_slot(
    service: LiveService, later: pl.DataFrame
) -> None:
    before = stored_backtests(service)
    with service.client() as client:
        # Every later match, applied after each one, for both models: seconds of work.
        job = submit(client, later, model_ids="bj-lr,bj-lr-small", apply_every="match").json()

        def running() -> bool:
            got = client.get("/api/v1/models/backtest/status", params={"job_id": job["job_id"]})
            status = got.json()["status"]
            assert status in {"queued", "running"}, got.json()  # it must not end by itself
            return status == "running"

        poll_until(running, timeout=120, interval=0.02)
        cancelled = client.post("/api/v1/models/backtest/cancel", json={"job_id": job["job_id"]})
        assert cancelled.status_code == 200, cancelled.text
        assert cancelled.json()["status"] == "cancelled"
    final = wait(service, job["job_id"])
    assert final["status"] == "cancelled" and final["backtest_id"] is None, final
    # The worker noticed: its attempt stopped without a report (the report and the job's
    # success commit together, so a cancel that got in first leaves nothing behind).
    poll_until(lambda: f"backtest job {job['job_id']} stopped" in service.logs(), timeout=120)
    assert stored_backtests(service) == before
    # Its slot is free again: the next job runs to the end.
    with service.client() as client:
        after = submit(client, later.slice(0, 100), model_ids="bj-lr").json()
    assert wait(service, after["job_id"])["status"] == "succeeded"
    assert stored_backtests(service) == before + 1
