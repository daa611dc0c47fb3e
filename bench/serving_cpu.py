"""CPU per request of the serving endpoints next to the hello-world floor, for several checkouts.

Usage: `uv run python bench/serving_cpu.py [--root DIR ...] [--seconds 4] [--rounds 3]`
(`--root /work/wt/benchbase --root .` measures main and this branch in the same run).

Starts Valkey, the hello-world app and, per --root, that checkout's worker and API on a
temporary SQLite file; waits for the bootstrapped logistic regression, fits a default CatBoost
through the API and then loads, round-robin across every target and checkout: hello POST,
predict (LR), predict explain (LR), GET /, hello GET, then the same predicts with CatBoost
active. Each run's CPU is the server's process CPU from the start of the run until the process
is idle again after it, so work a request defers (the ledger writes its rows in the background)
is charged to that request and not to whatever is measured next. Reports the median over rounds
of CPU per request and the ratio hello / target (higher is better; 1 = as cheap as hello).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

import httpx

BENCH_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH_DIR.parent), str(BENCH_DIR)]

from load import run_load  # noqa: E402
from services import (  # noqa: E402
    DRAFT,
    BenchService,
    HelloApp,
    cpu_seconds,
    fit_through_api,
    start_valkey,
    wait_idle,
)

from backend.matches import load_default_matches  # noqa: E402
from tests.support.live_service import poll_until, stop_process  # noqa: E402

BODY = json.dumps(DRAFT).encode()
EXPLAIN = json.dumps(DRAFT | {"explain": True}).encode()


def measure(pid: int, url: str, body: bytes | None, seconds: float) -> tuple[float, float]:
    """(CPU ms per request incl. deferred work, req/s) of one load run."""
    wait_idle(pid)
    before = cpu_seconds(pid)
    result = run_load(url, body, seconds)
    wait_idle(pid)
    served = max(result.rps * seconds, 1.0)
    if result.errors:
        print(f"  ! {result.errors} errors on {url}", flush=True)
    return (cpu_seconds(pid) - before) / served * 1000, result.rps


def active_model_id(client: httpx.Client) -> str | None:
    active: str | None = client.get("/").json()["active_model_id"]
    return active


def activate(client: httpx.Client, model_id: str) -> None:
    client.put("/api/v1/models/activate", json={"model_id": model_id}).raise_for_status()

    def serving() -> bool:
        r = client.post("/api/v1/models/predict", json=DRAFT)
        return bool(r.status_code == 200 and r.json()["model_id"] == model_id)

    poll_until(serving, timeout=30, interval=0.1)
    client.post("/api/v1/models/predict", json=DRAFT | {"explain": True}).raise_for_status()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, action="append", help="checkout(s) to serve")
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-catboost", action="store_true")
    parser.add_argument("--json", type=Path, help="save the numbers here")
    parser.add_argument(
        "--ledger-off-copy",
        action="store_true",
        help="also serve the last --root with APP_LEDGER_ENABLED=false (the ledger's share)",
    )
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for the services")
    args = parser.parse_args()
    roots = [r.resolve() for r in (args.root or [BENCH_DIR.parent])]
    tags = [r.name for r in roots]
    envs: list[dict[str, str]] = [{} for _ in roots]
    if args.ledger_off_copy:  # the last checkout once more, without the ledger's writes
        roots.append(roots[-1])
        tags.append(f"{tags[-1]} (ledger off)")
        envs.append({"APP_LEDGER_ENABLED": "false"})
    bundled = load_default_matches().write_csv().encode()
    valkey, redis_url = start_valkey()
    hello = HelloApp().start()
    assert hello.process is not None
    services: list[BenchService] = []
    cpu: dict[str, list[float]] = {}
    rps: dict[str, list[float]] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for i, root in enumerate(roots):
                workdir = Path(tmp) / f"s{i}"
                workdir.mkdir()
                service = BenchService(workdir=workdir, redis_url=redis_url, root=root)
                service.extra_env = dict(item.split("=", 1) for item in args.env) | envs[i]
                service.start()
                services.append(service)
            clients = [s.client() for s in services]
            for c in clients:
                poll_until(functools.partial(active_model_id, c), 300, 0.2)
                c.post("/api/v1/models/predict", json=DRAFT | {"explain": True}).raise_for_status()

            def run_phase(targets: dict[str, tuple[int, str, bytes | None]]) -> None:
                for _ in range(args.rounds):
                    for name, (pid, url, body) in targets.items():
                        ms, r = measure(pid, url, body, args.seconds)
                        cpu.setdefault(name, []).append(ms)
                        rps.setdefault(name, []).append(r)
                        print(f"  {name}: {ms:.3f} ms CPU/request, {r:.0f} req/s", flush=True)

            hello_pid = hello.process.pid
            lr: dict[str, tuple[int, str, bytes | None]] = {
                "hello POST": (hello_pid, hello.base_url + "/echo", BODY),
                "hello GET": (hello_pid, hello.base_url + "/", None),
            }
            for tag, s in zip(tags, services, strict=True):
                assert s.api is not None
                predict = s.base_url + "/api/v1/models/predict"
                lr[f"{tag} predict LR"] = (s.api.pid, predict, BODY)
                lr[f"{tag} predict LR explain"] = (s.api.pid, predict, EXPLAIN)
                lr[f"{tag} GET /"] = (s.api.pid, s.base_url + "/", None)
            run_phase(lr)
            if not args.no_catboost:
                for c in clients:
                    fit_through_api(c, "catboost", "bench-cb", bundled, interval=0.5)
                for c in clients:
                    activate(c, "bench-cb")
                cb: dict[str, tuple[int, str, bytes | None]] = {
                    "hello POST (CatBoost phase)": (hello_pid, hello.base_url + "/echo", BODY)
                }
                for tag, s in zip(tags, services, strict=True):
                    assert s.api is not None
                    predict = s.base_url + "/api/v1/models/predict"
                    cb[f"{tag} predict CatBoost"] = (s.api.pid, predict, BODY)
                    cb[f"{tag} predict CatBoost explain"] = (s.api.pid, predict, EXPLAIN)
                run_phase(cb)
            for c in clients:
                c.close()
    finally:
        for s in services:
            s.stop()
        hello.stop()
        stop_process(valkey)
    medians = {name: statistics.median(v) for name, v in cpu.items()}
    load = os.getloadavg()[0]
    print(f"\n| target | CPU ms/request | hello / target | req/s (load avg {load:.1f}) |")
    print("|---|---:|---:|---:|")
    for name, ms in medians.items():
        floor_name = "hello GET" if name.endswith("GET /") else "hello POST"
        if "CatBoost" in name and "hello POST (CatBoost phase)" in medians:
            floor_name = "hello POST (CatBoost phase)"
        floor = medians.get(floor_name, float("nan"))
        print(f"| {name} | {ms:.3f} | {floor / ms:.2f} | {statistics.median(rps[name]):.0f} |")
    if args.json:
        args.json.write_text(json.dumps({"cpu_ms": cpu, "rps": rps}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
