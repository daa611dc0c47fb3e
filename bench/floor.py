"""predict_csv in process against its floor: parse + the model's matrix product (issue 22, 2 & 5).

Usage: `uv run python bench/floor.py [--rows 100000] [--rounds 3] [--model logistic_regression]
[--json out.json]`.

One process, one model trained on the bundled matches, one file of `--rows` resampled matches
(bench/generate.py). Interleaved rounds, medians, of:

- pipeline: `read_matches` + `TrainedModel.predict_proba` (what predict_csv runs per file),
  split into parse, features (`TrainedModel.features`) and the rest;
- floor: `polars.read_csv` of the same bytes + the product of a matrix of the model's shape
  (n x features) with a weight vector: the least any pipeline must do.

Both kinds of file are measured, each with the share of its player slots the model knows:
`real` keeps the bundled account ids (what users' files look like, every player known), `shifted`
is generate.py's training-frame style (players of later "passes" shifted to new ids). The ratio
pipeline / floor is the issue's "API time / (read_csv + matrix product)" measured in process,
in wall time and in CPU time (steadier on a shared machine; polars reads with every core, so
its CPU time is above its wall time on an idle machine).
`BENCH_ROOT=/path/to/checkout` measures another checkout's pipeline (the "before").
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from threadpoolctl import threadpool_limits

BENCH_DIR = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("BENCH_ROOT", BENCH_DIR.parent)).resolve()
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(BENCH_DIR))

from generate import csv_bytes, known_share  # noqa: E402

from backend.matches import load_default_matches, read_matches  # noqa: E402
from backend.ml import train_model  # noqa: E402

API_BLAS_THREADS = 1  # APP_API_BLAS_THREADS's default (a literal: BENCH_ROOT may predate it)
CPU: dict[str, float] = {}  # CPU seconds of the last _timed call


def _timed(fn: Any) -> tuple[float, Any]:
    cpu, start = time.process_time(), time.perf_counter()
    out = fn()
    CPU["last"] = time.process_time() - cpu
    return time.perf_counter() - start, out


def pipeline(model: Any, data: bytes) -> dict[str, float]:
    """Seconds of parse, features and the whole predict (parse + predict_proba)."""
    parse_s, frame = _timed(lambda: read_matches(data, require_label=False, max_rows=10**7))
    parse_cpu = CPU["last"]
    features_s, _ = _timed(lambda: model.features(frame))
    features_cpu = CPU["last"]
    predict_s, _ = _timed(lambda: model.predict_proba(frame))
    return {
        "parse_s": parse_s,
        "features_s": features_s,
        "predict_s": predict_s,
        "total_s": parse_s + predict_s,
        "features_cpu_s": features_cpu,
        "total_cpu_s": parse_cpu + CPU["last"],
    }


def floor(data: bytes, n_features: int) -> dict[str, float]:
    """polars.read_csv + an (n, f) float64 matrix times a weight vector."""
    read_s, frame = _timed(lambda: pl.read_csv(data))
    read_cpu = CPU["last"]
    X = np.ones((frame.height, n_features))  # the matrix exists before the clock: product only
    w = np.linspace(-1.0, 1.0, n_features)
    product_s, _ = _timed(lambda: X @ w)
    return {
        "read_csv_s": read_s,
        "product_s": product_s,
        "total_s": read_s + product_s,
        "total_cpu_s": read_cpu + CPU["last"],
    }


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", default="logistic_regression")
    parser.add_argument("--kinds", default="real,shifted")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    model = train_model(load_default_matches(), args.model, None)
    # As an API process runs (APP_API_BLAS_THREADS, default 1): the pipeline's and the
    # floor's matrix products alike. Training above kept OpenBLAS's own threads.
    threadpool_limits(limits=API_BLAS_THREADS, user_api="blas")
    n_features = len(model.specs)
    known = np.asarray(model.state.accounts)
    files = {
        kind: csv_bytes(args.rows, labelled=False, real_accounts=kind == "real")
        for kind in args.kinds.split(",")
    }
    warm = csv_bytes(2000, labelled=False, real_accounts=True)
    pipeline(model, warm)
    runs: dict[str, dict[str, list[dict[str, float]]]] = {
        k: {"pipeline": [], "floor": []} for k in files
    }
    for r in range(args.rounds):
        for kind, data in files.items():
            order = ["pipeline", "floor"] if r % 2 == 0 else ["floor", "pipeline"]
            for what in order:
                out = pipeline(model, data) if what == "pipeline" else floor(data, n_features)
                runs[kind][what].append(out)
    results: dict[str, Any] = {
        "rows": args.rows,
        "model": args.model,
        "features": n_features,
        "load_average": os.getloadavg(),
    }
    for kind, data in files.items():
        p = median_of(runs[kind]["pipeline"])
        f = median_of(runs[kind]["floor"])
        results[kind] = {
            "known_player_share": known_share(data, known),
            "pipeline": p,
            "floor": f,
            "pipeline_rows_per_s": args.rows / p["total_s"],
            "floor_rows_per_s": args.rows / f["total_s"],
            "ratio_pipeline_to_floor": p["total_s"] / f["total_s"],
            "cpu_ratio_pipeline_to_floor": p["total_cpu_s"] / f["total_cpu_s"],
        }
    text = json.dumps(results, indent=1)
    print(text)
    for kind in files:
        res = results[kind]
        print(
            f"{kind}: known players {res['known_player_share']:.1%}; pipeline "
            f"{res['pipeline']['total_s']:.3f} s ({res['pipeline_rows_per_s']:,.0f} rows/s; "
            f"parse {res['pipeline']['parse_s']:.3f}, features {res['pipeline']['features_s']:.3f})"
            f"; floor {res['floor']['total_s']:.3f} s ({res['floor_rows_per_s']:,.0f} rows/s); "
            f"ratio {res['ratio_pipeline_to_floor']:.1f}x (CPU {res['pipeline']['total_cpu_s']:.3f}"
            f" / {res['floor']['total_cpu_s']:.3f} s = {res['cpu_ratio_pipeline_to_floor']:.1f}x)"
        )
    if args.json:
        args.json.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
