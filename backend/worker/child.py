"""Entry point of the training child process: pure training, results sent through a pipe."""

from __future__ import annotations

import gzip
import os
import threading
import time
import traceback
from multiprocessing.connection import Connection
from typing import Any

# Progress of the child is mapped into this part of the job's 0..1; the parent saves after.
LOAD_DONE = 0.05
TRAIN_DONE = 0.93


def train_in_child(
    conn: Connection, dataset: bytes | None, model_type: str, hyperparameters: dict[str, Any]
) -> None:
    """Load matches and train; send progress messages, then a result or an error."""
    _exit_with_parent()
    try:
        conn.send(("progress", 0.01, "loading data"))
        from backend.matches import MatchDataError, load_default_matches, read_matches
        from backend.ml import train_model

        try:
            if dataset is None:
                matches = load_default_matches()
            else:
                matches = read_matches(gzip.decompress(dataset), require_label=True)
        except MatchDataError as exc:
            conn.send(("error", f"the training data is invalid: {exc}", None))
            return
        conn.send(("progress", LOAD_DONE, f"loaded {matches.height} matches"))

        def report(fraction: float, message: str) -> None:
            share = LOAD_DONE + (TRAIN_DONE - LOAD_DONE) * min(max(fraction, 0.0), 1.0)
            conn.send(("progress", share, message))

        model = train_model(matches, model_type, hyperparameters, progress=report)
        conn.send(("result", model.to_bytes(), _metadata(model)))
    except Exception as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}", traceback.format_exc()))
    finally:
        conn.close()


def _metadata(model: Any) -> dict[str, Any]:
    """Everything the database stores next to the artifact."""
    player_games = getattr(model, "player_games", None) or {}
    return {
        "model_type": model.model_type,
        "hyperparameters": model.hyperparameters,
        "metrics": model.metrics,
        "evaluation": model.evaluation,
        "feature_importances": model.feature_importances,
        "training_summary": model.training_summary,
        "fit_seconds": float(model.fit_seconds),
        "players": [
            (int(account_id), int(player_games.get(account_id, 0)))
            for account_id in model.known_account_ids
        ],
    }


def _exit_with_parent() -> None:
    """A killed worker must not leave its training child burning CPU."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()
