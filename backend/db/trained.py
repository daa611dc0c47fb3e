"""What a fit (or an imported model) hands the database: the artifact and what is stored beside it.

Here, below the worker that produces it and the results code that reads the state row, so that
`backend/db/job_state.py` stores a trained model importing neither.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from backend.db.tables import RollForwardState


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


class StateEnd(Protocol):
    """A model state's training end (backend.results.positions.TrainingEnd)."""

    @property
    def advanceable(self) -> bool: ...
    @property
    def order_key(self) -> str: ...
    @property
    def match_id(self) -> int | None: ...
    @property
    def start_time(self) -> int | None: ...


def new_state_row(model_id: str, end: StateEnd) -> RollForwardState:
    """The row written beside a new artifact: nothing counted yet (seq -1)."""
    return RollForwardState(
        model_id=model_id,
        advanceable=end.advanceable,
        order_key=end.order_key,
        end_match_id=end.match_id,
        end_start_time=end.start_time,
        seq=-1,
        results_applied=0,
    )
