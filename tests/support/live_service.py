"""Start the real service (arq worker + uvicorn API) as processes for end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from backend.db.migrate import upgrade_to_head
from backend.settings import REPO_ROOT


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def poll_until(check: Callable[[], Any], timeout: float, interval: float = 0.1) -> Any:
    """Call check() until it returns something truthy, or fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s; last value: {last!r}")


def stop_process(process: subprocess.Popen[bytes] | None) -> None:
    """Terminate a child process, killing it if it does not stop within 20 s."""
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class LiveService:
    """One API process and one worker process sharing a SQLite file and a queue."""

    workdir: Path
    redis_url: str
    extra_env: dict[str, str] = field(default_factory=dict)
    database: str | None = None  # default: a SQLite file in workdir
    port: int = field(default_factory=free_port)
    api: subprocess.Popen[bytes] | None = None
    worker: subprocess.Popen[bytes] | None = None

    @property
    def database_url(self) -> str:
        return self.database or f"sqlite+aiosqlite:///{self.workdir / 'service.db'}"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("APP_")}
        env.update(
            APP_DATABASE_URL=self.database_url,
            APP_REDIS_URL=self.redis_url,
            APP_QUEUE_NAME=f"test:{self.workdir.name}:{self.port}",
            APP_JOB_HEARTBEAT_STALE_SECONDS="5",
        )
        env.update(self.extra_env)
        return env

    def _spawn(self, args: list[str], name: str) -> subprocess.Popen[bytes]:
        log = (self.workdir / f"{name}.log").open("ab")
        return subprocess.Popen(args, env=self.env(), cwd=REPO_ROOT, stdout=log, stderr=log)

    def start(self) -> LiveService:
        upgrade_to_head(self.database_url)
        self.start_worker()
        self.start_api()
        return self

    def start_worker(self) -> None:
        self.worker = self._spawn([sys.executable, "-m", "backend.worker"], "worker")

    def start_api(self) -> None:
        self.api = self._spawn(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "backend.app:create_app",
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
            ],
            "api",
        )

        def up() -> bool:
            assert self.api is not None and self.api.poll() is None, self.logs()
            try:
                return httpx.get(self.base_url + "/", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        poll_until(up, timeout=60, interval=0.2)

    def stop(self) -> None:
        stop_process(self.api)
        stop_process(self.worker)

    def kill_worker(self) -> None:
        if self.worker is not None:
            self.worker.kill()
            self.worker.wait()

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name}\n{p.read_text(errors='replace')[-4000:]}"
            for p in sorted(self.workdir.glob("*.log"))
        )

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, timeout=60)

    def wait_for_job(self, job_id: str, timeout: float = 120) -> dict[str, Any]:
        """Poll the status route until the job finishes; returns the final status."""
        last: dict[str, Any] = {}
        with self.client() as client:

            def finished() -> dict[str, Any] | None:
                last.update(
                    client.get("/api/v1/models/fit/status", params={"job_id": job_id}).json()
                )
                return last if last["status"] in {"succeeded", "failed", "cancelled"} else None

            try:
                return poll_until(finished, timeout=timeout, interval=0.2)
            except AssertionError as exc:
                raise AssertionError(f"{exc}\nlast status: {last}\n{self.logs()}") from exc
