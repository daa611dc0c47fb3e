"""Entry point of the training child process: pure training, typed messages through a pipe."""

from __future__ import annotations

import contextlib
import gzip
import os
import signal
import threading
import time
import traceback
from multiprocessing.connection import Connection
from typing import Any

from backend.db.trained import training_result
from backend.worker.messages import Progress, TrainingFailed

# Progress of the child is mapped into this part of the job's 0..1; the parent saves after.
LOAD_DONE = 0.05
TRAIN_DONE = 0.93


def train_in_child(
    conn: Connection, dataset: bytes | None, model_type: str, hyperparameters: dict[str, Any]
) -> None:
    """Load matches and train; send Progress messages, then a TrainingResult or TrainingFailed."""
    # Ctrl-C in a terminal reaches the whole process group; the worker decides what a stop
    # means (re-queue), so the child must not turn it into a training error.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    started = time.perf_counter()
    try:
        conn.send(Progress(0.01, "loading data"))
        from backend.matches import MatchDataError, load_default_matches, read_matches
        from backend.ml import train_model

        try:
            if dataset is None:
                matches = load_default_matches()
            else:
                matches = read_matches(gzip.decompress(dataset), require_label=True)
        except MatchDataError as exc:
            conn.send(TrainingFailed(f"the training data is invalid: {exc}"))
            return
        conn.send(Progress(LOAD_DONE, f"loaded {matches.height} matches"))
        loaded = time.perf_counter()

        def report(fraction: float, message: str) -> None:
            share = LOAD_DONE + (TRAIN_DONE - LOAD_DONE) * min(max(fraction, 0.0), 1.0)
            conn.send(Progress(share, message))

        model = train_model(matches, model_type, hyperparameters, progress=report)
        del matches
        trained = time.perf_counter()
        result = training_result(model)
        result.timings.update(
            load_s=loaded - started,
            train_s=trained - loaded,
            artifact_s=time.perf_counter() - trained,
        )
        conn.send(result)
    except (BrokenPipeError, EOFError):
        os._exit(1)  # the worker is gone (killed or stopped); nobody to report to
    except Exception as exc:
        with contextlib.suppress(OSError):
            conn.send(TrainingFailed(f"{type(exc).__name__}: {exc}", traceback.format_exc()))
    finally:
        conn.close()


def _exit_with_parent() -> None:
    """A killed worker must not leave its training child burning CPU."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()
