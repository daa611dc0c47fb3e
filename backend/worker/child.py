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

from backend.worker.messages import Progress, TrainingFailed, TrainingResult

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


def training_result(model: Any, artifact: bytes | None = None) -> TrainingResult:
    """The artifact (`artifact`: its bytes, if already written) and everything the database
    stores next to it."""
    from backend.results.positions import training_end_of

    player_games = getattr(model, "player_games", None) or {}
    holdout = getattr(model, "holdout", None)
    return TrainingResult(
        artifact=model.to_bytes() if artifact is None else artifact,
        model_type=model.model_type,
        hyperparameters=model.hyperparameters,
        metrics=model.metrics,
        evaluation=model.evaluation,
        feature_importances=model.feature_importances,
        training_summary=model.training_summary,
        fit_seconds=float(model.fit_seconds),
        players=[
            (int(account_id), int(player_games.get(account_id, 0)))
            for account_id in model.known_account_ids
        ],
        holdout_csv=holdout_csv(holdout),
        n_holdout=0 if holdout is None else len(holdout),
        training_end=training_end_of(model.state) if hasattr(model, "state") else None,
    )


def holdout_csv(rows: Any) -> bytes | None:
    """A fit's holdout predictions (trained_model.HOLDOUT_DTYPE rows) as gzip CSV; start_time
    is empty where unknown."""
    if rows is None or len(rows) == 0:
        return None
    import polars as pl

    from backend.ml.frame import NO_TIME

    frame = pl.DataFrame(
        {
            "match_id": rows["match_id"],
            "start_time": rows["start_time"],
            "radiant_win": rows["radiant_win"].astype(bool),
            "radiant_win_probability": rows["p"],
        }
    ).with_columns(
        pl.when(pl.col("start_time") == NO_TIME).then(None).otherwise(pl.col("start_time"))
        .alias("start_time")
    )  # fmt: skip
    return gzip.compress(frame.write_csv().encode(), 6, mtime=0)


def _exit_with_parent() -> None:
    """A killed worker must not leave its training child burning CPU."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()
