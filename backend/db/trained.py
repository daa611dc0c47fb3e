"""What a fit (or an imported model) hands the database: the artifact and what is stored beside it.

The training child builds it (`training_result`), so does a model import; `db/job_state.py`
writes it; the results code reads the training end back. It lives here, below all three, so
none of them imports another's room for it.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from typing import Any

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


BY_TIME = "start_time"


@dataclass(frozen=True)
class TrainingEnd:
    """What decides which stored results a model's state applies (from its artifact's state)."""

    advanceable: bool  # False: a state from before roll-forward existed
    order_key: str
    match_id: int | None
    start_time: int | None

    def key(self) -> tuple[int, int]:
        """The training end's sort key under the model's time order (MatchPosition.key)."""
        assert self.match_id is not None
        if self.order_key == BY_TIME:
            return (self.start_time if self.start_time is not None else -1, self.match_id)
        return (0, self.match_id)


def training_end_of(state: Any) -> TrainingEnd:
    """The training end of a HistoryState (same rule as the model store's ``_can_advance``)."""
    end = getattr(state, "training_end", None)
    order_key = str(getattr(state, "order_key", "match_id"))
    if getattr(state, "n_matches", -1) < 0 or end is None:
        return TrainingEnd(False, order_key, None, None)
    start = end.start_time if order_key == BY_TIME else None
    return TrainingEnd(True, order_key, int(end.match_id), None if start is None else int(start))


def new_state_row(model_id: str, end: TrainingEnd) -> RollForwardState:
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


def training_result(model: Any, artifact: bytes | None = None) -> TrainingResult:
    """The artifact (`artifact`: its bytes, if already written) and everything the database
    stores next to it."""
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
