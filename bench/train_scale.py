"""Training at scale: seconds, CPU seconds and peak RSS of train_model on N generated matches.

Usage: `uv run python bench/train_scale.py --matches 100000 351000 --model logistic_regression`
(add `--root /work/wt/benchbase` for another checkout's code, `--before DIR` to run that
checkout's code interleaved with this one: before, after, before, after ...). Every run is a
fresh process, so its peak RSS (ru_maxrss) is its own: the generated frame plus training.
The frame is built before the clock starts and its RSS is reported separately.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent

CHILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1]); sys.path.insert(1, sys.argv[2])
from generate import resampled
import backend.ml
from backend.ml import train_model
n, model_type, evaluate = int(sys.argv[3]), sys.argv[4], sys.argv[5] == '1'
frame = resampled(n)
frame_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
wall, c0 = time.perf_counter(), cpu()
model = train_model(frame, model_type, None, evaluate=evaluate)
wall, cpu_s = time.perf_counter() - wall, cpu() - c0
blob = model.to_bytes()
code = backend.ml.__file__.rsplit('/backend/', 1)[0]
print(json.dumps({'code': code, 'matches': n, 'model_type': model_type, 'train_s': wall,
    'train_cpu_s': cpu_s,
    'peak_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    'frame_peak_rss_mb': frame_peak, 'artifact_mb': len(blob) / 1e6,
    'log_loss': model.metrics.get('log_loss'), 'roc_auc': model.metrics.get('roc_auc')}))
"""


def train_run(root: Path, matches: int, model_type: str, evaluate: bool = True) -> dict[str, Any]:
    """One training in a fresh process with the code of ``root``."""
    argv = [sys.executable, "-c", CHILD, str(root), str(BENCH_DIR), str(matches), model_type]
    argv.append("1" if evaluate else "0")
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"training run failed ({done.returncode}): {done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--matches", type=int, nargs="+", default=[100_000])
    parser.add_argument("--model", default="logistic_regression")
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose code is trained")
    parser.add_argument("--before", type=Path, help="checkout run interleaved as 'before'")
    parser.add_argument("--no-evaluate", action="store_true")
    args = parser.parse_args()
    for n in args.matches:
        roots = (
            [("before", args.before), ("after", args.root)] if args.before else [("run", args.root)]
        )
        for label, root in roots:
            result = train_run(root.resolve(), n, args.model, not args.no_evaluate)
            print(json.dumps({"label": label, **result}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
