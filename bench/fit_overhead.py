"""Fit through the API vs the training function in-process, interleaved, with a breakdown.

Usage: `uv run python bench/fit_overhead.py --rounds 3 [--model logistic_regression]
[--matches 0]` (0 = the bundled dataset; `BENCH_ROOT=DIR` serves another checkout's code).
Each round: one POST /fit (CSV upload) polled to success, then the same CSV trained in this
process. The API time is split into: the upload request (parse, store, enqueue), the queue
wait (created -> started), training in the child (the model's fit_seconds) and the rest
(loading the data in the child, the artifact, the database write, the poll that sees it).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import run  # noqa: E402  (sets up sys.path for BENCH_ROOT like bench/run.py)
from generate import csv_bytes  # noqa: E402
from services import BenchService, start_fit, start_valkey, wait_fit  # noqa: E402

from backend.matches import load_default_matches, read_matches  # noqa: E402
from backend.ml import train_model  # noqa: E402
from backend.settings import Settings  # noqa: E402
from tests.support.live_service import poll_until, stop_process  # noqa: E402

POLL_S = 0.02  # status poll of the client, as bench/run.py


def _ts(value: str | None) -> float:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() if value else 0.0


def api_fit(client: Any, model_type: str, model_id: str, data: bytes) -> dict[str, float]:
    """One fit through the API: total seconds and where they went."""
    start = time.perf_counter()
    job_id = start_fit(client, model_type, model_id, data)
    accepted = time.perf_counter() - start
    last = wait_fit(client, job_id, timeout=1800, interval=POLL_S)
    total = time.perf_counter() - start
    info = client.get("/api/v1/models/model_info", params={"model_id": model_id}).json()
    fit_seconds = float(info.get("fit_seconds") or 0.0)
    queued = _ts(last.get("started_at")) - _ts(last.get("created_at"))
    return {
        "api_s": total,
        "upload_request_s": accepted,
        "queue_wait_s": max(queued, 0.0),
        "train_in_child_s": fit_seconds,
        "rest_s": total - accepted - max(queued, 0.0) - fit_seconds,
    }


def inproc_fit(model_type: str, data: bytes) -> float:
    matches = read_matches(data, require_label=True, max_rows=10_000_000)
    start = time.perf_counter()
    train_model(matches, model_type, None)
    return time.perf_counter() - start


def measure(model_type: str, matches: int, rounds: int) -> dict[str, Any]:
    data = load_default_matches().write_csv().encode() if not matches else csv_bytes(matches)
    valkey, redis_url = start_valkey()
    rows: list[dict[str, float]] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            service = BenchService(workdir=Path(tmp), redis_url=redis_url, root=run.ROOT)
            # The service's own heartbeat staleness (LiveService sets 5 s for fast tests): on a
            # loaded machine 5 s made the worker requeue and re-run jobs that were still alive.
            stale = str(Settings.model_fields["job_heartbeat_stale_seconds"].default)
            service.extra_env = {
                "APP_MAX_UPLOAD_MB": "400",
                "APP_MAX_CSV_MATCHES": "2000000",
                "APP_JOB_HEARTBEAT_STALE_SECONDS": stale,
            }
            service.start()
            try:
                with service.client() as client:
                    poll_until(
                        lambda: client.get("/").json()["active_model_id"], timeout=600, interval=0.2
                    )
                    for r in range(rounds):
                        row = api_fit(client, model_type, f"overhead-{r}", data)
                        row["inproc_s"] = inproc_fit(model_type, data)
                        row["overhead_s"] = row["api_s"] - row["inproc_s"]
                        print(json.dumps(row), flush=True)
                        rows.append(row)
            finally:
                service.stop()
                worker_log = Path(tmp) / "worker.log"
                for line in worker_log.read_text(errors="replace").splitlines():
                    if any(k in line for k in ("in the child", "queued again", "taken over")):
                        print(line, flush=True)
    finally:
        stop_process(valkey)
    median = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
    return {"model_type": model_type, "matches": matches, "rounds": rows, "median": median}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="logistic_regression")
    parser.add_argument("--matches", type=int, default=0, help="0 = the bundled dataset")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(measure(args.model, args.matches, args.rounds)["median"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
