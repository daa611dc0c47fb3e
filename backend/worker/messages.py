"""What the training child sends its worker over the pipe: typed, picklable messages.

A `TrainingResult` (backend/db/trained.py, where the database code that stores it reads it) ends
a successful fit.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.db.trained import TrainingResult


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


ChildMessage = Progress | TrainingFailed | TrainingResult
