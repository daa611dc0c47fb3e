"""The HTTP layer of /predict: uvloop/httptools against asyncio/h11, msgspec against pydantic.

Usage: `uv run python bench/http_stack.py [--seconds 3] [--rounds 3] [--json out.json]`.

Servers, all single-process uvicorn like the service (bench/services.py's arguments), loaded
one after another in interleaved rounds with wrk (16 connections), medians of the rounds,
and each server's CPU per request (process CPU over the run / requests served):
- hello-world Litestar (bench/hello_app.py) under `--loop asyncio --http h11` and
  `--loop uvloop --http httptools`, GET / and POST /echo with the /predict draft;
- bench/body_apps.py's two /predict stand-ins (parse the draft, answer a Prediction) with the
  service's pydantic models and with msgspec Structs, both under uvloop/httptools.
Also in process (no HTTP): decode + validate the draft and build + encode the answer, per call.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import timeit
from pathlib import Path
from typing import Any

import httpx

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))
sys.path.insert(1, str(BENCH_DIR))

from load import run_load  # noqa: E402
from services import DRAFT, cpu_seconds, free_port, uvicorn_args, wait_idle  # noqa: E402

from tests.support.live_service import poll_until, stop_process  # noqa: E402

STACKS = {"asyncio_h11": ["--loop", "asyncio", "--http", "h11"],
          "uvloop_httptools": ["--loop", "uvloop", "--http", "httptools"]}  # fmt: skip
STACK_FLAGS = {"--loop", "--http", "uvloop", "httptools"}  # services.uvicorn_args' own stack
BODY = DRAFT | {
    "radiant": [p | {"account_id": 87278757 + i} for i, p in enumerate(DRAFT["radiant"])]
}


def serve(app: str, stack: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    args = [a for a in uvicorn_args(app, port, BENCH_DIR) if a not in STACK_FLAGS]
    args += STACKS[stack]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            httpx.post(url + ("/echo" if "hello" in app else "/predict"), json=BODY, timeout=2)
            return True
        except httpx.HTTPError:
            return False

    poll_until(up, timeout=60, interval=0.1)
    return process, url


def in_process() -> dict[str, float]:
    """Microseconds per call of the draft's decode + validate and the answer's encode."""
    import msgspec
    from body_apps import PredictionStruct, PredictStruct

    from backend.api.models.schemas import Prediction, PredictRequest

    raw = json.dumps(BODY).encode()
    decode = msgspec.json.Decoder(PredictStruct).decode
    encode = msgspec.json.Encoder().encode
    n = 20_000

    def per_call(fn: Any) -> float:
        return min(timeit.repeat(fn, number=n, repeat=5)) / n * 1e6

    return {
        "pydantic_decode_us": per_call(lambda: PredictRequest.model_validate_json(raw)),
        "msgspec_decode_us": per_call(lambda: decode(raw)),
        "pydantic_encode_us": per_call(
            lambda: Prediction(
                model_id="m", radiant_win_probability=0.5, winner="radiant"
            ).model_dump_json()
        ),
        "msgspec_encode_us": per_call(lambda: encode(PredictionStruct("m", 0.5, "radiant"))),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    body = json.dumps(BODY).encode()
    servers: dict[str, tuple[subprocess.Popen[bytes], str]] = {}
    targets: dict[str, tuple[str, str, bytes | None]] = {}
    try:
        for stack in STACKS:
            servers[f"hello_{stack}"] = serve("hello_app:create_app", stack)
            url = servers[f"hello_{stack}"][1]
            targets[f"hello_get_{stack}"] = (f"hello_{stack}", url + "/", None)
            targets[f"hello_post_{stack}"] = (f"hello_{stack}", url + "/echo", body)
        for kind in ("pydantic", "msgspec"):
            servers[kind] = serve(f"body_apps:create_{kind}_app", "uvloop_httptools")
            targets[f"predict_body_{kind}"] = (kind, servers[kind][1] + "/predict", body)
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in targets}
        for _ in range(args.rounds):
            for name, (server, url, data) in targets.items():
                pid = servers[server][0].pid
                wait_idle(pid)
                before = cpu_seconds(pid)
                result = run_load(url, data, args.seconds)
                served = max(result.rps * args.seconds, 1.0)
                cpu_ms = (cpu_seconds(pid) - before) / served * 1000
                runs[name].append({"rps": result.rps, "p50_ms": result.p50_ms, "cpu_ms": cpu_ms})
                print(name, runs[name][-1], flush=True)
    finally:
        for process, _ in servers.values():
            stop_process(process)
    out: dict[str, Any] = {"load_average": os.getloadavg()}
    for name, rs in runs.items():
        out[name] = {k: statistics.median(r[k] for r in rs) for k in rs[0]}
    for what in ("hello_get", "hello_post"):
        a, b = out[f"{what}_asyncio_h11"], out[f"{what}_uvloop_httptools"]
        out[f"{what}_uvloop_over_asyncio_rps"] = b["rps"] / a["rps"]
        out[f"{what}_uvloop_over_asyncio_cpu"] = b["cpu_ms"] / a["cpu_ms"]
    p, m = out["predict_body_pydantic"], out["predict_body_msgspec"]
    out["msgspec_over_pydantic_rps"] = m["rps"] / p["rps"]
    out["msgspec_over_pydantic_cpu"] = m["cpu_ms"] / p["cpu_ms"]
    out["in_process"] = in_process()
    text = json.dumps(out, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
