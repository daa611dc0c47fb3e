"""A small process supervisor: restart crashed children with backoff, stop them in order.

Why in-house rather than a library (evaluated for issue 8):
- honcho (and foreman) run a Procfile but stop everything when any process exits — the very
  behaviour we are replacing; it has no restart policy.
- supervisor (supervisord) restarts with backoff, but is a daemon with an INI file and a control
  socket: our children need values computed at start-up (a free port for the embedded Valkey, the
  queue URL, the API key handed to the UI), so we would template its config and run a second
  long-lived manager; its shutdown order is by priority only and it has no notion of "the API is
  up" before printing URLs.
- circus restarts and orders well, but brings pyzmq and tornado (and its own daemon and control
  channel) for a feature we need ~150 lines of.
Deployments with a real orchestrator (compose, systemd, Kubernetes) restart containers
themselves; this supervisor only serves `make run`. It is a class with child specs so that
tests can drive it with throwaway commands.
"""

from __future__ import annotations

import ctypes
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

PR_SET_PDEATHSIG = 1


@dataclass
class ChildSpec:
    """One supervised process: how to start it and when (in the stop order) to stop it."""

    name: str
    command: list[str]
    env: dict[str, str] | None = None
    cwd: Path | None = None
    stop_group: int = 0  # lower groups stop first; one group stops together
    stop_timeout: float = 15.0  # SIGTERM → SIGKILL after this many seconds
    pass_fds: tuple[int, ...] = ()  # inherited file descriptors (the API's listening socket)


@dataclass
class Child:
    """A spec and its current process, with what the backoff needs."""

    spec: ChildSpec
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    failures: int = 0  # consecutive short-lived runs
    restart_at: float | None = None
    restarts: int = 0


def _die_with_parent() -> None:  # pragma: no cover - runs in the forked child
    """A killed launcher must not leave orphans: the kernel sends SIGTERM when it dies."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@dataclass
class Supervisor:
    """Starts children, restarts the ones that exit (exponential backoff), stops all in order."""

    specs: Sequence[ChildSpec]
    backoff_initial: float = 0.5
    backoff_max: float = 30.0
    stable_after: float = 10.0  # a run this long resets the backoff
    log: Callable[[str], None] = field(default=lambda line: print(line, flush=True))
    children: list[Child] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.children = [Child(spec) for spec in self.specs]

    def child(self, name: str) -> Child:
        """The child with this name."""
        return next(c for c in self.children if c.spec.name == name)

    def pid(self, name: str) -> int | None:
        """The current process id of a child (None while it waits for a restart)."""
        process = self.child(name).process
        return None if process is None or process.poll() is not None else process.pid

    def start(self, name: str) -> subprocess.Popen[bytes]:
        """Start (or start again) one child in its own session, so that a terminal's Ctrl-C
        reaches only the launcher, which then stops everyone in order."""
        child = self.child(name)
        spec = child.spec
        child.process = subprocess.Popen(
            spec.command,
            env=spec.env,
            cwd=spec.cwd,
            start_new_session=True,
            pass_fds=spec.pass_fds,
            preexec_fn=_die_with_parent,  # the launcher is single-threaded, so this is safe
        )
        child.started_at = time.monotonic()
        child.restart_at = None
        return child.process

    def start_all(self) -> None:
        """Start every child that is not running."""
        for child in self.children:
            if child.process is None:
                self.start(child.spec.name)

    def check(self, now: float | None = None) -> None:
        """Schedule restarts for children that exited and restart those whose delay passed."""
        now = time.monotonic() if now is None else now
        for child in self.children:
            process = child.process
            if process is not None and child.restart_at is None and process.poll() is not None:
                ran = now - child.started_at
                child.failures = 0 if ran >= self.stable_after else child.failures + 1
                delay = min(
                    self.backoff_initial * 2 ** max(child.failures - 1, 0), self.backoff_max
                )
                child.restart_at = now + delay
                self.log(
                    f"supervisor: {child.spec.name} exited with code {process.returncode} after "
                    f"{ran:.1f} s; restarting in {delay:.1f} s"
                )
            if child.restart_at is not None and now >= child.restart_at:
                self.start(child.spec.name)
                child.restarts += 1
                self.log(f"supervisor: {child.spec.name} restarted (pid {child.process.pid})")  # type: ignore[union-attr]

    def run(self, stopping: Callable[[], bool], interval: float = 0.2) -> None:
        """Supervise until stopping() is true."""
        while not stopping():
            self.check()
            time.sleep(interval)

    def stop_all(self) -> None:
        """SIGTERM each stop group in turn (lowest first), wait, SIGKILL what hangs."""
        for group in sorted({c.spec.stop_group for c in self.children}):
            members = [c for c in self.children if c.spec.stop_group == group]
            for child in members:
                child.restart_at = None
                if child.process is not None and child.process.poll() is None:
                    child.process.terminate()
            for child in members:
                if child.process is None:
                    continue
                try:
                    child.process.wait(timeout=child.spec.stop_timeout)
                except subprocess.TimeoutExpired:
                    self.log(f"supervisor: {child.spec.name} did not stop; killing it")
                    child.process.kill()
                    child.process.wait()
