"""Run `python -m backend.launcher` (what `make run` runs) as a subprocess and watch its output."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from backend.settings import REPO_ROOT
from tests.support.live_service import free_port, poll_until

PID_LINE = re.compile(
    r"supervisor: (?:started )?(?P<name>[\w-]+) (?:restarted )?\(pid (?P<pid>\d+)\)"
)


@dataclass
class Launched:
    """A running launcher: its output lines (read by a thread) and where the API listens."""

    process: subprocess.Popen[str]
    port: int
    ui_port: int
    workdir: Path
    lines: list[tuple[float, str]] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, timeout=30, **kwargs)  # type: ignore[arg-type]

    def output(self) -> str:
        return "\n".join(line for _, line in self.lines)

    def pid(self, name: str) -> int:
        """The latest pid the supervisor reported for a child."""
        pids = [int(m["pid"]) for _, line in self.lines if (m := PID_LINE.search(line))
                if m["name"] == name]  # fmt: skip
        assert pids, f"no pid for {name}\n{self.output()[-3000:]}"
        return pids[-1]

    def wait_for_line(self, pattern: str, after: float, timeout: float) -> float:
        """Monotonic time of the first output line matching pattern printed after `after`."""
        regex = re.compile(pattern)

        def seen() -> float | None:
            for at, line in list(self.lines):
                if at >= after and regex.search(line):
                    return at
            return None

        try:
            return float(poll_until(seen, timeout=timeout, interval=0.05))
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n{self.output()[-4000:]}") from exc


@contextmanager
def launched(
    workdir: Path, *args: str, env: dict[str, str] | None = None, startup_timeout: float = 120
) -> Iterator[Launched]:
    """Start the launcher on a fresh SQLite file and free ports; SIGTERM it afterwards."""
    port, ui_port = free_port(), free_port()
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("APP_")}
    full_env.update(
        APP_DATABASE_URL=f"sqlite+aiosqlite:///{workdir / 'launcher.db'}",
        APP_PORT=str(port),
        APP_UI_PORT=str(ui_port),
        PYTHONUNBUFFERED="1",
    )
    full_env.update(env or {})
    process = subprocess.Popen(
        [sys.executable, "-m", "backend.launcher", *args],
        cwd=REPO_ROOT,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    running = Launched(process, port, ui_port, workdir)

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            running.lines.append((time.monotonic(), line.rstrip("\n")))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        running.wait_for_line(r"Press Ctrl-C to stop", after=0, timeout=startup_timeout)
        yield running
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        reader.join(timeout=5)
        (workdir / "launcher.log").write_text(running.output())
