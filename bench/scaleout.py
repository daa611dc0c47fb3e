"""Scale-out as processes: 1 -> 2 -> 3 API processes behind haproxy, 3 workers, PostgreSQL, Redis.

Measures /predict throughput and p99 through the balancer per step, which worker ran each of a
batch of fits, and a kill scenario (one worker running a fit and one API process, kill -9,
mid-load): every fit must succeed and every prediction be answered. Also records the RSS and
CPU of the API and worker processes at idle and under load (the Kubernetes requests/limits in
deploy/kubernetes/ come from these). Everything listens on 127.0.0.1; every loop is bounded.

    uv run python bench/scaleout.py            # writes bench/scaleout.md

Needs haproxy (`apt-get install -y haproxy`), PostgreSQL at 127.0.0.1:5432 (trust, user
postgres; a throwaway database is created and dropped) and Redis at 127.0.0.1:6379 (a unique
queue name; an embedded Valkey when none answers). The machine may be shared: the load average
is printed next to every number, which are indicative.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.db.migrate import upgrade_to_head
from bench.load import load_tool, run_load
from bench.services import DRAFT, BenchService, cpu_seconds, proc_status, start_valkey
from tests.support.live_service import free_port, poll_until, stop_process

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
LOCAL_REDIS = "redis://127.0.0.1:6379/0"
STEP_SECONDS = 10.0
CONNECTIONS = 16
SPREAD_FITS = 6
# A CatBoost fit that runs several seconds (the worker running it is killed mid-job).
SLOW_FIT = json.dumps({"iterations": 300, "depth": 6})
TRAIN_ROWS = 3000


def loadavg() -> str:
    """The 1-minute load average (the machine is shared)."""
    return Path("/proc/loadavg").read_text().split()[0]


async def _admin(sql: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(ADMIN_URL, timeout=5)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def redis_url() -> tuple[str, subprocess.Popen[bytes] | None]:
    """The local Redis if it answers, else an embedded Valkey."""
    import redis

    try:
        redis.Redis.from_url(LOCAL_REDIS, socket_timeout=2).ping()
        return LOCAL_REDIS, None
    except redis.RedisError:
        process, url = start_valkey()
        poll_until(lambda: _pings(url), timeout=10)
        return url, process


def _pings(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url).ping())
    except redis.RedisError:
        return False


class Haproxy:
    """haproxy round-robin over the API ports; restarted with each new backend list."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def config(self, ports: list[int]) -> str:
        servers = "\n".join(
            f"    server api{i} 127.0.0.1:{port} check inter 500 fall 2 rise 2"
            for i, port in enumerate(ports)
        )
        # L7 retries: a request sent to a process that just died (connection refused, reset
        # or closed without an answer) is re-sent to another one, as a Service/ingress would.
        return f"""global
    maxconn 512
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    retries 3
    option redispatch
    retry-on conn-failure empty-response response-timeout
    option http-buffer-request
frontend api
    bind 127.0.0.1:{self.port}
    default_backend apis
backend apis
    balance roundrobin
    option httpchk GET /health/ready
{servers}
"""

    def start(self, ports: list[int]) -> None:
        stop_process(self.process)
        path = self.workdir / "haproxy.cfg"
        path.write_text(self.config(ports))
        haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
        log = (self.workdir / "haproxy.log").open("ab")
        self.process = subprocess.Popen([haproxy, "-db", "-f", str(path)], stdout=log, stderr=log)

        def all_up() -> bool:
            try:
                return httpx.get(self.base_url + "/health/ready", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        poll_until(all_up, timeout=30, interval=0.2)
        time.sleep(1.5)  # haproxy's own checks mark every server up (rise 2 x inter 0.5 s)

    def stop(self) -> None:
        stop_process(self.process)


def tree_rss_mb(pid: int) -> float:
    """RSS of a process and its children (a worker and its training child)."""
    total = proc_status(pid, "VmRSS")
    for child in _children(pid):
        total += tree_rss_mb(child)
    return total


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process, its finished children (waited for) and its live ones."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    total = sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    for child in _children(pid):
        try:
            total += tree_cpu(child)
        except OSError:
            continue
    return total


class Sampler:
    """Peak tree RSS of some processes, sampled every 0.2 s while running."""

    def __init__(self, pids: list[int]) -> None:
        self.pids = pids
        self.peak = dict.fromkeys(pids, 0.0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            for pid in self.pids:
                try:
                    self.peak[pid] = max(self.peak[pid], tree_rss_mb(pid))
                except OSError:
                    continue

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


class PredictLoop:
    """A thread predicting through the balancer, recording (time, status) of every request."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.results: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(base_url=self.base_url, timeout=30) as client:
            while not self._stop.is_set() and len(self.results) < 200_000:
                try:
                    status = client.post("/api/v1/models/predict", json=DRAFT).status_code
                except httpx.HTTPError:
                    status = 0
                self.results.append((time.monotonic(), status))

    @property
    def failures(self) -> int:
        return sum(status != 200 for _, status in self.results)

    def __enter__(self) -> PredictLoop:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=60)


def served(balancer: Haproxy) -> int:
    """Ledger rows of the active model, once every process has flushed (1 s buffer)."""
    time.sleep(2.5)  # two ledger flush periods: the buffers are written on their own clock
    with httpx.Client(base_url=balancer.base_url, timeout=60) as client:
        body = client.get("/api/v1/models/monitoring", params={"model_id": "scale-lr"}).json()
    return int(body["served"])


def status(client: httpx.Client, job_id: str) -> dict[str, Any]:
    return dict(client.get("/api/v1/models/fit/status", params={"job_id": job_id}).json())


def submit(client: httpx.Client, model_type: str, model_id: str, csv: bytes, **extra: str) -> str:
    response = client.post(
        "/api/v1/models/fit",
        data={"model_type": model_type, "model_id": model_id, **extra},
        files={"file": ("matches.csv", csv, "text/csv")},
    )
    response.raise_for_status()
    return str(response.json()["job_id"])


def wait_done(client: httpx.Client, job_id: str, timeout: float = 600) -> dict[str, Any]:
    return dict(
        poll_until(
            lambda: s if (s := status(client, job_id))["status"] in _FINAL else None,
            timeout=timeout,
            interval=0.3,
        )
    )


_FINAL = {"succeeded", "failed", "cancelled"}


def worker_of(workers: list[BenchService], job_id: str, attempt: int) -> int:
    """Index of the worker whose log says it started this attempt, else -1."""
    line = f"training job {job_id} attempt {attempt}/"
    for index, worker in enumerate(workers):
        if line in (worker.workdir / "worker.log").read_text(errors="replace"):
            return index
    return -1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("scaleout.md"))
    parser.add_argument("--seconds", type=float, default=STEP_SECONDS)
    args = parser.parse_args()
    name = f"bench_scaleout_{uuid.uuid4().hex[:10]}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    database = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    url, valkey = redis_url()
    root = Path(tempfile.mkdtemp(prefix="scaleout-"))
    shared = {
        "APP_QUEUE_NAME": f"bench-scaleout:{uuid.uuid4().hex[:10]}",
        "APP_BOOTSTRAP_DEFAULT_MODEL": "false",
        "APP_JOB_HEARTBEAT_STALE_SECONDS": "5",
    }

    def service(label: str) -> BenchService:
        (root / label).mkdir()
        return BenchService(
            workdir=root / label, redis_url=url, database=database, extra_env=dict(shared)
        )

    apis = [service(f"api{i}") for i in range(3)]
    workers = [service(f"worker{i}") for i in range(3)]
    balancer = Haproxy(root)
    lines: list[str] = []
    try:
        upgrade_to_head(database)  # the migration gate: schema first, then processes
        for worker in workers:
            worker.start_worker()
        apis[0].start_api()
        report = run(apis, workers, balancer, args.seconds)
        lines = report
    finally:
        balancer.stop()
        for process in [*apis, *workers]:
            process.stop()
        if valkey is not None:
            stop_process(valkey)
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    args.out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"logs: {root}")


def run(
    apis: list[BenchService], workers: list[BenchService], balancer: Haproxy, seconds: float
) -> list[str]:
    out = [
        "# Scale-out as processes (bench/scaleout.py)",
        "",
        f"`uv run python bench/scaleout.py` on {os.cpu_count()} cores, shared with other "
        "developers: numbers are indicative; the 1-minute load average is shown beside each. "
        f"PostgreSQL 127.0.0.1:5432, Redis, haproxy round-robin, 3 arq workers; load: "
        f"{load_tool()}, {CONNECTIONS} connections, {seconds:g} s per step, POST /predict.",
        "",
    ]
    first = apis[0]
    with first.client() as client:
        sample = client.get("/api/v1/data/sample").content
        header, *rows = sample.decode().splitlines()
        csv = ("\n".join([header, *rows[-TRAIN_ROWS:]]) + "\n").encode()
        # Idle figures before any model is loaded or trained.
        idle_api = proc_status(first.api.pid, "VmRSS")  # type: ignore[union-attr]
        idle_worker = tree_rss_mb(workers[0].worker.pid)  # type: ignore[union-attr]
        job = submit(client, "logistic_regression", "scale-lr", csv)
        assert wait_done(client, job)["status"] == "succeeded"
        client.put("/api/v1/models/activate", json={"model_id": "scale-lr"}).raise_for_status()
        poll_until(lambda: client.get("/health/ready").status_code == 200, timeout=60)
    for api in apis[1:]:
        api.start_api()
    time.sleep(2)  # every process loads the active model in its background refresh
    loaded_api = [proc_status(a.api.pid, "VmRSS") for a in apis]  # type: ignore[union-attr]

    out += [
        "## /predict throughput by API processes",
        "",
        "| API processes | requests/s | p50 ms | p99 ms | errors | API CPU (cores, sum) "
        "| API CPU ms / request | peak API RSS MB | load avg |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    cpu_under_load: list[float] = []
    cpu_ms: list[float] = []
    rss_under_load: list[float] = []
    for count in (1, 2, 3):
        active = apis[:count]
        balancer.start([a.port for a in active])
        pids = [a.api.pid for a in active]  # type: ignore[union-attr]
        before = [cpu_seconds(pid) for pid in pids]
        started = time.perf_counter()
        with Sampler(pids) as sampler:
            result = run_load(
                balancer.base_url + "/api/v1/models/predict",
                json.dumps(DRAFT).encode(),
                seconds,
                CONNECTIONS,
            )
        elapsed = time.perf_counter() - started
        cores = sum(cpu_seconds(pid) - b for pid, b in zip(pids, before, strict=True)) / elapsed
        cpu_under_load.append(cores / count)
        cpu_ms.append(cores * 1000 / max(result.rps, 1e-9))
        rss_under_load.append(max(sampler.peak.values()))
        out.append(
            f"| {count} | {result.rps:.0f} | {result.p50_ms:.1f} | {result.p99_ms:.1f} "
            f"| {result.errors} | {cores:.2f} | {cpu_ms[-1]:.2f} "
            f"| {max(sampler.peak.values()):.0f} | {loadavg()} |"
        )

    out += [
        "",
        "Reading: the API processes, wrk, haproxy and the other developers' jobs share the same "
        "cores, so beyond what one process uses the steps measure contention, not capacity; "
        "what carries over to a cluster is CPU per request: "
        f"~{cpu_ms[0]:.2f} ms, i.e. about {1000 / cpu_ms[0]:.0f} /predict per second per core "
        "of API CPU (the HPA's unit).",
    ]

    # Fits spread across the three workers (each runs one job at a time).
    with httpx.Client(base_url=balancer.base_url, timeout=60) as client:
        worker_pids = [w.worker.pid for w in workers]  # type: ignore[union-attr]
        cpu_before = [tree_cpu(pid) for pid in worker_pids]
        started = time.perf_counter()
        with Sampler(worker_pids) as sampler:
            jobs = [
                submit(client, "logistic_regression", f"spread-{i}", csv)
                for i in range(SPREAD_FITS)
            ]
            finals = [wait_done(client, job) for job in jobs]
        elapsed = time.perf_counter() - started
        worker_cpu = [
            (tree_cpu(pid) - b) / elapsed for pid, b in zip(worker_pids, cpu_before, strict=True)
        ]
        ran_by = Counter(worker_of(workers, job, 1) for job in jobs)
        worker_peak = max(sampler.peak.values())
    out += [
        "",
        "## Fits spread across workers",
        "",
        f"{SPREAD_FITS} logistic-regression fits ({TRAIN_ROWS} matches each) submitted at once: "
        + ", ".join(f"worker {i + 1}: {ran_by.get(i, 0)}" for i in range(len(workers)))
        + f"; {sum(f['status'] == 'succeeded' for f in finals)}/{SPREAD_FITS} succeeded "
        f"in {elapsed:.1f} s (load avg {loadavg()}).",
    ]

    out += ["", *kill_scenario(apis, workers, balancer, csv)]

    out += [
        "",
        "## Resource figures (requests/limits in deploy/kubernetes/base come from these)",
        "",
        "| process | state | RSS MB | CPU (cores) |",
        "|---|---|---|---|",
        f"| API | idle, before any model | {idle_api:.0f} | ~0 |",
        f"| API | idle, model loaded | {max(loaded_api):.0f} | ~0 |",
        f"| API | under /predict load (peak of steps) | {max(rss_under_load):.0f} "
        f"| {max(cpu_under_load):.2f} per process |",
        f"| worker (+ warm training child) | idle | {idle_worker:.0f} | ~0 |",
        f"| worker (+ training child) | fitting (peak) | {worker_peak:.0f} "
        f"| {max(worker_cpu):.2f} (busiest, averaged over the batch) |",
        "",
        f"Load average at the end: {loadavg()}.",
    ]
    return out


def kill_scenario(
    apis: list[BenchService], workers: list[BenchService], balancer: Haproxy, csv: bytes
) -> list[str]:
    """kill -9 the worker running a CatBoost fit and one of three API processes, mid-load."""
    balancer.start([a.port for a in apis])
    served_before = served(balancer)
    worker_pids = [w.worker.pid for w in workers]  # type: ignore[union-attr]
    with (
        httpx.Client(base_url=balancer.base_url, timeout=60) as client,
        PredictLoop(balancer.base_url) as load,
        Sampler(worker_pids) as sampler,
    ):
        slow = submit(client, "catboost", "kill-cb", csv, hyperparameters=SLOW_FIT)
        others = [submit(client, "logistic_regression", f"kill-lr-{i}", csv) for i in range(3)]
        poll_until(
            lambda: (
                status(client, slow)["status"] == "running"
                and float(status(client, slow)["progress"]) >= 0.05
            ),
            timeout=300,
            interval=0.1,
        )
        running = poll_until(lambda: worker_of(workers, slow, 1) + 1, timeout=10) - 1
        victim = workers[running].worker
        assert victim is not None
        killed_at = time.monotonic()
        os.kill(victim.pid, signal.SIGKILL)
        for child in _children(victim.pid):
            os.kill(child, signal.SIGKILL)  # the whole pod goes: worker and its training child
        victim.wait()
        api_victim = apis[1].api
        assert api_victim is not None
        os.kill(api_victim.pid, signal.SIGKILL)
        api_victim.wait()
        final = wait_done(client, slow, timeout=600)
        finished_at = time.monotonic()
        finals = [wait_done(client, job) for job in others]
        retried_by = worker_of(workers, slow, 2)
        poll_until(lambda: sum(at > finished_at for at, _ in load.results) >= 20, timeout=60)
    # No lost result: each fit's model is stored; answered predictions are in the ledger
    # (except what the killed API process still held in its 1-second write buffer).
    with httpx.Client(base_url=balancer.base_url, timeout=60) as client:
        listed = client.get("/api/v1/models/list").json()
        models = {m["model_id"] for m in listed["models"]}
    fit_ids = ["kill-cb", *(f"kill-lr-{i}" for i in range(3))]
    lost_models = [m for m in fit_ids if m not in models]
    answered = sum(status == 200 for _, status in load.results)
    recorded = served(balancer) - served_before
    return [
        "## Kill mid-load: one worker (running a CatBoost fit) and one of three API processes",
        "",
        f"- Peak worker RSS (worker + training child) during the CatBoost fit: "
        f"{max(sampler.peak.values()):.0f} MB.",
        f"- CatBoost fit `kill-cb`: {final['status']} after {final['attempts']} attempts "
        f"(retried by worker {retried_by + 1}, killed worker was {running + 1}); "
        f"{finished_at - killed_at:.1f} s from the kill to success (heartbeat stale after 5 s).",
        f"- Other fits queued at the time: "
        f"{sum(f['status'] == 'succeeded' for f in finals)}/{len(finals)} succeeded.",
        f"- Fits whose model is missing afterwards: {len(lost_models)} {lost_models or ''}",
        f"- /predict through haproxy during the kills: {len(load.results)} requests, "
        f"{load.failures} failed ({dict(Counter(s for _, s in load.results if s != 200)) or '-'})"
        f"; {answered} answered, {recorded} of them in the ledger (the killed API process's "
        "unflushed buffer, at most 1 s of its share, is the difference: "
        f"{answered - recorded}).",
        f"- Load average: {loadavg()}.",
    ]


if __name__ == "__main__":
    main()
