"""What the training child sends its worker over the pipe: typed, picklable messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Progress:
    """Training moved on: a fraction of the whole job (0..1) and what it is doing."""

    fraction: float
    message: str


@dataclass(frozen=True)
class TrainingFailed:
    """Training ended by its own error (bad data, an exception in the model code)."""

    message: str
    details: str | None = None  # a traceback for the worker's log, never shown to users


@dataclass(frozen=True)
class TrainingResult:
    """A trained model: the artifact and everything the database stores next to it."""

    artifact: bytes
    model_type: str
    hyperparameters: dict[str, Any]
    metrics: dict[str, Any] | None
    evaluation: dict[str, Any] | None
    feature_importances: list[Any] | None
    training_summary: dict[str, Any] | None
    fit_seconds: float
    players: list[tuple[int, int]] = field(default_factory=list)  # (account id, games)
    holdout_csv: bytes | None = None  # gzip CSV of the holdout predictions (none: not stored)
    n_holdout: int = 0
    # Seconds the child spent per stage (load, train, artifact), for the worker's log.
    timings: dict[str, float] = field(default_factory=dict)
    # The state's training end (backend.results.positions.TrainingEnd), stored beside the
    # artifact so results posts report the model without loading it; None: read it later.
    training_end: Any = None


ChildMessage = Progress | TrainingFailed | TrainingResult
