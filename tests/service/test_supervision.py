"""Under the run command a crashed worker, Valkey or API is restarted and predictions go on.

Each fault is measured (time to recover, requests that failed meanwhile); the numbers are
printed (`pytest -s`) and appended to <tmp>/faults.jsonl.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.launcher import Launched, launched
from tests.support.live_service import poll_until

DRAFT = {
    "radiant": [{"hero_id": h} for h in (1, 2, 3, 4, 5)],
    "dire": [{"hero_id": h} for h in (6, 7, 8, 9, 10)],
}
# A CatBoost fit that runs several seconds on the small training file (mid-job kills).
MID_CATBOOST = json.dumps({"iterations": 150, "depth": 4})


class PredictLoad:
    """A thread that predicts in a loop and records (time, ok) for every request."""

    def __init__(self, base_url: str, keepalive: bool = True) -> None:
        self.base_url = base_url
        self.keepalive = keepalive
        # Held while a request is in flight: a fault injected under it hits no request midway.
        self.between_requests = threading.Lock()
        self.results: list[tuple[float, bool]] = []
        self.errors: dict[str, int] = {}  # why requests failed, for the report
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        # No retries anywhere: a refused or reset connection counts as a failed prediction.
        transport = httpx.HTTPTransport(retries=0)
        headers = {} if self.keepalive else {"connection": "close"}  # a new connection each time
        with httpx.Client(
            base_url=self.base_url, timeout=5, transport=transport, headers=headers
        ) as client:
            while not self._stop.is_set():
                try:
                    with self.between_requests:
                        status = client.post("/api/v1/models/predict", json=DRAFT).status_code
                    ok, reason = status == 200, f"HTTP {status}"
                except httpx.HTTPError as exc:
                    ok, reason = False, type(exc).__name__
                if not ok:
                    self.errors[reason] = self.errors.get(reason, 0) + 1
                self.results.append((time.monotonic(), ok))
                self._stop.wait(0.05)  # pacing, not synchronisation

    def __enter__(self) -> PredictLoad:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    @property
    def failures(self) -> int:
        return sum(not ok for _, ok in self.results)

    def first_success_after(self, moment: float) -> float | None:
        return next((at for at, ok in self.results if at > moment and ok), None)


def _dead(pid: int) -> bool:
    """The process has exited (a zombie not yet reaped by the launcher counts)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


def record(workdir: Path, fault: str, **numbers: object) -> None:
    """Print a measurement and keep it next to the test's files."""
    line = json.dumps({"fault": fault, **numbers})
    print(f"\nFAULT {line}")
    with (workdir.parent / "faults.jsonl").open("a") as out:
        out.write(line + "\n")


def job(client: httpx.Client, job_id: str) -> dict[str, Any]:
    return dict(client.get("/api/v1/models/fit/status", params={"job_id": job_id}).json())


def wait_finished(client: httpx.Client, job_id: str, timeout: float) -> dict[str, Any]:
    return dict(
        poll_until(
            lambda: (
                (s := job(client, job_id))["status"] in {"succeeded", "failed", "cancelled"} and s
            ),
            timeout=timeout,
            interval=0.3,
        )
    )


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, training_csv: bytes) -> Iterator[Launched]:
    """`python -m backend.launcher --no-ui` with a small logistic regression active."""
    env = {"APP_BOOTSTRAP_DEFAULT_MODEL": "false"}
    with launched(tmp_path_factory.mktemp("launcher"), "--no-ui", env=env) as running:
        with running.client() as client:
            response = client.post(
                "/api/v1/models/fit",
                data={"model_type": "logistic_regression", "model_id": "small-lr"},
                files={"file": ("pro.csv", training_csv, "text/csv")},
            )
            assert response.status_code == 202, response.text
            assert wait_finished(client, response.json()["job_id"], 120)["status"] == "succeeded"
            client.put("/api/v1/models/activate", json={"model_id": "small-lr"})
            poll_until(
                lambda: client.post("/api/v1/models/predict", json=DRAFT).status_code == 200,
                timeout=30,
            )
        yield running


def test_killed_worker_is_restarted_and_its_job_retried(run: Launched, training_csv: bytes) -> None:
    with run.client() as client, PredictLoad(run.base_url) as load:
        response = client.post(
            "/api/v1/models/fit",
            data={"model_type": "catboost", "hyperparameters": MID_CATBOOST, "model_id": "cb-1"},
            files={"file": ("pro.csv", training_csv, "text/csv")},
        )
        assert response.status_code == 202, response.text
        job_id = response.json()["job_id"]
        poll_until(
            lambda: (
                (s := job(client, job_id))["status"] == "running" and float(s["progress"]) >= 0.1
            ),
            timeout=90,
            interval=0.1,
        )
        killed = time.monotonic()
        os.kill(run.pid("worker-1"), signal.SIGKILL)
        restarted = run.wait_for_line(r"worker-1 restarted", after=killed, timeout=30)
        ready = run.wait_for_line(r"Starting worker for", after=killed, timeout=60)
        requeued_at = poll_until(
            lambda: time.monotonic() if int(job(client, job_id)["attempts"]) >= 2 else None,
            timeout=20,
            interval=0.2,
        )
        final = wait_finished(client, job_id, timeout=120)
    assert restarted - killed <= 5, "the worker process was not restarted within 5 s"
    # Consuming again needs the worker's imports (~2 s of CPU; longer on a loaded machine).
    assert ready - killed <= 20, "the restarted worker was not consuming jobs within 20 s"
    assert requeued_at - killed <= 15, "the dead worker's job was not retried within 15 s"
    assert final["status"] == "succeeded", final
    assert final["attempts"] == 2 and final["max_attempts"] == 3, final
    assert load.failures == 0, f"{load.failures} of {len(load.results)} predictions failed"
    record(
        run.workdir,
        "kill -9 worker mid-job",
        process_restarted_s=round(restarted - killed, 2),
        worker_consuming_s=round(ready - killed, 2),
        job_retried_s=round(requeued_at - killed, 2),
        predictions=len(load.results),
        predictions_failed=load.failures,
        failures_by_reason=load.errors,
    )


def test_killed_valkey_is_restarted_and_fit_works_again(run: Launched, training_csv: bytes) -> None:
    with run.client() as client, PredictLoad(run.base_url) as load:
        killed = time.monotonic()
        os.kill(run.pid("valkey"), signal.SIGKILL)
        restarted = run.wait_for_line(r"valkey restarted", after=killed, timeout=30)

        def fit() -> httpx.Response | None:
            response = client.post(
                "/api/v1/models/fit",
                data={"model_type": "logistic_regression", "model_id": "after-valkey"},
                files={"file": ("pro.csv", training_csv, "text/csv")},
            )
            assert response.status_code in {202, 503}, response.text
            return response if response.status_code == 202 else None

        accepted = poll_until(fit, timeout=30, interval=0.5)
        fit_ok = time.monotonic()
        final = wait_finished(client, accepted.json()["job_id"], timeout=120)
        assert client.get("/").json()["status"] == "ok"
    assert final["status"] == "succeeded", final
    assert load.failures == 0, f"{load.failures} of {len(load.results)} predictions failed"
    record(
        run.workdir,
        "kill -9 Valkey",
        process_restarted_s=round(restarted - killed, 2),
        fit_accepted_again_s=round(fit_ok - killed, 2),
        job_done_s=round(time.monotonic() - killed, 2),
        predictions=len(load.results),
        predictions_failed=load.failures,
        failures_by_reason=load.errors,
    )


def test_killing_one_api_process_fails_no_prediction(run: Launched) -> None:
    """Two API processes share the launcher's socket: the kernel gives every new connection to
    the living one while the killed one restarts. The kill lands between two requests (a request
    in flight on the killed process cannot be saved by any number of processes); every
    connection is new, and nothing retries."""
    with PredictLoad(run.base_url, keepalive=False) as load:
        poll_until(lambda: len(load.results) >= 20, timeout=30)
        with load.between_requests:
            killed = time.monotonic()
            pid = run.pid("api-1")
            os.kill(pid, signal.SIGKILL)
            # SIGKILL lands when the process next runs: until then it may still accept.
            poll_until(lambda: _dead(pid), timeout=30, interval=0.01)
        restarted = run.wait_for_line(r"api-1 restarted", after=killed, timeout=30)
        # Load goes on through the restart and a while after it (the new process serving too).
        poll_until(lambda: load.results[-1][0] > restarted + 3, timeout=60, interval=0.1)
    during = [ok for at, ok in load.results if at > killed]
    assert during, "no prediction was made after the kill"
    assert load.failures == 0, (
        f"{load.failures} of {len(load.results)} predictions failed: {load.errors}, at "
        f"{[round(at - killed, 2) for at, ok in load.results if not ok]} s after the kill "
        f"(restart issued at {restarted - killed:.2f} s)"
    )
    record(
        run.workdir,
        "kill -9 one of 2 API processes",
        process_restarted_s=round(restarted - killed, 2),
        predictions=len(load.results),
        predictions_after_kill=len(during),
        predictions_failed=load.failures,
        failures_by_reason=load.errors,
    )


def test_sigterm_stops_everything_in_order(run: Launched) -> None:
    pids = {name: run.pid(name) for name in ("valkey", "worker-1", "api-1", "api-2")}
    asked = time.monotonic()
    run.process.send_signal(signal.SIGTERM)
    assert run.process.wait(timeout=60) == 0
    stopped = time.monotonic()
    for name, pid in pids.items():
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # gone (the launcher reaped it)
        del name
    output = run.output()
    worker_stop = output.index("shutdown on SIGTERM")
    valkey_stop = output.index("Received SIGTERM")
    assert worker_stop < valkey_stop, "Valkey stopped before the worker"
    assert "restarted" not in output[output.index("stopping (UI, API") :]
    record(run.workdir, "SIGTERM launcher", all_stopped_s=round(stopped - asked, 2))
