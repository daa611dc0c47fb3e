"""Where a predict request's time goes: py-spy samples the API process under wrk load.

Usage: `uv run python bench/profile_predict.py [--root DIR] [--seconds 10] [--svg out.svg]`.
Starts Valkey, worker and API (the code of --root; default this checkout), waits for the default
model, loads POST /api/v1/models/predict with wrk (16 connections) while `py-spy record --gil`
samples the API process (only the thread holding the GIL, i.e. Python CPU time, not idle
threads), then prints the share of samples in each part of the stack (a sample counts for every
part its stack passes through, so shares overlap) and the top leaf functions.
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH_DIR.parent), str(BENCH_DIR)]

from load import run_load  # noqa: E402
from services import BenchService, start_valkey  # noqa: E402

from tests.support.live_service import poll_until, stop_process  # noqa: E402

# Part of the stack -> substrings of py-spy frames ("function (file:line)").
PARTS = {
    "database (SQLAlchemy, aiosqlite, session)": ("sqlalchemy", "aiosqlite", "sqlmodel"),
    "features (history/features/frame)": ("ml/history.py", "ml/features.py", "ml/frame.py"),
    "polars": ("polars/",),
    "scikit-learn": ("sklearn/",),
    "catboost": ("catboost/",),
    "explanations": ("ml/explain.py",),
    "draft validation (ours)": ("validate_draft", "draft_arrays", "draft_frame"),
    "pydantic (request/response models)": ("pydantic/", "pydantic_core"),
    "msgspec / Litestar serialization": ("msgspec", "litestar/serialization"),
    "Litestar routing, DI, request parsing": ("litestar/",),
    "uvicorn / h11 / asyncio": ("uvicorn/", "h11", "asyncio/"),
}


def summarise(raw: Path) -> str:
    """Shares of samples per part and the top leaf frames, from py-spy's raw (collapsed) output."""
    parts: collections.Counter[str] = collections.Counter()
    leaves: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack:
            continue
        count = int(count_text)
        total += count
        frames = stack.split(";")
        leaves[frames[-1]] += count
        for part, needles in PARTS.items():
            if any(n in frame for frame in frames for n in needles):
                parts[part] += count
    lines = [f"{total} samples", "", "| part of the stack | share of samples |", "|---|---:|"]
    lines += [f"| {part} | {parts[part] / max(total, 1):.1%} |" for part in PARTS]
    lines += ["", "Top leaf frames:", ""]
    lines += [f"- {n / max(total, 1):.1%} {frame}" for frame, n in leaves.most_common(15)]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=BENCH_DIR.parent)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--explain", action="store_true", help="profile explain=true")
    parser.add_argument("--get", metavar="PATH", help="profile GET PATH (e.g. /) instead")
    parser.add_argument("--raw", type=Path, help="keep the collapsed stacks (for flamegraph.pl)")
    args = parser.parse_args()
    draft = {
        "radiant": [{"hero_id": h} for h in (1, 2, 3, 4, 5)],
        "dire": [{"hero_id": h} for h in (6, 7, 8, 9, 10)],
        "explain": args.explain,
    }
    valkey, redis_url = start_valkey()
    with tempfile.TemporaryDirectory() as tmp:
        service = BenchService(workdir=Path(tmp), redis_url=redis_url, root=args.root.resolve())
        service.start()
        try:
            with service.client() as client:
                poll_until(lambda: client.get("/").json()["active_model_id"], 300, 0.2)
                client.post("/api/v1/models/predict", json=draft).raise_for_status()
            assert service.api is not None
            raw = Path(tmp) / "profile.txt"
            load = threading.Thread(
                target=run_load,
                args=(
                    service.base_url + (args.get or "/api/v1/models/predict"),
                    None if args.get else json.dumps(draft).encode(),
                    args.seconds + 2,
                ),
            )
            load.start()
            binary = Path(sys.executable).parent / "py-spy"  # the dev dependency
            record = [
                str(binary) if binary.exists() else "py-spy",
                "record",
                "--nonblocking",
                "--gil",
            ]
            record += ["--pid", str(service.api.pid), "--rate", "250"]
            record += ["--duration", str(args.seconds)]
            fmt = ["--format", "raw", "--output", str(raw)]
            subprocess.run([*record, *fmt], check=True, stdout=subprocess.DEVNULL)
            load.join()
            print(summarise(raw))
            if args.raw:
                args.raw.write_text(raw.read_text())
        finally:
            service.stop()
            stop_process(valkey)
    return 0


if __name__ == "__main__":
    sys.exit(main())
