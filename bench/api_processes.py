"""/predict throughput of `make run` with 1 and with 2 API processes on the launcher's socket.

Both launchers run side by side in one run (same machine, same moment): each serves the
bootstrapped default model; their /predict is loaded in turns (1, 2, 1, 2, ...) with the same
load generator, so a busy machine slows both alike. Prints req/s, p50/p99 and the 2:1 ratio.

    .venv/bin/python -m bench.api_processes [--seconds 10] [--rounds 2] [--connections 16]
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import tempfile
from contextlib import ExitStack
from pathlib import Path

import httpx

from bench.load import load_tool, run_load
from tests.support.launcher import launched
from tests.support.live_service import poll_until

DRAFT = {
    "radiant": [{"hero_id": h} for h in (1, 2, 3, 4, 5)],
    "dire": [{"hero_id": h} for h in (6, 7, 8, 9, 10)],
}


def _serves(url: str) -> bool:
    try:
        return httpx.post(url, json=DRAFT, timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    body = json.dumps(DRAFT).encode()
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        urls = {}
        for processes in (1, 2):
            workdir = Path(tmp) / f"p{processes}"
            workdir.mkdir()
            env = {"APP_API_PROCESSES": str(processes), "APP_LEDGER_ENABLED": "false"}
            run = stack.enter_context(launched(workdir, "--no-ui", env=env))
            url = run.base_url + "/api/v1/models/predict"
            poll_until(functools.partial(_serves, url), timeout=300, interval=1)
            urls[processes] = url
        rps: dict[int, list[float]] = {1: [], 2: []}
        for round_number in range(args.rounds):
            for processes in (1, 2):
                result = run_load(urls[processes], body, args.seconds, args.connections)
                rps[processes].append(result.rps)
                print(
                    f"round {round_number + 1}, {processes} API process(es): "
                    f"{result.rps:,.0f} req/s, p50 {result.p50_ms:.1f} ms, "
                    f"p99 {result.p99_ms:.1f} ms, errors {result.errors}",
                    flush=True,
                )
        one, two = statistics.median(rps[1]), statistics.median(rps[2])
        print(f"\nload: {load_tool()}, {args.connections} connections, {args.seconds:g} s a round")
        print(f"median req/s: 1 process {one:,.0f}, 2 processes {two:,.0f}, ratio {two / one:.2f}")


if __name__ == "__main__":
    main()
