"""A training child started ahead of time, its heavy imports done, waiting for its job.

Starting a spawn child and importing polars, scikit-learn and CatBoost costs one to two seconds
per job; a warm child takes the job at once. After a job ends, the next child is started (so its
start-up never competes with a running training for the CPU). Spawn, not fork: the worker's
event loop and Redis connections must not leak into the child.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

PRELOAD = ("numpy", "polars", "sklearn.linear_model", "catboost", "backend.matches", "backend.ml")


def _warm_main(jobs: Connection, results: Connection) -> None:
    """Child: import what training needs, wait for (target, args), run target(results, *args)."""
    for name in PRELOAD:
        with contextlib.suppress(ImportError):  # a missing one only costs its import later
            importlib.import_module(name)
    try:
        target, args = jobs.recv()
    except EOFError:  # the worker went away before giving us a job
        jobs.close()
        _exit_now()
    jobs.close()
    target(results, *args)
    _exit_now()


def _exit_now() -> None:
    """Leave without the interpreter's teardown; what the job had to say is already sent.

    A spawn child ends with a full interpreter shutdown, and with polars', CatBoost's and
    OpenMP's thread pools loaded that shutdown can hang: on a loaded CI machine a child that
    had sent its result was still alive 300 s later. The worker would kill it anyway; exiting
    at once also frees its memory for the next job.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


class WarmPool:
    """At most one idle child, ready for the next job."""

    def __init__(self) -> None:
        self._idle: tuple[BaseProcess, Connection, Connection] | None = None
        self._lock = threading.Lock()

    def _spawn(self) -> tuple[BaseProcess, Connection, Connection]:
        context = multiprocessing.get_context("spawn")
        job_out, job_in = context.Pipe(duplex=False)
        result_out, result_in = context.Pipe(duplex=False)
        process = context.Process(
            target=_warm_main, args=(job_out, result_in), name="train-warm", daemon=True
        )
        process.start()
        job_out.close()
        result_in.close()
        return process, job_in, result_out

    def prefill(self) -> None:
        """Start an idle child now (worker start-up) if there is none."""
        with self._lock:
            if self._idle is None or not self._idle[0].is_alive():
                self._idle = self._spawn()

    def start(
        self, target: Callable[..., None], args: tuple[Any, ...]
    ) -> tuple[BaseProcess, Connection]:
        """Run target(results_connection, *args) in a child; returns it and the results end."""
        with self._lock:
            idle, self._idle = self._idle, None
        if idle is None or not idle[0].is_alive():
            idle = self._spawn()
        process, jobs, results = idle

        def hand_over() -> None:  # a large dataset must not block the worker's event loop
            try:
                jobs.send((target, args))
            except OSError:  # the child died; the caller sees it exit
                pass
            finally:
                jobs.close()
            # Wait for the exit without reaping it: the caller joins its own child, and two
            # threads reaping one process race (the loser reads exit code None).
            wait([process.sentinel])
            self.prefill()  # the next job's child starts once this one is done

        threading.Thread(target=hand_over, daemon=True, name="train-hand-over").start()
        return process, results


def exit_code(process: BaseProcess, timeout: float) -> int | None:
    """The child's exit code once it has exited (None if it is still running after timeout).

    `process.exitcode` alone can read None for a child that has exited: starting a process
    polls every other child too (multiprocessing's cleanup), and a thread whose waitpid finds
    the child already reaped by another thread returns None until that thread has stored the
    code. So wait for the exit, then for the stored code.
    """
    if not wait([process.sentinel], timeout):
        return None
    deadline = time.monotonic() + 5
    while (code := process.exitcode) is None and time.monotonic() < deadline:
        time.sleep(0.01)
    return code


POOL = WarmPool()
