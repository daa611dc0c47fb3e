"""An arq worker inside the test process: a thread with its own event loop.

For tests that need the queue's consumer but not a worker process: it starts in well under a
second, and the test can read its state (``jobs_complete``, ``jobs_failed``, the
WorkerContext in ``ctx``) directly. It runs the same ``worker_settings`` as
``python -m backend.worker``; training still happens in the warm pool's child process.
"""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from arq.worker import Worker

from backend.settings import Settings
from backend.worker.settings import worker_settings
from tests.support.live_service import LiveService


def settings_of(service: LiveService) -> Settings:
    """The Settings a worker process of ``service`` would read from its environment."""
    values = {k[len("APP_") :].lower(): v for k, v in service.env().items() if k.startswith("APP_")}
    return Settings.model_validate(values)


@contextmanager
def inprocess_worker(settings: Settings, timeout: float = 60) -> Iterator[Worker]:
    """Run an arq worker for ``settings`` until the block ends, then stop it as SIGTERM
    would (running jobs are waited for, up to the worker's completion wait)."""
    made: dict[str, Any] = {}
    ready = threading.Event()

    def run() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            made["worker"] = Worker(**worker_settings(settings), handle_signals=False)
            made["loop"] = loop
        finally:
            ready.set()
        try:
            made["worker"].run()  # until its main task is cancelled; then closes itself
        finally:
            loop.close()

    thread = threading.Thread(target=run, name="arq-worker-in-process", daemon=True)
    thread.start()
    assert ready.wait(timeout) and "worker" in made, "the in-process worker did not start"
    worker: Worker = made["worker"]
    try:
        yield worker
    finally:
        made["loop"].call_soon_threadsafe(worker.handle_sig, signal.SIGTERM)
        thread.join(timeout)
        assert not thread.is_alive(), "the in-process worker did not stop"
