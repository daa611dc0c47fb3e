"""The supervisor with throwaway children, the worker before migrations, the compose file."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import yaml

from backend.api.health import readiness
from backend.context import HealthState
from backend.launcher import child_specs, listening_socket
from backend.settings import REPO_ROOT, Settings
from backend.supervisor import ChildSpec, Supervisor
from tests.support.live_service import LiveService, poll_until

SLEEP = [sys.executable, "-c", "import time; time.sleep(60)"]
CRASH = [sys.executable, "-c", "raise SystemExit(3)"]


def test_supervisor_restarts_with_exponential_backoff_and_stops_in_order() -> None:
    lines: list[str] = []
    supervisor = Supervisor(
        [ChildSpec("crasher", CRASH, stop_group=0), ChildSpec("sleeper", SLEEP, stop_group=1)],
        backoff_initial=0.1,
        backoff_max=0.4,
        log=lines.append,
    )
    supervisor.start_all()
    try:
        sleeper = supervisor.pid("sleeper")
        deadline = time.monotonic() + 30
        while supervisor.child("crasher").restarts < 4 and time.monotonic() < deadline:
            supervisor.check()
            time.sleep(0.02)
        delays = [float(line.split("restarting in ")[1].split(" s")[0]) for line in lines
                  if "crasher exited with code 3" in line]  # fmt: skip
        assert delays[:4] == [0.1, 0.2, 0.4, 0.4], lines  # doubles, capped
        assert supervisor.pid("sleeper") == sleeper  # the others are left alone
    finally:
        supervisor.stop_all()
    assert all(c.process is not None and c.process.poll() is not None for c in supervisor.children)
    supervisor.check()  # stopped children are not restarted
    assert supervisor.pid("sleeper") is None


def test_launcher_specs_order_and_the_ui_key() -> None:
    settings = Settings(api_key="admin", read_api_key="reader", ui_port=9999)
    specs = {s.name: s for s in child_specs(settings, {"X": "1"}, 6379, workers=2, ui=True)}
    assert sorted(specs) == ["api", "ui", "valkey", "worker-1", "worker-2"]
    order = sorted(specs.values(), key=lambda s: s.stop_group)
    assert [s.name for s in order] == ["ui", "api", "worker-1", "worker-2", "valkey"]
    ui_env = specs["ui"].env or {}
    assert ui_env["DOTA_PREDICT_API_KEY"] == "admin"  # the UI trains and activates
    assert "DOTA_PREDICT_API_KEY" not in (specs["api"].env or {})


def test_api_processes_share_the_launchers_socket() -> None:
    settings = Settings(api_processes=3)
    specs = {s.name: s for s in child_specs(settings, {}, None, workers=1, ui=False, api_fd=7)}
    apis = [specs[f"api-{n}"] for n in (1, 2, 3)]
    assert "api" not in specs and "api-4" not in specs
    for spec in apis:
        assert spec.pass_fds == (7,) and spec.stop_group == 1
        assert spec.command[spec.command.index("--fd") + 1] == "7" and "--port" not in spec.command
    assert Settings().api_processes == 2  # the default of `make run`


def test_the_shared_socket_hands_accepted_connections_tcp_nodelay() -> None:
    sock = listening_socket("127.0.0.1", 0)
    try:
        assert sock.get_inheritable()
        with socket.create_connection(sock.getsockname()[:2]):
            accepted, _ = sock.accept()
            with accepted:  # what uvicorn's accept gives each request's connection
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
    finally:
        sock.close()


def test_readiness_needs_the_database_and_an_active_model() -> None:
    assert not readiness(HealthState(database=False, active_model_id="m")).ready
    assert not readiness(HealthState(database=True, active_model_id=None)).ready
    ok = readiness(HealthState(database=True, queue=False, active_model_id="m"))
    assert ok.ready and ok.reason is None  # predictions do not need the queue


def test_a_worker_started_before_migrations_waits_and_stops_cleanly(
    tmp_path: Path, redis_url: str
) -> None:
    live = LiveService(workdir=tmp_path, redis_url=redis_url)
    live.start_worker()  # the database file has no tables yet
    log = tmp_path / "worker.log"
    assert live.worker is not None
    try:
        poll_until(lambda: "job sweep failed" in log.read_text(), timeout=60)
        live.worker.send_signal(signal.SIGTERM)
        assert live.worker.wait(timeout=30) == 0
    finally:
        live.stop()
    text = log.read_text()
    assert "KeyError" not in text and "Traceback" not in text, text


def test_worker_check_reads_the_heartbeat_file(tmp_path: Path) -> None:
    beat = tmp_path / "beat"
    env = {"APP_WORKER_HEARTBEAT_FILE": str(beat), "PATH": "/usr/bin:/bin"}

    def check() -> int:
        command = [sys.executable, "-m", "backend.worker", "--check"]
        return subprocess.run(command, env=env, cwd=REPO_ROOT, timeout=60).returncode

    assert check() == 1
    beat.write_text("now")
    assert check() == 0


def test_compose_is_hardened() -> None:
    compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    for name, service in services.items():
        if name != "migrate":
            assert service.get("restart") == "unless-stopped", name
            assert "healthcheck" in service, name
        for port in service.get("ports", []):
            assert port.startswith("${APP_BIND:-127.0.0.1}:"), (name, port)
    assert services["ui"]["depends_on"]["api"]["condition"] == "service_healthy"
    assert "/health/ready" in str(services["api"]["healthcheck"]["test"])
    assert "--check" in services["worker"]["healthcheck"]["test"]
    assert "_stcore/health" in str(services["ui"]["healthcheck"]["test"])
    assert services["worker"]["stop_grace_period"]
    text = (REPO_ROOT / "docker-compose.yml").read_text()
    assert "POSTGRES_PASSWORD: " not in text and "dota:dota@" not in text  # nothing inline
    ignored = (REPO_ROOT / ".dockerignore").read_text().split()
    assert ".env" in ignored and (REPO_ROOT / ".env.example").exists()
