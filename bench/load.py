"""HTTP load generation: wrk when installed (installed on demand as root), else a Python loop."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

CONNECTIONS = 16
THREADS = 2


@dataclass
class LoadResult:
    """Throughput and latency percentiles of one run."""

    rps: float
    p50_ms: float
    p99_ms: float
    errors: int = 0


def ensure_wrk() -> str | None:
    """Path of wrk; tries `apt-get install wrk` once when running as root."""
    found = shutil.which("wrk")
    if found or os.environ.get("BENCH_NO_WRK"):
        return None if os.environ.get("BENCH_NO_WRK") else found
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "wrk"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
    return shutil.which("wrk")


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", text.strip())
    if not match:
        return float("nan")
    return float(match.group(1)) * _UNITS[match.group(2)]


def _wrk(wrk: str, url: str, body: bytes | None, seconds: float, connections: int) -> LoadResult:
    with tempfile.TemporaryDirectory() as tmp:
        args = [wrk, "-t", str(min(THREADS, connections)), "-c", str(connections)]
        args += ["-d", f"{seconds:g}s", "--latency"]
        if body is not None:
            (Path(tmp) / "body.json").write_bytes(body)
            script = Path(tmp) / "post.lua"
            script.write_text(
                'wrk.method = "POST"\n'
                'wrk.headers["Content-Type"] = "application/json"\n'
                f'local f = io.open("{tmp}/body.json", "rb")\n'
                "wrk.body = f:read('*a')\nf:close()\n"
            )
            args += ["-s", str(script)]
        out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    # Anchored: "75.50%" in the thread-stats line also ends in "50%".
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return LoadResult(
        rps,
        _ms(p50.group(1)) if p50 else float("nan"),
        _ms(p99.group(1)) if p99 else float("nan"),
        (int(errors.group(1)) if errors else 0) + (1 if socket_errors else 0),
    )


async def _python_load(
    url: str, body: bytes | None, seconds: float, connections: int
) -> LoadResult:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=connections)
    headers = {"content-type": "application/json"}
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                start = time.perf_counter()
                if body is None:
                    response = await client.get(url)
                else:
                    response = await client.post(url, content=body, headers=headers)
                latencies.append(time.perf_counter() - start)
                errors += response.status_code >= 300

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return LoadResult(
        len(latencies) / elapsed,
        statistics.median(latencies) * 1000,
        latencies[int(0.99 * (len(latencies) - 1))] * 1000,
        errors,
    )


def run_load(
    url: str, body: bytes | None, seconds: float, connections: int = CONNECTIONS
) -> LoadResult:
    """Load one URL (GET, or POST of a JSON body) for `seconds` with `connections` in flight."""
    wrk = ensure_wrk()
    if wrk:
        return _wrk(wrk, url, body, seconds, connections)
    return asyncio.run(_python_load(url, body, seconds, connections))


def load_tool() -> str:
    """Which load generator run_load uses."""
    return "wrk" if ensure_wrk() else "Python httpx loop (wrk not available)"
