"""Speed and memory benchmarks, side by side with their floors; writes bench/results.md.

Usage: `uv run python bench/run.py --out bench/results.md` (what `make bench` runs). Starts its own
Valkey, worker and API on a temporary SQLite file, plus a hello-world Litestar app under the same
uvicorn settings, and loads both with wrk (16 connections, short runs, interleaved rounds; a
Python load loop when wrk is missing). Large inputs come from bench/generate.py (real bundled
matches resampled with shifted ids and times). `--root DIR` serves another checkout's code (how
the "before" column was measured on main); `--json FILE` saves the raw numbers, `--before FILE`
shows a saved run next to this one.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

BENCH_DIR = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("BENCH_ROOT", BENCH_DIR.parent)).resolve()
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(BENCH_DIR))

import lifecycle  # noqa: E402
from by_id import by_id_rounds  # noqa: E402
from generate import batch_bytes, csv_bytes, known_share  # noqa: E402
from ledger import ledger_costs, ledger_on_off  # noqa: E402
from load import load_tool, run_load  # noqa: E402
from report import write_report  # noqa: E402
from services import (  # noqa: E402
    DRAFT,
    BenchService,
    HelloApp,
    cpu_seconds,
    fit_through_api,
    proc_status,
    reset_peak,
    start_valkey,
    wait_idle,
)
from shadow import shadow_on_off  # noqa: E402
from train_scale import train_run  # noqa: E402

from backend.matches import load_default_matches, read_matches  # noqa: E402
from backend.ml import train_model  # noqa: E402
from backend.settings import Settings  # noqa: E402
from tests.support.live_service import poll_until, stop_process  # noqa: E402

Results = dict[str, Any]
SAVE_TO: Path | None = None  # --json: raw numbers saved after every step
SKIP: set[str] = set()  # --skip: steps not to run


def warm_up(client: httpx.Client) -> None:
    """One request of each kind, so lazy loading is not part of a timed run."""
    client.post("/api/v1/models/predict", json=DRAFT).raise_for_status()
    client.post("/api/v1/models/predict", json=DRAFT | {"explain": True}).raise_for_status()
    client.get("/").raise_for_status()


def interleaved(
    targets: dict[str, tuple[str, bytes | None]], seconds: float, rounds: int
) -> dict[str, dict[str, float]]:
    """Each target loaded `rounds` times, round-robin; the median round of each.

    Also the server's CPU per request (its process's CPU time over the run / requests served):
    unlike req/s it hardly depends on what else the machine is doing.
    """
    runs: dict[str, list[Any]] = {name: [] for name in targets}
    cpu: dict[str, list[float]] = {name: [] for name in targets}
    for _ in range(rounds):
        for name, (url, body) in targets.items():
            pid = PIDS[url.split("/")[2]]
            # Idle before and after: work a run defers (the ledger writes its rows in the
            # background) is charged to that run, not to the next one (it made GET / look
            # 2.6 ms when it followed predict explain).
            wait_idle(pid)
            before = cpu_seconds(pid)
            result = run_load(url, body, seconds)
            wait_idle(pid)
            runs[name].append(result)
            served = max(result.rps * seconds, 1.0)
            cpu[name].append((cpu_seconds(pid) - before) / served * 1000)
    out = {}
    for name, results in runs.items():
        results.sort(key=lambda r: r.rps)
        mid = results[len(results) // 2]
        out[name] = {"rps": mid.rps, "p50_ms": mid.p50_ms, "p99_ms": mid.p99_ms}
        out[name]["errors"] = sum(r.errors for r in results)
        out[name]["cpu_ms"] = statistics.median(cpu[name])
    return out


PIDS: dict[str, int] = {}  # host:port -> server process id


def fit_in_process(model_type: str, data: bytes) -> float:
    """Seconds of the training function alone (the data already parsed)."""
    matches = read_matches(data, require_label=True)
    start = time.perf_counter()
    train_model(matches, model_type, None)
    return time.perf_counter() - start


def predict_csv_run(service: BenchService, client: httpx.Client, data: bytes) -> dict[str, float]:
    """One predict_csv request: seconds, rows/s and the API's peak RSS above its idle RSS."""
    assert service.api is not None
    pid = service.api.pid
    can_reset = reset_peak(pid)
    idle = proc_status(pid, "VmRSS")
    start = time.perf_counter()
    response = client.post(
        "/api/v1/models/predict_csv", files={"file": ("m.csv", data, "text/csv")}, timeout=900
    )
    seconds = time.perf_counter() - start
    response.raise_for_status()
    rows = len(response.json()["predictions"])
    peak = proc_status(pid, "VmHWM") if can_reset else float("nan")
    return {
        "seconds": seconds,
        "rows": rows,
        "rows_per_s": rows / seconds,
        "file_mb": len(data) / 1e6,
        "idle_rss_mb": idle,
        "peak_extra_mb": peak - idle,
    }


@functools.cache
def _bundled_lr() -> Any:
    return train_model(load_default_matches(), "logistic_regression", None)


@functools.cache
def _bundled_accounts() -> Any:
    """Sorted account ids of the bundled matches: the players the bundled models know."""
    import numpy as np
    import polars as pl

    frame = load_default_matches()
    ids = frame.select(pl.col("^.*account_id.*$")).to_numpy().ravel()
    return np.unique(ids[ids > 0].astype(np.int64))


def with_known_share(out: dict[str, float], data: bytes) -> dict[str, float]:
    """The rows/s figures of a batch with the share of its player slots the model knows."""
    return out | {"known_player_share": known_share(data, _bundled_accounts())}


def predict_csv_in_process(data: bytes) -> float:
    """The project's own pipeline in-process: parse, features, model (LR, bundled set)."""
    model = _bundled_lr()
    start = time.perf_counter()
    frame = read_matches(data, require_label=False, max_rows=10_000_000)
    model.predict_proba(frame)
    return time.perf_counter() - start


def predict_during_batch(base_url: str, data: bytes) -> dict[str, float]:
    """Latency of sequential /predict calls while a large predict_csv request runs."""
    latencies: list[float] = []
    finished = threading.Event()
    batch: dict[str, float] = {}

    def run_batch() -> None:
        with httpx.Client(base_url=base_url, timeout=600) as client:
            start = time.perf_counter()
            client.post(
                "/api/v1/models/predict_csv", files={"file": ("m.csv", data, "text/csv")}
            ).raise_for_status()
            batch["seconds"] = time.perf_counter() - start
        finished.set()

    with httpx.Client(base_url=base_url, timeout=60) as client:
        client.post("/api/v1/models/predict", json=DRAFT).raise_for_status()
        thread = threading.Thread(target=run_batch)
        thread.start()
        while not finished.is_set():
            start = time.perf_counter()
            client.post("/api/v1/models/predict", json=DRAFT).raise_for_status()
            latencies.append(time.perf_counter() - start)
            time.sleep(0.005)
        thread.join()
    latencies.sort()
    return {
        "file_mb": len(data) / 1e6,
        "batch_seconds": batch["seconds"],
        "n": len(latencies),
        "max_ms": latencies[-1] * 1000,
        "p99_ms": latencies[int(0.99 * (len(latencies) - 1))] * 1000,
        "p50_ms": statistics.median(latencies) * 1000,
    }


def first_predict_after_restart(service: BenchService) -> dict[str, float]:
    """Restart the API: seconds until GET / answers, and the first predict's latency."""
    stop_process(service.api)
    start = time.perf_counter()
    service.start_api()
    up = time.perf_counter() - start
    with service.client() as client:
        t0 = time.perf_counter()
        client.post("/api/v1/models/predict", json=DRAFT).raise_for_status()
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        client.post("/api/v1/models/predict", json=DRAFT).raise_for_status()
        second = time.perf_counter() - t0
    return {"start_s": up, "first_ms": first * 1000, "second_ms": second * 1000}


MODEL_SIZE_SCRIPT = """
import gc, json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1]); sys.path.insert(1, sys.argv[2])
from generate import resampled
from backend.ml import TrainedModel, train_model
def rss():
    return int(open('/proc/self/statm').read().split()[1]) * 4096 / 1e6
n = int(sys.argv[3]); out = Path(sys.argv[4])
if sys.argv[5] == 'train':
    frame = resampled(n)
    t = time.perf_counter(); model = train_model(frame, 'logistic_regression', None)
    seconds = time.perf_counter() - t
    blob = model.to_bytes(); out.write_bytes(blob)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({'train_s': seconds, 'train_peak_rss_mb': peak, 'artifact_mb': len(blob) / 1e6,
                      'players': len(model.known_account_ids)}))
else:
    blob = out.read_bytes(); import backend.ml.trained_model, sklearn.linear_model
    gc.collect(); before = rss()
    t = time.perf_counter(); model = TrainedModel.from_bytes(blob)
    seconds = time.perf_counter() - t
    del blob; gc.collect()
    print(json.dumps({'load_s': seconds, 'memory_mb': rss() - before}))
"""


def model_size(matches: int) -> dict[str, float]:
    """Train a large LR model in a subprocess, then load it in a fresh one: size and time."""
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "model.bin")
        out: dict[str, float] = {"matches": matches}
        for mode in ("train", "load"):
            argv = [sys.executable, "-c", MODEL_SIZE_SCRIPT, str(ROOT), str(BENCH_DIR)]
            argv += [str(matches), path, mode]
            done = subprocess.run(
                argv,
                capture_output=True,
                text=True,
                check=True,
            )
            out |= json.loads(done.stdout.strip().splitlines()[-1])
    return out


def step(name: str, results: Results, fn: Callable[[], Any]) -> None:
    """Run one benchmark, print and keep its numbers (a failure is recorded, not fatal)."""
    if name in SKIP:
        return
    start = time.perf_counter()
    try:
        results[name] = fn()
    except Exception as exc:
        results.setdefault("failed", {})[name] = f"{type(exc).__name__}: {exc}"
    print(f"[{time.perf_counter() - start:5.1f} s] {name}: {results.get(name)}", flush=True)
    if SAVE_TO is not None:
        SAVE_TO.write_text(json.dumps(results, indent=1))


def run(args: argparse.Namespace) -> Results:
    results: Results = {"load_tool": load_tool(), "root": str(ROOT)}
    bundled = load_default_matches().write_csv().encode()
    seconds, rounds = args.seconds, args.rounds
    valkey, redis_url = start_valkey()
    hello = HelloApp().start()
    with tempfile.TemporaryDirectory() as tmp:
        service = BenchService(workdir=Path(tmp), redis_url=redis_url, root=ROOT)
        service.extra_env = {
            "APP_MAX_UPLOAD_MB": "400",
            "APP_MAX_CSV_MATCHES": str(max(args.big_rows, 500_000)),
            # The service's default, not the tests' 5 s: on a loaded machine 5 s let the worker
            # requeue and re-run fits that were alive, which the fit_*_api_s steps then timed.
            "APP_JOB_HEARTBEAT_STALE_SECONDS": str(
                Settings.model_fields["job_heartbeat_stale_seconds"].default
            ),
        }
        started = time.perf_counter()
        service.start()
        try:
            client = service.client()
            poll_until(lambda: client.get("/").json()["active_model_id"], timeout=180, interval=0.2)
            results["first_start_s"] = time.perf_counter() - started
            api, floor = service.base_url, hello.base_url
            assert service.api is not None and hello.process is not None
            PIDS[api.split("/")[2]] = service.api.pid
            PIDS[floor.split("/")[2]] = hello.process.pid
            body = json.dumps(DRAFT).encode()
            explain = json.dumps(DRAFT | {"explain": True}).encode()
            warm_up(client)
            step(
                "http_lr",
                results,
                lambda: interleaved(
                    {
                        "predict": (api + "/api/v1/models/predict", body),
                        "hello_post": (floor + "/echo", body),
                        "predict_explain": (api + "/api/v1/models/predict", explain),
                        "health": (api + "/", None),
                        "hello_get": (floor + "/", None),
                    },
                    seconds,
                    rounds,
                ),
            )
            step(
                "predict_1conn",
                results,
                lambda: run_load(api + "/api/v1/models/predict", body, seconds, 1).__dict__,
            )
            for kind, model_type in (("lr", "logistic_regression"), ("cb", "catboost")):
                step(
                    f"fit_{kind}_api_s",
                    results,
                    lambda t=model_type, k=kind: fit_through_api(client, t, f"b-{k}", bundled),  # type: ignore[misc]
                )
                step(
                    f"fit_{kind}_inproc_s",
                    results,
                    lambda t=model_type: fit_in_process(t, bundled),  # type: ignore[misc]
                )
            if "fit_cb_api_s" in results:
                client.put("/api/v1/models/activate", json={"model_id": "b-cb"})
                time.sleep(2.5)  # every process follows within 2 s
                warm_up(client)

            step(
                "http_cb",
                results,
                lambda: interleaved(
                    {
                        "predict": (api + "/api/v1/models/predict", body),
                        "hello_post": (floor + "/echo", body),
                        "predict_explain": (api + "/api/v1/models/predict", explain),
                    },
                    seconds,
                    rounds,
                ),
            )
            # The same two models served by model_id while the other is active (bench/by_id.py).
            if "fit_lr_api_s" in results and "fit_cb_api_s" in results:
                pid = service.api.pid
                models = {"lr": "b-lr", "cb": "b-cb"}
                step("by_id", results, lambda: by_id_rounds(client, pid, models, seconds, rounds))
            client.put("/api/v1/models/activate", json={"model_id": "b-lr"})
            time.sleep(2.5)
            warm_up(client)
            # Batches keep real account ids (every player known to b-lr), as users' files do.
            hundred_k = batch_bytes(100_000)
            step(
                "csv_100k",
                results,
                lambda: with_known_share(predict_csv_run(service, client, hundred_k), hundred_k),
            )
            step("csv_100k_inproc_s", results, lambda: predict_csv_in_process(hundred_k))
            ten_k = batch_bytes(10_000)
            step("ledger_on_off", results, lambda: ledger_on_off(service, ten_k))
            step(
                "shadow_on_off",
                results,
                lambda: shadow_on_off(service, client, csv_bytes(4000, labelled=True), ten_k),
            )
            fifty_mb = batch_bytes(int(50e6 / len(hundred_k) * 100_000))
            step("predict_during_50mb", results, lambda: predict_during_batch(api, fifty_mb))
            if args.big_rows:
                big = batch_bytes(args.big_rows)
                step(
                    "csv_big",
                    results,
                    lambda: with_known_share(predict_csv_run(service, client, big), big),
                )
                step("csv_big_inproc_s", results, lambda: predict_csv_in_process(big))
                del big
            # The life-cycle benchmark over HTTP (suggest_picks latency).
            step("lifecycle_http", results, lambda: lifecycle.http_rows(client))
            client.close()
            step("restart", results, lambda: first_predict_after_restart(service))
        finally:
            service.stop()
            hello.stop()
            stop_process(valkey)
    matches = load_default_matches()
    step("lifecycle_inproc", results, lambda: lifecycle.in_process_rows(matches))
    step(
        "ledger_costs",
        results,
        lambda: ledger_costs(train_model(matches.tail(2000), "logistic_regression", None), matches),
    )
    if args.model_matches:
        step("model_size", results, lambda: model_size(args.model_matches))
    # Training at scale, each size in a fresh process (its own peak RSS): time, CPU, memory.
    for kind, model_type, sizes in (
        ("lr", "logistic_regression", args.train_matches),
        ("cb", "catboost", args.train_cb_matches),
    ):
        for n in sizes:
            step(f"train_{kind}_{n}", results, lambda t=model_type, n=n: train_run(ROOT, n, t))  # type: ignore[misc]
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "results.md")
    parser.add_argument("--json", type=Path, help="also save the raw numbers here")
    parser.add_argument("--before", type=Path, default=BENCH_DIR / "baseline.json")
    parser.add_argument("--seconds", type=float, default=5.0, help="per load run")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    parser.add_argument("--big-rows", type=int, default=500_000, help="0 to skip")
    parser.add_argument("--model-matches", type=int, default=351_000, help="0 to skip")
    parser.add_argument(
        "--train-matches",
        type=lambda v: [int(x) for x in v.split(",") if x],
        default=[100_000, 1_000_000],
        help="LR training sizes (comma-separated; empty to skip)",
    )
    parser.add_argument(
        "--train-cb-matches",
        type=lambda v: [int(x) for x in v.split(",") if x],
        default=[],
        help="CatBoost training sizes (off by default: 1M took longer than the bench budget)",
    )
    parser.add_argument("--skip", help="comma-separated step names (see the JSON keys)")
    parser.add_argument("--report-only", action="store_true", help="rewrite --out from --json")
    args = parser.parse_args()
    if args.report_only:
        before = json.loads(args.before.read_text()) if args.before.exists() else None
        args.out.write_text(write_report(json.loads(args.json.read_text()), before))
        return 0
    global SAVE_TO
    SAVE_TO = args.json
    SKIP.update(args.skip.split(",") if args.skip else [])
    started = time.perf_counter()
    results = run(args)
    results["meta"] = {
        "when": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "machine": f"{platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores",
        "load_avg_1min": os.getloadavg()[0],
        "total_s": time.perf_counter() - started,
    }
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    before = json.loads(args.before.read_text()) if args.before.exists() else None
    text = write_report(results, before)
    args.out.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
