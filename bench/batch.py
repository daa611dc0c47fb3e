"""predict_csv before → after, side by side in one run (issue 11, item 3).

Starts one Valkey and two services on their own SQLite files: "before" serves another checkout's
code (`--before-root`, e.g. /work/wt/benchbase = main), "after" this checkout's. Every
measurement alternates between them (who goes first alternates too), so the load other work puts
on the machine hits both alike. Per service and size it reports what bench/run.py's steps
measure, with run.py's own functions: `predict_csv_run` (seconds, rows/s, peak RSS above idle),
`predict_during_batch` (/predict latency while a ~50 MB batch streams), plus the API process's
CPU seconds per request (hardly depends on the neighbours), and the in-process pipeline
(`predict_csv_in_process`: read_matches + predict_proba) of the same checkout, in a subprocess.

Also /predict alone (no batch) for reference: on a loaded machine it is slow by itself.
`--ledger off` runs both services without the prediction ledger (what the ledger costs).

Usage: `uv run python bench/batch.py --before-root /work/wt/benchbase [--rows 100000,500000]
[--rounds 2] [--ledger on|off] [--json out.json]`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))
sys.path.insert(1, str(BENCH_DIR))

from generate import batch_bytes  # noqa: E402
from run import cpu_seconds, predict_csv_run, predict_during_batch, with_known_share  # noqa: E402
from services import DRAFT, BenchService, start_valkey  # noqa: E402

from tests.support.live_service import poll_until, stop_process  # noqa: E402

IN_PROCESS = """
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
import run
from generate import batch_bytes
data = batch_bytes(int(sys.argv[2]))
run._bundled_lr()
cpu = time.process_time()
seconds = run.predict_csv_in_process(data)
print(json.dumps({"seconds": seconds, "cpu_s": time.process_time() - cpu}))
"""


def in_process(root: Path, rows: int) -> dict[str, float]:
    """run.predict_csv_in_process on `root`'s code, in a fresh process (its own memory)."""
    env = {**os.environ, "BENCH_ROOT": str(root), "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", IN_PROCESS, str(BENCH_DIR), str(rows)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    out: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    out["rows_per_s"] = rows / out["seconds"]
    return out


def served(service: BenchService, data: bytes) -> dict[str, float]:
    """predict_csv_run plus the API's CPU seconds for the request."""
    assert service.api is not None
    with service.client() as client:
        client.timeout = 900
        cpu = cpu_seconds(service.api.pid)
        out = predict_csv_run(service, client, data)
        out["cpu_s"] = cpu_seconds(service.api.pid) - cpu
    return out


def predict_alone(base_url: str, seconds: float) -> dict[str, float]:
    """The same sequential /predict loop as predict_during_batch, with no batch running: what
    the machine gives a /predict anyway (the reference for the "during" numbers)."""
    latencies: list[float] = []
    with httpx.Client(base_url=base_url, timeout=60) as client:
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            client.post("/api/v1/models/predict", json=DRAFT).raise_for_status()
            latencies.append(time.perf_counter() - start)
            time.sleep(0.005)
    latencies.sort()
    return {
        "n": len(latencies),
        "max_ms": latencies[-1] * 1000,
        "p99_ms": latencies[int(0.99 * (len(latencies) - 1))] * 1000,
        "p50_ms": statistics.median(latencies) * 1000,
    }


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before-root", type=Path, default=Path("/work/wt/benchbase"))
    parser.add_argument("--rows", default="100000,500000")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--during-mb", type=float, default=50.0, help="0 to skip")
    parser.add_argument("--no-in-process", action="store_true")
    parser.add_argument("--only", choices=["before", "after"], help="serve one side only")
    parser.add_argument("--ledger", choices=["on", "off"], default="on")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    roots = {"before": args.before_root.resolve(), "after": BENCH_DIR.parent}
    if args.only:
        roots = {args.only: roots[args.only]}
    valkey, redis_url = start_valkey()
    results: dict[str, Any] = {"roots": {k: str(v) for k, v in roots.items()}}
    with tempfile.TemporaryDirectory() as tmp:
        services: dict[str, BenchService] = {}
        try:
            for name, root in roots.items():
                (Path(tmp) / name).mkdir()
                service = BenchService(workdir=Path(tmp) / name, redis_url=redis_url, root=root)
                service.extra_env = {
                    "APP_MAX_UPLOAD_MB": "400",
                    "APP_MAX_CSV_MATCHES": "2000000",
                    "APP_LEDGER_ENABLED": str(args.ledger == "on").lower(),
                }
                services[name] = service.start()
            for service in services.values():
                with service.client() as client:
                    poll_until(
                        lambda c=client: c.get("/").json()["active_model_id"],  # type: ignore[misc]
                        timeout=300,
                        interval=0.2,
                    )
                    client.post(
                        "/api/v1/models/predict_csv",
                        files={"file": ("m.csv", batch_bytes(1000), "text/csv")},
                    ).raise_for_status()
            order = list(services)
            for rows in [int(r) for r in args.rows.split(",") if r]:
                data = batch_bytes(rows)
                runs: dict[str, list[dict[str, float]]] = {k: [] for k in services}
                inproc: dict[str, list[dict[str, float]]] = {k: [] for k in services}
                for _ in range(args.rounds):
                    for name in order:
                        runs[name].append(with_known_share(served(services[name], data), data))
                        print(rows, name, "served", runs[name][-1], flush=True)
                        if not args.no_in_process:
                            inproc[name].append(in_process(roots[name], rows))
                            print(rows, name, "in-process", inproc[name][-1], flush=True)
                    order.reverse()
                for name in services:
                    entry: dict[str, Any] = {"served": median_of(runs[name])}
                    if inproc[name]:
                        entry["in_process"] = median_of(inproc[name])
                        entry["ratio_to_in_process"] = (
                            entry["served"]["rows_per_s"] / entry["in_process"]["rows_per_s"]
                        )
                        entry["cpu_ratio"] = entry["in_process"]["cpu_s"] / entry["served"]["cpu_s"]
                    results[f"csv_{rows}"] = results.get(f"csv_{rows}", {}) | {name: entry}
                del data
            if args.during_mb:
                hundred_k = batch_bytes(100_000)
                fifty = batch_bytes(int(args.during_mb * 1e6 / len(hundred_k) * 100_000))
                for name in order:
                    alone = predict_alone(services[name].base_url, 10.0)
                    during = predict_during_batch(services[name].base_url, fifty)
                    print(name, "alone", alone, "during", during, flush=True)
                    results.setdefault("predict_alone", {})[name] = alone
                    results.setdefault("predict_during", {})[name] = during
        finally:
            for service in services.values():
                service.stop()
            stop_process(valkey)
    text = json.dumps(results, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
